/* The tile steps of scaled dot-product attention that the head-parallel and the flash compute
 * kernels share. Circular buffers (the host's sim/ops/attention/program.ts makes them):
 *   c_0 Q rows, c_1 K rows, c_2 V rows (reader); c_3 the mask tiles, c_4 the reduce scaler (writer);
 *   c_16 output rows (writer); c_24 Kᵀ tiles, c_25 scores, c_26 probabilities, c_27 the row max,
 *   c_28 1 / row sum, c_29 P·V before it is normalised; flash only: c_30 running max m,
 *   c_31 running sum l, c_23 running output O (queues, one entry per query tile of the block),
 *   c_22 the rescale factor exp(m_old − m_new).
 * Every score and probability tile is 32 query rows × 32 key columns; a K or V row is one tile row
 * (32 keys) of head_dim / 32 tiles. All tiles are bf16. */
#ifndef ATTENTION_STEPS_H
#define ATTENTION_STEPS_H
#include "compute_kernel_api.h"
#include "../cb_padding.h"

enum {
  cb_q = 0, cb_k = 1, cb_v = 2, cb_mask = 3, cb_scaler = 4, cb_out = 16,
  cb_alpha = 22, cb_o = 23, cb_kt = 24, cb_s = 25, cb_p = 26, cb_max = 27, cb_recip = 28, cb_pv = 29,
  cb_m = 30, cb_l = 31,
};
/* Mask tiles in c_3, as the writer fills them: causal (column > row is -inf), padding (columns
 * past the sequence are -inf), both; and no mask. */
enum { MASK_CAUSAL = 0, MASK_PAD = 1, MASK_BOTH = 2, MASK_NONE = 3 };
/* Tiles a Dst half holds (bf16 Dst, no fp32 accumulation). */
#define DST_HALF 8u

typedef struct {
  uint32_t St;         /* sequence length in tiles */
  uint32_t Dt;         /* head_dim in tiles, at most DST_HALF */
  uint32_t causal;
  uint32_t padded;     /* the last key tile has columns past the sequence */
  uint32_t scale_bits; /* the score scale, as IEEE float bits */
} attention_shape;

/* The mask tile that score tile (query tile qi, key tile kj) needs. */
static inline uint32_t mask_of(const attention_shape *a, uint32_t qi, uint32_t kj) {
  const uint32_t diag = a->causal && kj == qi;
  const uint32_t pad = a->padded && kj == a->St - 1;
  return diag ? (pad ? MASK_BOTH : MASK_CAUSAL) : (pad ? MASK_PAD : MASK_NONE);
}

/* Kᵀ for `rows` K rows: each tile of c_1 transposed into c_24, in the same order. */
static inline void transpose_k_rows(const attention_shape *a, uint32_t rows) {
  for (uint32_t r = 0; r < rows; r++) {
    cb_wait_front(cb_k, a->Dt);
    transpose_wh_init(cb_k, cb_kt);
    tile_regs_acquire();
    for (uint32_t d = 0; d < a->Dt; d++) transpose_wh_tile(cb_k, d, d);
    tile_regs_commit();
    cb_pop_front(cb_k, a->Dt);
    cb_reserve_back(cb_kt, a->Dt);
    tile_regs_wait();
    for (uint32_t d = 0; d < a->Dt; d++) pack_tile(d, cb_kt, d);
    tile_regs_release();
    cb_push_back(cb_kt, a->Dt);
  }
}

/* n ≤ DST_HALF score tiles into c_25, `at` pages past its back (reserved): scale · (Q row · Kᵀ +
 * mask), -inf where masked as the scale is positive, for the query row starting at tile q0 of c_0 (query tile qi) and the Kᵀ rows starting at
 * row kt0 of c_24 (key tile kj0). The mask is copied into Dst first and the matmul accumulates
 * onto it (as tt-metal's matmul reloads partials). */
static inline void score_tiles(const attention_shape *a, uint32_t q0, uint32_t kt0, uint32_t n, uint32_t qi, uint32_t kj0, uint32_t at) {
  tile_regs_acquire();
  uint32_t masked = 0;
  for (uint32_t t = 0; t < n; t++) masked |= mask_of(a, qi, kj0 + t) != MASK_NONE;
  if (masked) {
    cb_wait_front(cb_mask, 3); /* at first use: the writer fills the masks while the inputs arrive */
    copy_tile_init(cb_mask);
    for (uint32_t t = 0; t < n; t++) {
      const uint32_t m = mask_of(a, qi, kj0 + t);
      if (m != MASK_NONE) copy_tile(cb_mask, m, t);
    }
  }
  mm_init(cb_q, cb_kt, cb_s);
  for (uint32_t t = 0; t < n; t++)
    for (uint32_t d = 0; d < a->Dt; d++) matmul_tiles(cb_q, cb_kt, q0 + d, (kt0 + t) * a->Dt + d, t);
  binop_with_scalar_tile_init(BINARY_MUL);
  for (uint32_t t = 0; t < n; t++) mul_unary_tile(t, a->scale_bits);
  tile_regs_commit();
  tile_regs_wait();
  for (uint32_t t = 0; t < n; t++) pack_tile(t, cb_s, at + t);
  tile_regs_release();
}

/* Rows of scores and probabilities take a fixed `slot` of pages in their CBs, whatever the number
 * n ≤ slot of key tiles a query row sees (../cb_padding.h says why). */

/* One query row's n score tiles (groups of a Dst half) in a slot of c_25. */
static inline void score_row(const attention_shape *a, uint32_t q0, uint32_t kt0, uint32_t n, uint32_t qi, uint32_t kj0, uint32_t slot) {
  cb_reserve_back(cb_s, slot);
  for (uint32_t g = 0; g < n; g += DST_HALF) score_tiles(a, q0, kt0 + g, n - g < DST_HALF ? n - g : DST_HALF, qi, kj0 + g, g);
  cb_push_back(cb_s, slot);
}

/* Row-reduces the first n tiles of `cb` (waited for) into Dst 0 with the 1.0 scaler; adds to (sum)
 * or takes the max with (max) what Dst 0 holds already. */
static inline void reduce_rows(uint32_t op, uint32_t cb, uint32_t n, uint32_t ocb) {
  cb_wait_front(cb_scaler, 1);
  reduce_init(cb, cb_scaler, ocb, op, MESHSIM_REDUCE_ROW);
  for (uint32_t t = 0; t < n; t++) reduce_tile(cb, cb_scaler, t, 0, 0);
}

/* Packs Dst 0 as one tile into `cb`, after tile_regs_commit. */
static inline void pack_one(uint32_t cb) {
  cb_reserve_back(cb, 1);
  tile_regs_wait();
  pack_tile(0, cb, 0);
  tile_regs_release();
  cb_push_back(cb, 1);
}

/* P = exp(S − max) for the n score tiles of c_25's front slot (popped) into a slot of c_26, the row
 * max (column 0 of c_27's front tile) broadcast along each row. */
static inline void exp_scores(uint32_t n, uint32_t slot) {
  cb_reserve_back(cb_p, slot);
  for (uint32_t g = 0; g < n; g += DST_HALF) {
    const uint32_t m = n - g < DST_HALF ? n - g : DST_HALF;
    init_bcast(BINARY_SUB, BCAST_COLS, cb_s, cb_max);
    exp_tile_init();
    tile_regs_acquire();
    for (uint32_t t = 0; t < m; t++) {
      sub_tiles_bcast_cols(cb_s, cb_max, g + t, 0, t);
      exp_tile(t);
    }
    tile_regs_commit();
    tile_regs_wait();
    for (uint32_t t = 0; t < m; t++) pack_tile(t, cb_p, g + t);
    tile_regs_release();
  }
  cb_push_back(cb_p, slot);
  cb_pop_front(cb_s, slot);
}


/* Packs Dst 0..Dt-1 into `cb` as one output row, after tile_regs_commit. */
static inline void pack_row(const attention_shape *a, uint32_t cb) {
  cb_reserve_back(cb, a->Dt);
  tile_regs_wait();
  for (uint32_t d = 0; d < a->Dt; d++) pack_tile(d, cb, d);
  tile_regs_release();
  cb_push_back(cb, a->Dt);
}

/* The output row: c_29's row times 1 / row sum (c_28, column 0 broadcast along rows) into c_16. */
static inline void normalize_row(const attention_shape *a) {
  cb_wait_front(cb_pv, a->Dt);
  cb_wait_front(cb_recip, 1);
  init_bcast(BINARY_MUL, BCAST_COLS, cb_pv, cb_recip);
  tile_regs_acquire();
  for (uint32_t d = 0; d < a->Dt; d++) mul_tiles_bcast_cols(cb_pv, cb_recip, d, 0, d);
  tile_regs_commit();
  cb_pop_front(cb_pv, a->Dt);
  cb_pop_front(cb_recip, 1);
  pack_row(a, cb_out);
}

static inline attention_shape shape_args(uint32_t first) {
  attention_shape a = {get_arg_val(first), get_arg_val(first + 1), get_arg_val(first + 2), get_arg_val(first + 3), get_arg_val(first + 4)};
  return a;
}
#endif
