/* The 2d-mcast strategy's A side (tt-metal's in0 sender / receiver): per block of kb K tiles, a
 * core of the left column reads its row's Mb×kb tiles of A and multicasts them along the row; the
 * others receive them. args: A address, m0, Mb, Kt, kb, tile bytes, then the McastBlock fields */
#include "meshsim/matmul_blocks.h"

static uint32_t a, m0, Mb, Kt, kb, k0, tile_bytes;
static void read_a(void) { read_block(0, a, tile_bytes, m0, k0, Mb, kb, Kt); }

void kernel_main(void) {
  a = get_arg_val(0), m0 = get_arg_val(1), Mb = get_arg_val(2), Kt = get_arg_val(3), kb = get_arg_val(4), tile_bytes = get_arg_val(5);
  const McastBlock m = mcast_block_args(6);
  for (k0 = 0; k0 < Kt; k0 += kb) mcast_fill(0, Mb * kb, tile_bytes, &m, read_a);
}
