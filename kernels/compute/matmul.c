/* Output tiles of C = A @ B, as tt-metal's matmul kernels: for each output tile, accumulate Kt
 * tile products in Dst, then pack it. A tiles arrive in c_0 and B tiles in c_1, Kt of each per
 * output tile. args: output tiles, Kt */
#include "compute_kernel_api.h"

enum { cb_in0 = 0, cb_in1 = 1, cb_out = 16 };

void kernel_main(void) {
  const uint32_t tiles = get_arg_val(0);
  const uint32_t Kt = get_arg_val(1);
  mm_init(cb_in0, cb_in1, cb_out);

  for (uint32_t t = 0; t < tiles; t++) {
    tile_regs_acquire();
    for (uint32_t k = 0; k < Kt; k++) {
      cb_wait_front(cb_in0, 1);
      cb_wait_front(cb_in1, 1);
      matmul_tiles(cb_in0, cb_in1, 0, 0, 0);
      cb_pop_front(cb_in0, 1);
      cb_pop_front(cb_in1, 1);
    }
    tile_regs_commit();

    cb_reserve_back(cb_out, 1);
    tile_regs_wait();
    pack_tile(0, cb_out, 0);
    tile_regs_release();
    cb_push_back(cb_out, 1);
  }
}
