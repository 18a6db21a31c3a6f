/* A block of C = A @ B per core, as tt-metal's matmul_multicore_reuse: K arrives in blocks of kb
 * tiles — Mb×kb tiles of A in c_0 and kb×Nb tiles of B in c_1 — and each sub_h×sub_w sub-block
 * of output tiles is accumulated in Dst over the block, every A tile reused Nb times and every B
 * tile Mb times. Between K blocks the partial sums wait in c_24; after the last block they go to
 * c_16. args: Mb, Nb, Kt, kb, sub_h, sub_w */
#include "compute_kernel_api.h"

enum { cb_in0 = 0, cb_in1 = 1, cb_out = 16, cb_partial = 24 };

void kernel_main(void) {
  const uint32_t Mb = get_arg_val(0), Nb = get_arg_val(1), Kt = get_arg_val(2), kb = get_arg_val(3);
  const uint32_t sub_h = get_arg_val(4), sub_w = get_arg_val(5);
  const uint32_t sub_tiles = sub_h * sub_w;
  mm_init(cb_in0, cb_in1, cb_out);

  for (uint32_t k0 = 0; k0 < Kt; k0 += kb) {
    const uint32_t last = k0 + kb == Kt;
    cb_wait_front(cb_in0, Mb * kb);
    cb_wait_front(cb_in1, kb * Nb);
    for (uint32_t sh = 0; sh < Mb; sh += sub_h) {
      for (uint32_t sw = 0; sw < Nb; sw += sub_w) {
        tile_regs_acquire();
        if (k0 > 0) { /* reload this sub-block's partial sums */
          copy_tile_init(cb_partial);
          cb_wait_front(cb_partial, sub_tiles);
          for (uint32_t i = 0; i < sub_tiles; i++) copy_tile(cb_partial, i, i);
          cb_pop_front(cb_partial, sub_tiles);
          mm_init(cb_in0, cb_in1, cb_out);
        }
        for (uint32_t h = 0; h < sub_h; h++)
          for (uint32_t w = 0; w < sub_w; w++)
            for (uint32_t k = 0; k < kb; k++) matmul_tiles(cb_in0, cb_in1, (sh + h) * kb + k, k * Nb + sw + w, h * sub_w + w);
        tile_regs_commit();

        const uint32_t to = last ? cb_out : cb_partial;
        cb_reserve_back(to, sub_tiles);
        tile_regs_wait();
        for (uint32_t i = 0; i < sub_tiles; i++) pack_tile(i, to, i);
        tile_regs_release();
        cb_push_back(to, sub_tiles);
      }
    }
    cb_pop_front(cb_in0, Mb * kb);
    cb_pop_front(cb_in1, kb * Nb);
  }
}
