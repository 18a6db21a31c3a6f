/* Reduces each group of Wt tiles of c_0 into one tile of c_16, scaled by the scaler tile in c_2.
 * args: op (MESHSIM_REDUCE_SUM, _MAX), dim (MESHSIM_REDUCE_ROW, _COL, _SCALAR), Wt, groups */
#include "compute_kernel_api.h"

enum { cb_in = 0, cb_scaler = 2, cb_out = 16 };

void kernel_main(void) {
  const uint32_t op = get_arg_val(0);
  const uint32_t dim = get_arg_val(1);
  const uint32_t Wt = get_arg_val(2);
  const uint32_t groups = get_arg_val(3);
  reduce_init(cb_in, cb_scaler, cb_out, op, dim);
  cb_wait_front(cb_scaler, 1);

  for (uint32_t g = 0; g < groups; g++) {
    tile_regs_acquire();
    for (uint32_t w = 0; w < Wt; w++) {
      cb_wait_front(cb_in, 1);
      reduce_tile(cb_in, cb_scaler, 0, 0, 0);
      cb_pop_front(cb_in, 1);
    }
    tile_regs_commit();

    cb_reserve_back(cb_out, 1);
    tile_regs_wait();
    pack_tile(0, cb_out, 0);
    tile_regs_release();
    cb_push_back(cb_out, 1);
  }
}
