/* Misuses the compute API in one of several ways, for the tests of the errors the simulator
 * reports. c_0 holds bf16 tiles, c_1 bfp8_b tiles. args: which mistake (0-4) */
#include "compute_kernel_api.h"

enum { cb_bf16 = 0, cb_bfp8 = 1, cb_out = 16 };

void kernel_main(void) {
  const uint32_t mistake = get_arg_val(0);
  copy_tile_init(cb_bf16);
  pack_reconfig_data_format(cb_out);
  cb_wait_front(cb_bf16, 1);
  cb_wait_front(cb_bfp8, 1);
  tile_regs_acquire();
  if (mistake == 0) copy_tile(cb_bf16, 1, 0); /* only one tile waited for */
  if (mistake == 1) copy_tile(cb_bf16, 0, 8); /* a Dst half holds 8 tiles */
  if (mistake == 3) copy_tile(cb_bfp8, 0, 0); /* the unpacker is set up for c_0's bf16 */
  if (mistake == 4) add_tiles(cb_bf16, cb_bf16, 0, 0, 0); /* no add_tiles_init */
  copy_tile(cb_bf16, 0, 0);
  tile_regs_commit();
  tile_regs_wait();
  pack_tile(0, cb_out, mistake == 2 ? 1000 : 0); /* mistake 2: a tile far past the CB's free pages */
  tile_regs_release();
}
