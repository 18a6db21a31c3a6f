/* softmax(scale · x + mask) over each tile row, numerically stable (as tt-metal's softmax kernel):
 *   1. x' = scale · x (SFPU), + the mask tile (c_1; row-broadcast for a [1, cols] mask), + the
 *      generated mask tile (c_5: causal diagonal and/or padded columns) — each a pass packed into
 *      the next CB, the last into c_24; with none of them at all, x stays in c_0;
 *   2. m = max over the row (reduce MAX, scaler 1) into c_27;
 *   3. e = exp(x' − m) (bcast cols) into c_28;
 *   4. 1 / Σ e (reduce SUM, then recip) into c_29;
 *   5. e · (1 / Σ e) (bcast cols) into c_16.
 * With causal, tiles wholly above the diagonal are skipped (the writer stores zeros for them). A
 * row takes all Wt pages of each whole-row CB (c_0, c_1, c_24, c_28, c_16) even so: every row
 * starts at their first page, and tiles at the front are indexed without wrapping around.
 * args: first tile row, tile rows, Wt, Ht (tile rows of one matrix), causal, last tile column padded,
 *       scale (float bits; 0: none), mask kind (0 none, 1 [rows, cols], 2 [1, cols]) */
#include "compute_kernel_api.h"

enum { cb_in = 0, cb_mask = 1, cb_scaler = 2, cb_gen = 5, cb_out = 16, cb_x = 24, cb_tmp0 = 25, cb_tmp1 = 26, cb_max = 27, cb_exp = 28, cb_recip = 29 };

/* Ends a pass over one tile: Dst tile 0 packed into the back of out. */
static void pack_into(uint32_t out) {
  cb_reserve_back(out, 1);
  tile_regs_wait();
  pack_tile(0, out, 0);
  tile_regs_release();
  cb_push_back(out, 1);
}

/* Pushes pages nothing was packed into, to fill a row's Wt pages. */
static void skip_pages(uint32_t cb, uint32_t pages) {
  if (!pages) return;
  cb_reserve_back(cb, pages);
  cb_push_back(cb, pages);
}

/* out = tile t0 of in0 + tile t1 of in1 (broadcast as given). in0 is c_0, whose row is popped
 * whole later, or a one-tile stream between passes, popped here. */
static void add_pass(uint32_t in0, uint32_t t0, uint32_t in1, uint32_t t1, uint32_t bcast, uint32_t out) {
  init_bcast(BINARY_ADD, bcast, in0, in1);
  if (in0 != cb_in) cb_wait_front(in0, 1);
  tile_regs_acquire();
  binary_tiles(BINARY_ADD, bcast, in0, in1, t0, t1, 0);
  tile_regs_commit();
  if (in0 != cb_in) cb_pop_front(in0, 1);
  pack_into(out);
}

void kernel_main(void) {
  const uint32_t first = get_arg_val(0), rows = get_arg_val(1), Wt = get_arg_val(2), Ht = get_arg_val(3);
  const uint32_t causal = get_arg_val(4), padded = get_arg_val(5), scale = get_arg_val(6), mask_kind = get_arg_val(7);
  const uint32_t direct = !causal && !padded && !scale && !mask_kind;
  const uint32_t x_cb = direct ? cb_in : cb_x;
  pack_reconfig_data_format(cb_out);
  cb_wait_front(cb_scaler, 1);
  if (causal || padded) cb_wait_front(cb_gen, 3);

  for (uint32_t row = first; row < first + rows; row++) {
    const uint32_t rt = row % Ht;
    const uint32_t valid = causal && rt + 1 < Wt ? rt + 1 : Wt;

    if (!direct) {
      cb_wait_front(cb_in, Wt);
      if (mask_kind) cb_wait_front(cb_mask, Wt);
      for (uint32_t w = 0; w < valid; w++) {
        const uint32_t gen = (causal && w == rt ? 1u : 0u) | (padded && w == Wt - 1 ? 2u : 0u);
        const uint32_t copy = scale || (!mask_kind && !gen);
        const uint32_t passes = copy + (mask_kind != 0) + (gen != 0);
        uint32_t src = cb_in, t = w, pass = 0;
#define NEXT_CB() (++pass == passes ? cb_x : (pass & 1 ? cb_tmp0 : cb_tmp1))
        if (copy) {
          copy_tile_init(src);
          if (scale) binop_with_scalar_tile_init(BINARY_MUL);
          tile_regs_acquire();
          copy_tile(src, t, 0);
          if (scale) mul_unary_tile(0, scale);
          tile_regs_commit();
          src = NEXT_CB(), t = 0;
          pack_into(src);
        }
        if (mask_kind) {
          const uint32_t out = NEXT_CB();
          add_pass(src, t, cb_mask, w, mask_kind == 2 ? BCAST_ROWS : BCAST_NONE, out);
          src = out, t = 0;
        }
        if (gen) add_pass(src, t, cb_gen, gen - 1, BCAST_NONE, NEXT_CB());
#undef NEXT_CB
      }
      cb_pop_front(cb_in, Wt);
      if (mask_kind) cb_pop_front(cb_mask, Wt);
      skip_pages(cb_x, Wt - valid);
    }

    cb_wait_front(x_cb, Wt);
    reduce_init(x_cb, cb_scaler, cb_max, MESHSIM_REDUCE_MAX, MESHSIM_REDUCE_ROW);
    tile_regs_acquire();
    for (uint32_t w = 0; w < valid; w++) reduce_tile(x_cb, cb_scaler, w, 0, 0);
    tile_regs_commit();
    pack_into(cb_max);

    cb_wait_front(cb_max, 1);
    init_bcast(BINARY_SUB, BCAST_COLS, x_cb, cb_max);
    exp_tile_init();
    for (uint32_t w = 0; w < valid; w++) {
      tile_regs_acquire();
      sub_tiles_bcast_cols(x_cb, cb_max, w, 0, 0);
      exp_tile(0);
      tile_regs_commit();
      pack_into(cb_exp);
    }
    skip_pages(cb_exp, Wt - valid);
    cb_pop_front(x_cb, Wt);
    cb_pop_front(cb_max, 1);

    cb_wait_front(cb_exp, Wt);
    reduce_init(cb_exp, cb_scaler, cb_recip, MESHSIM_REDUCE_SUM, MESHSIM_REDUCE_ROW);
    recip_tile_init();
    tile_regs_acquire();
    for (uint32_t w = 0; w < valid; w++) reduce_tile(cb_exp, cb_scaler, w, 0, 0);
    recip_tile(0);
    tile_regs_commit();
    pack_into(cb_recip);

    cb_wait_front(cb_recip, 1);
    init_bcast(BINARY_MUL, BCAST_COLS, cb_exp, cb_recip);
    for (uint32_t w = 0; w < valid; w++) {
      tile_regs_acquire();
      mul_tiles_bcast_cols(cb_exp, cb_recip, w, 0, 0);
      tile_regs_commit();
      pack_into(cb_out);
    }
    skip_pages(cb_out, Wt - valid);
    cb_pop_front(cb_exp, Wt);
    cb_pop_front(cb_recip, 1);
  }
}
