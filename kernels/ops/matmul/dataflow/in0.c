/* The A side of the matmul op (tt-metal's in0 reader, sender or receiver): for each unit and each
 * block of kb K tiles, the unit's Mb×kb tiles of A into c_0, read from DRAM by this core or by the
 * sender of its multicast rectangle. args: A address, tile bytes, Kt, kb, then the Units fields
 * (10), then the McastBlock fields (10) */
#include "matmul_blocks.h"

static TileMatrix a;
static Units u;
static Unit w;
static uint32_t k0, kb;
static void read_a(void) { read_block(0, &a, w.batch * u.Mt * a.width, w.m, k0, u.Mb, kb, w.rows, kb); }

void kernel_main(void) {
  a = (TileMatrix){.addr = get_arg_val(0), .tile_bytes = get_arg_val(1), .width = get_arg_val(2), .shard_cols = 0};
  kb = get_arg_val(3);
  u = units_args(4);
  const McastBlock m = mcast_block_args(14);
  for (uint32_t i = 0; i < u.count; i++) {
    w = unit_at(&u, i);
    for (k0 = 0; k0 < a.width; k0 += kb) mcast_fill(0, u.Mb * kb, a.tile_bytes, &m, read_a);
  }
  mcast_done();
}
