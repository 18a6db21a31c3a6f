/* The 2d-mcast strategy's B side and writer (tt-metal's in1 sender / receiver + writer): a core of
 * the top row reads its column's Kt×Nb block of B and multicasts it down the column; the others
 * receive it. Then every core writes its block of C.
 * args: B address, n0, Nb, Kt, Nt, tile bytes, the McastBlock fields,
 *       C address, m0, Mb, sub_h, sub_w, C tile bytes */
#include "meshsim/matmul_blocks.h"

static uint32_t b, n0, Nb, Kt, Nt, tile_bytes;
static void read_b(void) { read_block(1, b, tile_bytes, 0, n0, Kt, Nb, Nt); }

void kernel_main(void) {
  b = get_arg_val(0), n0 = get_arg_val(1), Nb = get_arg_val(2), Kt = get_arg_val(3), Nt = get_arg_val(4), tile_bytes = get_arg_val(5);
  const McastBlock m = mcast_block_args(6);
  mcast_fill(1, Kt * Nb, tile_bytes, &m, read_b);
  write_block(16, get_arg_val(16), get_arg_val(21), get_arg_val(17), n0, get_arg_val(18), Nb, get_arg_val(19), get_arg_val(20), Nt);
}
