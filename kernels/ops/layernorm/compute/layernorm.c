/* LayerNorm or RMSNorm over the rows of tile-rows of Wt tiles, as tt-metal's layernorm compute
 * kernel: E[x] by reduce_tile (SUM over each row, scaled by the 1/C scaler tile), x − E[x] with
 * sub_tiles_bcast_cols, its square, reduce → Var, + eps, rsqrt, mul_tiles_bcast_cols, then gamma
 * (mul_tiles_bcast_rows) and beta (add_tiles_bcast_rows). RMSNorm skips the mean.
 *
 * When C is not a multiple of 32 the last tile of a row is multiplied by a mask tile after x − E[x],
 * so its padded columns do not add E[x]² to the variance and stay zero in the output. The padding
 * of x must be zero, so that it adds nothing to E[x] (or E[x²]): tilize pads with zeros, and the
 * ops keep zero padding zero. Padded rows come out as beta (their x − E[x] is zero).
 *
 * With peers > 1 (block sharding) a core holds only some columns of its rows: it computes partial
 * E[x] and E[x²] over them for every row first and packs them to c_20; the writer hart exchanges
 * them with the other cores of the row (c_21 receives all of them), and the sums of the partials
 * give E[x] and E[x²], Var = E[x²] − E[x]².
 *
 * args: rows (tile-rows), Wt, block (tiles per Dst pass, at most a Dst half), rms, gamma, beta,
 *       masked, resident (x holds all rows at once: a shard), peers, eps (f32 bits) */
#include "compute_kernel_api.h"

enum {
  cb_x = 0, cb_gamma = 1, cb_beta = 2, cb_scaler = 3, cb_one = 4, cb_mask = 5, cb_out = 16,
  cb_partial = 20, cb_gather = 21, cb_ex2 = 22, cb_ex = 24, cb_xmm = 25, cb_xmm2 = 26, cb_ex2pe = 27,
  cb_tmp = 28, cb_norm = 29, cb_gammed = 30,
};

static uint32_t Wt, block, eps_bits;

/* Packs the first n Dst tiles of the pass just made into ocb and pushes them. */
static void pack_out(uint32_t ocb, uint32_t n) {
  tile_regs_commit();
  cb_reserve_back(ocb, n);
  tile_regs_wait();
  for (uint32_t j = 0; j < n; j++) pack_tile(j, ocb, j);
  tile_regs_release();
  cb_push_back(ocb, n);
}

/* ocb[i] = a[a0 + i] op b[b0 + i·b_step] for i < n, in passes of at most `block` tiles. */
static void eltwise(uint32_t op, uint32_t bcast, uint32_t a, uint32_t a0, uint32_t b, uint32_t b0, uint32_t b_step, uint32_t n, uint32_t ocb) {
  init_bcast(op, bcast, a, b);
  for (uint32_t i = 0; i < n; i += block) {
    const uint32_t m = n - i < block ? n - i : block;
    tile_regs_acquire();
    for (uint32_t j = 0; j < m; j++) binary_tiles(op, bcast, a, b, a0 + i + j, b0 + (i + j) * b_step, j);
    pack_out(ocb, m);
  }
}

/* Σ over n tiles of icb (from first, every step-th) of each row × the scaler, into column 0 of
 * Dst 0; the pass is left open for SFPU work on it. */
static void reduce_rows(uint32_t icb, uint32_t first, uint32_t step, uint32_t n, uint32_t scaler) {
  reduce_init(icb, scaler, cb_ex2pe, MESHSIM_REDUCE_SUM, MESHSIM_REDUCE_ROW);
  tile_regs_acquire();
  for (uint32_t i = 0; i < n; i++) reduce_tile(icb, scaler, first + i * step, 0, 0);
}

/* rsqrt(Dst 0 + eps), packed into c_27. */
static void finish_rsqrt(void) {
  binop_with_scalar_tile_init(BINARY_ADD);
  add_unary_tile(0, eps_bits);
  rsqrt_tile_init();
  rsqrt_tile(0);
  pack_out(cb_ex2pe, 1);
}

/* x − E[x] of the row at x0 into c_25, the last tile masked when C is not whole tiles. */
static void centre(uint32_t x0, uint32_t masked) {
  cb_wait_front(cb_ex, 1);
  eltwise(BINARY_SUB, BCAST_COLS, cb_x, x0, cb_ex, 0, 0, Wt - masked, cb_xmm);
  if (masked) {
    eltwise(BINARY_SUB, BCAST_COLS, cb_x, x0 + Wt - 1, cb_ex, 0, 0, 1, cb_tmp);
    cb_wait_front(cb_tmp, 1);
    eltwise(BINARY_MUL, BCAST_NONE, cb_tmp, 0, cb_mask, 0, 0, 1, cb_xmm);
    cb_pop_front(cb_tmp, 1);
  }
  cb_pop_front(cb_ex, 1);
  cb_wait_front(cb_xmm, Wt);
}

/* Σ(v²)/C over the row of Wt tiles of icb at v0, left open in Dst 0. */
static void mean_square(uint32_t icb, uint32_t v0) {
  eltwise(BINARY_MUL, BCAST_NONE, icb, v0, icb, v0, 1, Wt, cb_xmm2);
  cb_wait_front(cb_xmm2, Wt);
  reduce_rows(cb_xmm2, 0, 1, Wt, cb_scaler);
}

/* v · rsqrt(Var + eps) (· gamma) (+ beta) into c_16, block by block. */
static void normalize(uint32_t v, uint32_t v0, uint32_t gamma, uint32_t beta) {
  cb_wait_front(cb_ex2pe, 1);
  if (gamma) cb_wait_front(cb_gamma, Wt); /* read with the first row, kept to the end */
  if (beta) cb_wait_front(cb_beta, Wt);
  for (uint32_t i = 0; i < Wt; i += block) {
    const uint32_t m = Wt - i < block ? Wt - i : block;
    const uint32_t after_norm = gamma ? cb_norm : beta ? cb_gammed : cb_out;
    eltwise(BINARY_MUL, BCAST_COLS, v, v0 + i, cb_ex2pe, 0, 0, m, after_norm);
    if (gamma) {
      cb_wait_front(cb_norm, m);
      eltwise(BINARY_MUL, BCAST_ROWS, cb_norm, 0, cb_gamma, i, 1, m, beta ? cb_gammed : cb_out);
      cb_pop_front(cb_norm, m);
    }
    if (beta) {
      cb_wait_front(cb_gammed, m);
      eltwise(BINARY_ADD, BCAST_ROWS, cb_gammed, 0, cb_beta, i, 1, m, cb_out);
      cb_pop_front(cb_gammed, m);
    }
  }
  cb_pop_front(cb_ex2pe, 1);
}

void kernel_main(void) {
  const uint32_t rows = get_arg_val(0);
  Wt = get_arg_val(1);
  block = get_arg_val(2);
  const uint32_t rms = get_arg_val(3), gamma = get_arg_val(4), beta = get_arg_val(5);
  const uint32_t masked = get_arg_val(6), resident = get_arg_val(7), peers = get_arg_val(8);
  eps_bits = get_arg_val(9);
  const uint32_t stats = rms ? 1 : 2; /* partials per row: E[x²], or E[x] and E[x²] */

  binary_op_init_common(cb_x, cb_scaler, cb_out);
  cb_wait_front(cb_scaler, 1);
  if (masked && !rms) cb_wait_front(cb_mask, 1);
  if (resident) cb_wait_front(cb_x, rows * Wt);

  if (peers > 1) {
    /* Partial statistics of every row, for the writer to exchange. */
    for (uint32_t r = 0; r < rows; r++) {
      if (!rms) {
        reduce_rows(cb_x, r * Wt, 1, Wt, cb_scaler);
        pack_out(cb_partial, 1);
      }
      mean_square(cb_x, r * Wt);
      pack_out(cb_partial, 1);
      cb_pop_front(cb_xmm2, Wt);
    }
    cb_wait_front(cb_one, 1);
    cb_wait_front(cb_gather, peers * rows * stats);
  }

  for (uint32_t r = 0; r < rows; r++) {
    uint32_t x0 = r * Wt;
    if (!resident) {
      cb_wait_front(cb_x, Wt);
      x0 = 0;
    }
    if (peers > 1) {
      /* Partial k of row r, statistic s, is tile (k·rows + r)·stats + s of c_21. */
      const uint32_t first = r * stats, step = rows * stats;
      if (rms) {
        reduce_rows(cb_gather, first, step, peers, cb_one);
        finish_rsqrt();
      } else {
        reduce_rows(cb_gather, first, step, peers, cb_one);
        pack_out(cb_ex, 1);
        reduce_rows(cb_gather, first + 1, step, peers, cb_one);
        pack_out(cb_ex2, 1);
        cb_wait_front(cb_ex, 1);
        cb_wait_front(cb_ex2, 1);
        eltwise(BINARY_MUL, BCAST_NONE, cb_ex, 0, cb_ex, 0, 0, 1, cb_tmp);
        cb_wait_front(cb_tmp, 1);
        sub_tiles_init(cb_ex2, cb_tmp);
        tile_regs_acquire();
        sub_tiles(cb_ex2, cb_tmp, 0, 0, 0);
        finish_rsqrt();
        cb_pop_front(cb_ex2, 1);
        cb_pop_front(cb_tmp, 1);
        centre(x0, masked);
      }
    } else if (rms) {
      mean_square(cb_x, x0);
      finish_rsqrt();
      cb_pop_front(cb_xmm2, Wt);
    } else {
      reduce_rows(cb_x, x0, 1, Wt, cb_scaler);
      pack_out(cb_ex, 1);
      centre(x0, masked);
      mean_square(cb_xmm, 0);
      finish_rsqrt();
      cb_pop_front(cb_xmm2, Wt);
    }
    if (rms) {
      normalize(cb_x, x0, gamma, 0);
    } else {
      normalize(cb_xmm, 0, gamma, beta);
      cb_pop_front(cb_xmm, Wt);
    }
    if (!resident) cb_pop_front(cb_x, Wt);
  }
}
