/* Decode attention compute, as tt-metal's sdpa_flash_decode: per (user, kv head) pair, one Q tile
 * row (the kv head's query rows among the user's padded heads) against this core's chunk of
 * cached positions, streamed in blocks with the online softmax. Per block of nb position tiles:
 *   S = (Q · scale) Kᵀ (the matmul transposing K's tiles; + the mask on the cache's partial last tile);
 *   m_new = max(m, rowmax S);  P = exp(S - m_new);  α = exp(m - m_new);
 *   l = α l + rowsum P;  O = α O + P V.
 * Row quantities (m, l, α) live in column 0 of a tile; m keeps -inf in the other columns, so a
 * row-max reduce over an m tile is its column 0. Then, by role: alone, O / l goes out; a worker
 * hands (m, l, O) to the writer to send; a reducer combines its own and its workers' partials j:
 *   m = max m_j;  O = Σ exp(m_j - m) O_j / Σ exp(m_j - m) l_j.
 * args: Dt; pairs; position tiles; block tiles; masked (the chunk ends with the cache's partial
 * last tile); role; workers; scale (float bits) */
#include "compute_kernel_api.h"
#include "../decode_cbs.h"

static uint32_t cb_m = CB_M; /* the CB holding the running max; the next max goes to the other */

static uint32_t other_m(void) { return cb_m == CB_M ? CB_M2 : CB_M; }

/* dst0 + dst1 → dst0 on the SFPU (tt-metal's add_binary_tile, which the C API lacks). */
static void add_dst_tiles(uint32_t idst0, uint32_t idst1) {
  CMD_ARG(0) = BINARY_ADD;
  CMD_ARG(1) = idst0;
  CMD_ARG(2) = idst1;
  CMD_ARG(3) = idst0;
  meshsim_cmd(CMD_SFPU_BINARY_TILE);
}

/* Ends the math on Dst tiles 0 .. n-1 and packs them to the back of cb. */
static void pack_block(uint32_t cb, uint32_t n) {
  tile_regs_commit();
  cb_reserve_back(cb, n);
  tile_regs_wait();
  for (uint32_t i = 0; i < n; i++) pack_tile(i, cb, i);
  tile_regs_release();
  cb_push_back(cb, n);
}

/* Moves cb on by the pages a partial block leaves empty (decode_cbs.h). */
static void skip_pages(uint32_t cb, uint32_t pages) {
  if (!pages) return;
  cb_reserve_back(cb, pages);
  cb_push_back(cb, pages);
}

static void copy_tiles(uint32_t in, uint32_t out, uint32_t n) {
  cb_wait_front(in, n);
  copy_tile_init(in);
  tile_regs_acquire();
  for (uint32_t i = 0; i < n; i++) copy_tile(in, i, i);
  pack_block(out, n);
  cb_pop_front(in, n);
}

static void scale_q(uint32_t Dt, uint32_t scale_bits) {
  cb_wait_front(CB_Q, Dt);
  copy_tile_init(CB_Q);
  binop_with_scalar_tile_init(BINARY_MUL);
  tile_regs_acquire();
  for (uint32_t d = 0; d < Dt; d++) {
    copy_tile(CB_Q, d, d);
    mul_unary_tile(d, scale_bits);
  }
  pack_block(CB_QS, Dt);
  cb_pop_front(CB_Q, Dt);
  cb_wait_front(CB_QS, Dt);
}

/* m_new = max(m_prev, rowmax of tiles first .. first+n-1 of cb) into the other m CB. */
static void running_max(uint32_t m_prev, uint32_t cb, uint32_t first, uint32_t n) {
  tile_regs_acquire();
  copy_tile_init(m_prev);
  copy_tile(m_prev, 0, 0);
  reduce_init(cb, CB_SCALER, other_m(), MESHSIM_REDUCE_MAX, MESHSIM_REDUCE_ROW);
  for (uint32_t t = first; t < first + n; t++) reduce_tile(cb, CB_SCALER, t, 0, 0);
  pack_block(other_m(), 1);
  cb_wait_front(other_m(), 1);
}

/* exp(x - m_new) of tile `tile` of cb, in column 0, into out. */
static void exp_diff(uint32_t cb, uint32_t tile, uint32_t out) {
  init_bcast(BINARY_SUB, BCAST_COLS, cb, other_m());
  exp_tile_init();
  tile_regs_acquire();
  sub_tiles_bcast_cols(cb, other_m(), tile, 0, 0);
  exp_tile(0);
  pack_block(out, 1);
  cb_wait_front(out, 1);
}

/* The new max becomes the running max. */
static void advance_max(uint32_t first) {
  if (!first) cb_pop_front(cb_m, 1);
  cb_m = other_m();
}

static void block(uint32_t Dt, uint32_t nb, uint32_t kb, uint32_t first, uint32_t mask_last) {
  const uint32_t block_pages = kb * Dt;
  cb_wait_front(CB_K, block_pages);
  tile_regs_acquire();
  if (mask_last) {
    copy_tile_init(CB_MASK);
    copy_tile(CB_MASK, 0, nb - 1); /* the matmul accumulates onto it */
  }
  meshsim_matmul_init(CB_QS, CB_K, CB_S, 1, 1, 1, 1); /* K tiles enter transposed: Q Kᵀ */
  for (uint32_t t = 0; t < nb; t++)
    for (uint32_t d = 0; d < Dt; d++) meshsim_matmul_tiles(CB_QS, CB_K, d, t * Dt + d, t, 1);
  pack_block(CB_S, nb);
  skip_pages(CB_S, kb - nb);
  cb_pop_front(CB_K, block_pages);

  cb_wait_front(CB_S, kb);
  running_max(first ? CB_NEG_INF : cb_m, CB_S, 0, nb);

  init_bcast(BINARY_SUB, BCAST_COLS, CB_S, other_m());
  exp_tile_init();
  tile_regs_acquire();
  for (uint32_t t = 0; t < nb; t++) {
    sub_tiles_bcast_cols(CB_S, other_m(), t, 0, t);
    exp_tile(t);
  }
  pack_block(CB_P, nb);
  skip_pages(CB_P, kb - nb);
  cb_pop_front(CB_S, kb);
  cb_wait_front(CB_P, kb);

  if (!first) {
    exp_diff(cb_m, 0, CB_ALPHA);
    cb_wait_front(CB_L, 1);
    cb_wait_front(CB_O, Dt);
    init_bcast(BINARY_MUL, BCAST_COLS, CB_L, CB_ALPHA);
  }
  advance_max(first);

  tile_regs_acquire();
  if (!first) mul_tiles_bcast_cols(CB_L, CB_ALPHA, 0, 0, 0); /* the row sums add onto it */
  reduce_init(CB_P, CB_SCALER, CB_L, MESHSIM_REDUCE_SUM, MESHSIM_REDUCE_ROW);
  for (uint32_t t = 0; t < nb; t++) reduce_tile(CB_P, CB_SCALER, t, 0, 0);
  pack_block(CB_L, 1);
  if (!first) cb_pop_front(CB_L, 1);

  cb_wait_front(CB_V, block_pages);
  tile_regs_acquire();
  if (!first) {
    init_bcast(BINARY_MUL, BCAST_COLS, CB_O, CB_ALPHA);
    for (uint32_t d = 0; d < Dt; d++) mul_tiles_bcast_cols(CB_O, CB_ALPHA, d, 0, d); /* P V adds onto it */
  }
  mm_init(CB_P, CB_V, CB_O);
  for (uint32_t d = 0; d < Dt; d++)
    for (uint32_t t = 0; t < nb; t++) matmul_tiles(CB_P, CB_V, t, t * Dt + d, d);
  pack_block(CB_O, Dt);
  cb_pop_front(CB_V, block_pages);
  cb_pop_front(CB_P, kb);
  if (!first) {
    cb_pop_front(CB_O, Dt);
    cb_pop_front(CB_ALPHA, 1);
  }
}

/* x = Σ e_j x_j over this core's own x (j = 0) and the workers' (tile `tile` of each worker's
 * `stride` tiles in `in`), e_j being tile j of CB_BETA; into the back of `own`. */
static void weighted_sum(uint32_t own, uint32_t in, uint32_t tile, uint32_t stride, uint32_t workers) {
  tile_regs_acquire();
  mul_tiles_bcast_cols(own, CB_BETA, tile, 0, 0);
  for (uint32_t i = 0; i < workers; i++) {
    mul_tiles_bcast_cols(in, CB_BETA, i * stride + tile, i + 1, 1);
    add_dst_tiles(0, 1);
  }
  pack_block(own, 1);
}

/* Folds the workers' partials (CB_M_IN, CB_L_IN, CB_O_IN) into this core's (m, l, O):
 * m = max of all m_j;  e_j = exp(m_j - m);  l = Σ e_j l_j;  O = Σ e_j O_j. */
static void reduce_partials(uint32_t Dt, uint32_t workers) {
  cb_wait_front(cb_m, 1);
  running_max(cb_m, CB_M_IN, 0, workers);
  init_bcast(BINARY_SUB, BCAST_COLS, cb_m, other_m());
  exp_tile_init();
  for (uint32_t first = 0; first <= workers; first += DECODE_DST_HALF) {
    const uint32_t n = decode_min(DECODE_DST_HALF, workers + 1 - first);
    tile_regs_acquire();
    for (uint32_t k = 0; k < n; k++) {
      const uint32_t j = first + k; /* 0: this core's own partial; j: worker j - 1's */
      sub_tiles_bcast_cols(j ? CB_M_IN : cb_m, other_m(), j ? j - 1 : 0, 0, k);
      exp_tile(k);
    }
    pack_block(CB_BETA, n);
  }
  advance_max(0);

  cb_wait_front(CB_BETA, workers + 1);
  cb_wait_front(CB_L, 1);
  cb_wait_front(CB_O, Dt);
  init_bcast(BINARY_MUL, BCAST_COLS, CB_L, CB_BETA);
  weighted_sum(CB_L, CB_L_IN, 0, 1, workers);
  for (uint32_t d = 0; d < Dt; d++) weighted_sum(CB_O, CB_O_IN, d, Dt, workers);
  cb_pop_front(CB_L, 1);
  cb_pop_front(CB_O, Dt);
  cb_pop_front(CB_BETA, workers + 1);
}

/* O / l into CB_OUT. */
static void normalize(uint32_t Dt) {
  cb_wait_front(CB_L, 1);
  copy_tile_init(CB_L);
  recip_tile_init();
  tile_regs_acquire();
  copy_tile(CB_L, 0, 0);
  recip_tile(0);
  pack_block(CB_ALPHA, 1);
  cb_pop_front(CB_L, 1);
  cb_wait_front(CB_ALPHA, 1);
  cb_wait_front(CB_O, Dt);
  init_bcast(BINARY_MUL, BCAST_COLS, CB_O, CB_ALPHA);
  tile_regs_acquire();
  for (uint32_t d = 0; d < Dt; d++) mul_tiles_bcast_cols(CB_O, CB_ALPHA, d, 0, d);
  pack_block(CB_OUT, Dt);
  cb_pop_front(CB_O, Dt);
  cb_pop_front(CB_ALPHA, 1);
  cb_pop_front(cb_m, 1);
}

void kernel_main(void) {
  const uint32_t Dt = get_arg_val(0);
  const uint32_t pairs = get_arg_val(1);
  const uint32_t n = get_arg_val(2);
  const uint32_t kb = get_arg_val(3);
  const uint32_t masked = get_arg_val(4);
  const uint32_t role = get_arg_val(5);
  const uint32_t workers = get_arg_val(6);
  const uint32_t scale_bits = get_arg_val(7);

  binary_op_init_common(CB_Q, CB_K, CB_OUT); /* every CB holds bf16 tiles */
  cb_wait_front(CB_SCALER, 1);
  cb_wait_front(CB_NEG_INF, 1);
  if (masked) cb_wait_front(CB_MASK, 1);

  for (uint32_t p = 0; p < pairs; p++) {
    scale_q(Dt, scale_bits);
    for (uint32_t t = 0; t < n; t += kb) {
      const uint32_t nb = decode_min(kb, n - t);
      block(Dt, nb, kb, t == 0, masked && t + nb == n);
    }
    cb_pop_front(CB_QS, Dt);
    if (role == ROLE_WORKER) {
      copy_tiles(cb_m, CB_OUT_M, 1);
      copy_tiles(CB_L, CB_OUT_L, 1);
      copy_tiles(CB_O, CB_OUT, Dt);
      continue;
    }
    if (role == ROLE_REDUCER) {
      cb_wait_front(CB_M_IN, workers);
      cb_wait_front(CB_L_IN, workers);
      cb_wait_front(CB_O_IN, workers * Dt);
      reduce_partials(Dt, workers);
      cb_pop_front(CB_M_IN, workers);
      cb_pop_front(CB_L_IN, workers);
      cb_pop_front(CB_O_IN, workers * Dt);
    }
    normalize(Dt);
  }
}
