/* c_16 = each tile of c_0 transposed (rows become columns). args: number of tiles */
#include "compute_kernel_api.h"

enum { cb_in = 0, cb_out = 16 };

void kernel_main(void) {
  const uint32_t tiles = get_arg_val(0);
  transpose_wh_init(cb_in, cb_out);

  for (uint32_t i = 0; i < tiles; i++) {
    cb_wait_front(cb_in, 1);
    tile_regs_acquire();
    transpose_wh_tile(cb_in, 0, 0);
    tile_regs_commit();
    cb_pop_front(cb_in, 1);

    cb_reserve_back(cb_out, 1);
    tile_regs_wait();
    pack_tile(0, cb_out, 0);
    tile_regs_release();
    cb_push_back(cb_out, 1);
  }
}
