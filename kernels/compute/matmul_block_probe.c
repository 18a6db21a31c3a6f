/* One block of C = A @ B (or A @ B^T tile by tile, with transpose), to compare the two matmul
 * paths on the same tiles: A's rt x kt tiles arrive row-major in c_0, B's kt x ct tiles row-major
 * in c_1; mode 0 accumulates with one matmul_tiles per output tile and k, mode 1 with one
 * matmul_block per k (the unpacker's operand reuse). The rt x ct result is packed row-major.
 * args: rt, ct, kt, mode, transpose (mode 1 only: the C matmul_tiles takes none) */
#include "compute_kernel_api.h"

enum { cb_in0 = 0, cb_in1 = 1, cb_out = 16 };

void kernel_main(void) {
  const uint32_t rt = get_arg_val(0), ct = get_arg_val(1), kt = get_arg_val(2);
  const uint32_t block = get_arg_val(3), transpose = get_arg_val(4);
  if (block) mm_block_init(cb_in0, cb_in1, cb_out, transpose, ct, rt, kt);
  else mm_init(cb_in0, cb_in1, cb_out);

  cb_wait_front(cb_in0, rt * kt);
  cb_wait_front(cb_in1, kt * ct);
  tile_regs_acquire();
  for (uint32_t k = 0; k < kt; k++) {
    if (block) {
      matmul_block(cb_in0, cb_in1, k, k * ct, 0, transpose, ct, rt, kt);
    } else {
      for (uint32_t r = 0; r < rt; r++)
        for (uint32_t c = 0; c < ct; c++) matmul_tiles(cb_in0, cb_in1, r * kt + k, k * ct + c, r * ct + c);
    }
  }
  tile_regs_commit();
  cb_pop_front(cb_in0, rt * kt);
  cb_pop_front(cb_in1, kt * ct);

  cb_reserve_back(cb_out, rt * ct);
  tile_regs_wait();
  for (uint32_t i = 0; i < rt * ct; i++) pack_tile(i, cb_out, i);
  tile_regs_release();
  cb_push_back(cb_out, rt * ct);
}
