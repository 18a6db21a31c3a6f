/* The B side of the matmul op and its writer (tt-metal's in1 reader, sender or receiver, and the
 * output writer): for each unit and each block of kb K tiles, the unit's kb×Nb tiles of B into c_1
 * (read from DRAM by this core or by the sender of its multicast rectangle); then the unit's 1×Nb
 * tiles of the bias row into c_2 the same way; then the unit's block of C from c_16 to DRAM.
 * args: B address, B tile bytes, Kt, kb, B batched (0: one B for every batch), B shard columns
 *       (0: interleaved), the Units fields (10), the McastBlock fields (10), bias address
 *       (0: none), bias tile bytes, C address, C tile bytes, sub_h, sub_w */
#include "matmul_blocks.h"

static TileMatrix b, bias;
static Units u;
static Unit w;
static uint32_t k0, kb, Kt, batched;
static void read_b(void) { read_block(1, &b, batched ? w.batch * Kt * b.width : 0, k0, w.n, kb, u.Nb, kb, w.cols); }
static void read_bias(void) { read_block(2, &bias, 0, 0, w.n, 1, u.Nb, 1, w.cols); }

void kernel_main(void) {
  Kt = get_arg_val(2), kb = get_arg_val(3), batched = get_arg_val(4);
  u = units_args(6);
  b = (TileMatrix){.addr = get_arg_val(0), .tile_bytes = get_arg_val(1), .width = u.Nt, .shard_cols = get_arg_val(5)};
  const McastBlock m = mcast_block_args(16);
  bias = (TileMatrix){.addr = get_arg_val(26), .tile_bytes = get_arg_val(27), .width = u.Nt, .shard_cols = 0};
  const TileMatrix c = {.addr = get_arg_val(28), .tile_bytes = get_arg_val(29), .width = u.Nt, .shard_cols = 0};
  const uint32_t sub_h = get_arg_val(30), sub_w = get_arg_val(31);
  for (uint32_t i = 0; i < u.count; i++) {
    w = unit_at(&u, i);
    for (k0 = 0; k0 < Kt; k0 += kb) mcast_fill(1, kb * u.Nb, b.tile_bytes, &m, read_b);
    if (bias.addr) mcast_fill(2, u.Nb, bias.tile_bytes, &m, read_bias);
    if (m.role != MCAST_IDLE) write_block(16, &c, &u, &w, sub_h, sub_w);
  }
  mcast_done();
}
