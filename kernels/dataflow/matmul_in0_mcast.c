/* The 2d-mcast strategy's A side (tt-metal's in0 sender / receiver): a core of the left column
 * reads its row's Mb×Kt block of A and multicasts it along the row; the others receive it.
 * args: A address, m0, Mb, Kt, tile bytes, then the McastBlock fields */
#include "meshsim/matmul_blocks.h"

static uint32_t a, m0, Mb, Kt, tile_bytes;
static void read_a(void) { read_block(0, a, tile_bytes, m0, 0, Mb, Kt, Kt); }

void kernel_main(void) {
  a = get_arg_val(0), m0 = get_arg_val(1), Mb = get_arg_val(2), Kt = get_arg_val(3), tile_bytes = get_arg_val(4);
  const McastBlock m = mcast_block_args(5);
  mcast_fill(0, Mb * Kt, tile_bytes, &m, read_a);
}
