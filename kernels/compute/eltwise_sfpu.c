/* c_16 = op(c_0), tile by tile, on the SFPU: copy the tile into Dst, apply op in place, pack.
 * args: SFPU op (SFPU_EXP ... SFPU_MUL_SCALAR), number of tiles, parameter (float bits) */
#include "compute_kernel_api.h"

enum { cb_in = 0, cb_out = 16 };

void kernel_main(void) {
  const uint32_t op = get_arg_val(0);
  const uint32_t tiles = get_arg_val(1);
  const uint32_t param = get_arg_val(2);
  copy_tile_init(cb_in);
  pack_reconfig_data_format(cb_out);
  sfpu_init(op);

  for (uint32_t i = 0; i < tiles; i++) {
    cb_wait_front(cb_in, 1);
    tile_regs_acquire();
    copy_tile(cb_in, 0, 0);
    sfpu_tile_param(op, 0, param);
    tile_regs_commit();
    cb_pop_front(cb_in, 1);

    cb_reserve_back(cb_out, 1);
    tile_regs_wait();
    pack_tile(0, cb_out, 0);
    tile_regs_release();
    cb_push_back(cb_out, 1);
  }
}
