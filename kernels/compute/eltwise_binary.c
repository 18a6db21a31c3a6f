/* c_16 = c_0 op c_1, tile by tile; op 0 add, 1 sub, 2 mul; broadcast 0 none, 1 rows, 2 cols,
 * 3 scalar (of the c_1 tile). args: op, broadcast, number of tiles */
#include "compute_kernel_api.h"

enum { cb_in0 = 0, cb_in1 = 1, cb_out = 16 };

void kernel_main(void) {
  const uint32_t op = get_arg_val(0);
  const uint32_t bcast = get_arg_val(1);
  const uint32_t tiles = get_arg_val(2);
  binary_op_init_common(cb_in0, cb_in1, cb_out);
  if (bcast != BCAST_NONE) init_bcast(op, bcast, cb_in0, cb_in1);
  else if (op == BINARY_ADD) add_tiles_init(cb_in0, cb_in1);
  else if (op == BINARY_SUB) sub_tiles_init(cb_in0, cb_in1);
  else mul_tiles_init(cb_in0, cb_in1);

  for (uint32_t i = 0; i < tiles; i++) {
    cb_wait_front(cb_in0, 1);
    cb_wait_front(cb_in1, 1);
    tile_regs_acquire();
    binary_tiles(op, bcast, cb_in0, cb_in1, 0, 0, 0);
    tile_regs_commit();
    cb_pop_front(cb_in0, 1);
    cb_pop_front(cb_in1, 1);

    cb_reserve_back(cb_out, 1);
    tile_regs_wait();
    pack_tile(0, cb_out, 0);
    tile_regs_release();
    cb_push_back(cb_out, 1);
  }
}
