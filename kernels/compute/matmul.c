/* C = A @ B over tiles, as tt-metal's matmul_single_core: for each output tile, accumulate
 * Kt tile products in Dst, then pack it. A tiles arrive in c_0 and B tiles in c_1 in the order
 * (m, n, k). args: Mt, Kt, Nt */
#include "compute_kernel_api.h"

enum { cb_in0 = 0, cb_in1 = 1, cb_out = 16 };

void kernel_main(void) {
  const uint32_t Mt = get_arg_val(0);
  const uint32_t Kt = get_arg_val(1);
  const uint32_t Nt = get_arg_val(2);
  mm_init(cb_in0, cb_in1, cb_out);

  for (uint32_t m = 0; m < Mt; m++) {
    for (uint32_t n = 0; n < Nt; n++) {
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
}
