/* A block of C = A @ B per core, as tt-metal's matmul_multicore_reuse: the core's Mb×Kt tiles of A
 * (c_0) and Kt×Nb tiles of B (c_1) arrive once; each sub_h×sub_w sub-block of output tiles is
 * accumulated in Dst over Kt and packed, reusing every A tile Nb times and every B tile Mb times.
 * args: Mb, Nb, Kt, sub_h, sub_w */
#include "compute_kernel_api.h"

enum { cb_in0 = 0, cb_in1 = 1, cb_out = 16 };

void kernel_main(void) {
  const uint32_t Mb = get_arg_val(0), Nb = get_arg_val(1), Kt = get_arg_val(2);
  const uint32_t sub_h = get_arg_val(3), sub_w = get_arg_val(4);
  mm_init(cb_in0, cb_in1, cb_out);
  cb_wait_front(cb_in0, Mb * Kt);
  cb_wait_front(cb_in1, Kt * Nb);

  for (uint32_t sh = 0; sh < Mb; sh += sub_h) {
    for (uint32_t sw = 0; sw < Nb; sw += sub_w) {
      tile_regs_acquire();
      for (uint32_t h = 0; h < sub_h; h++)
        for (uint32_t w = 0; w < sub_w; w++)
          for (uint32_t k = 0; k < Kt; k++) matmul_tiles(cb_in0, cb_in1, (sh + h) * Kt + k, k * Nb + sw + w, h * sub_w + w);
      tile_regs_commit();

      cb_reserve_back(cb_out, sub_h * sub_w);
      tile_regs_wait();
      for (uint32_t i = 0; i < sub_h * sub_w; i++) pack_tile(i, cb_out, i);
      tile_regs_release();
      cb_push_back(cb_out, sub_h * sub_w);
    }
  }
  cb_pop_front(cb_in0, Mb * Kt);
  cb_pop_front(cb_in1, Kt * Nb);
}
