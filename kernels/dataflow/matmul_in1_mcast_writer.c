/* The 2d-mcast strategy's B side and writer (tt-metal's in1 sender / receiver + writer): per block
 * of kb K tiles, a core of the top row reads its column's kb×Nb tiles of B and multicasts them down
 * the column; the others receive them. Then every core writes its block of C.
 * args: B address, n0, Nb, Kt, kb, Nt, tile bytes, the McastBlock fields (10),
 *       C address, m0, Mb, sub_h, sub_w, C tile bytes */
#include "meshsim/matmul_blocks.h"

static uint32_t b, n0, Nb, Kt, kb, k0, Nt, tile_bytes;
static void read_b(void) { read_block(1, b, tile_bytes, k0, n0, kb, Nb, Nt); }

void kernel_main(void) {
  b = get_arg_val(0), n0 = get_arg_val(1), Nb = get_arg_val(2), Kt = get_arg_val(3), kb = get_arg_val(4), Nt = get_arg_val(5), tile_bytes = get_arg_val(6);
  const McastBlock m = mcast_block_args(7);
  for (k0 = 0; k0 < Kt; k0 += kb) mcast_fill(1, kb * Nb, tile_bytes, &m, read_b);
  write_block(16, get_arg_val(17), get_arg_val(22), get_arg_val(18), n0, get_arg_val(19), Nb, get_arg_val(20), get_arg_val(21), Nt);
}
