// Rotary embedding, NeoX halves (Hugging Face's rotate_half): out = x·cos + rotate_half(x)·sin with
// rotate_half(x) = [−x2, x1]. When the head dim is a multiple of 64 the halves are whole tiles, so
// rotate_half(x) tile dt is x tile (dt + Dt/2) % Dt, negated in the first half: the sum becomes a
// difference there. With a head dim of 32 the halves share a tile and rotate_half is a matmul with
// a ±1 rotation tile (as tt-metal's rotary_embedding_llama uses its trans_mat). Both products land
// in Dst and an SFPU add (or sub) joins them, so nothing goes back to L1 but the result. Decode
// broadcasts row 0 of the table tiles (the user's row) over the tile's head rows.
// args: first unit, units, G (units per table group), Dt, rotation tile (0 or 1), decode (0 or 1)
#include <cstdint>
#include "compute_kernel_api/bcast.h"
#include "compute_kernel_api/eltwise_binary.h"
#include "compute_kernel_api/eltwise_binary_sfpu.h"
#include "compute_kernel_api/matmul.h"

namespace {
constexpr auto cb_x = tt::CBIndex::c_0;
constexpr auto cb_cos = tt::CBIndex::c_1;
constexpr auto cb_sin = tt::CBIndex::c_2;
constexpr auto cb_trans = tt::CBIndex::c_3;
constexpr auto cb_out = tt::CBIndex::c_16;
constexpr auto cb_rot = tt::CBIndex::c_24;

// a ⊙ table (row 0 of the table broadcast over the rows in decode) into Dst tile idst.
void mul_by_table(uint32_t cb_a, uint32_t cb_table, uint32_t tile_a, uint32_t tile_table, uint32_t idst, bool decode) {
  if (decode) {
    mul_bcast_rows_init_short(cb_a, cb_table);
    mul_tiles_bcast<BroadcastType::ROW>(cb_a, cb_table, tile_a, tile_table, idst);
  } else {
    mul_tiles_init(cb_a, cb_table);
    mul_tiles(cb_a, cb_table, tile_a, tile_table, idst);
  }
}
}  // namespace

namespace NAMESPACE {
void MAIN {
  const uint32_t first = get_arg_val<uint32_t>(0);
  const uint32_t count = get_arg_val<uint32_t>(1);
  const uint32_t group = get_arg_val<uint32_t>(2);
  const uint32_t dts = get_arg_val<uint32_t>(3);
  const bool trans = get_arg_val<uint32_t>(4) != 0;
  const bool decode = get_arg_val<uint32_t>(5) != 0;
  const uint32_t half = dts / 2;

  binary_op_init_common(cb_x, cb_cos, cb_out);
  if (trans) cb_wait_front(cb_trans, 1);
  for (uint32_t u = first; u < first + count; u++) {
    if (u == first || u % group == 0) {
      if (u != first) {
        cb_pop_front(cb_cos, dts);
        cb_pop_front(cb_sin, dts);
      }
      cb_wait_front(cb_cos, dts);
      cb_wait_front(cb_sin, dts);
    }
    cb_wait_front(cb_x, dts);
    if (trans) {
      mm_init_short(cb_x, cb_trans);
      cb_reserve_back(cb_rot, dts);
      for (uint32_t dt = 0; dt < dts; dt++) {
        tile_regs_acquire();
        matmul_tiles(cb_x, cb_trans, dt, 0, 0);
        tile_regs_commit();
        tile_regs_wait();
        pack_tile(0, cb_rot);
        tile_regs_release();
      }
      cb_push_back(cb_rot, dts);
      cb_wait_front(cb_rot, dts);
    }
    for (uint32_t dt = 0; dt < dts; dt++) {
      tile_regs_acquire();
      mul_by_table(cb_x, cb_cos, dt, dt, 0, decode);
      if (trans) mul_by_table(cb_rot, cb_sin, dt, dt, 1, decode);
      else mul_by_table(cb_x, cb_sin, (dt + half) % dts, dt, 1, decode);
      if (!trans && dt < half) sub_binary_tile(0, 1, 0);
      else add_binary_tile(0, 1, 0);
      tile_regs_commit();
      cb_reserve_back(cb_out, 1);
      tile_regs_wait();
      pack_tile(0, cb_out);
      tile_regs_release();
      cb_push_back(cb_out, 1);
    }
    cb_pop_front(cb_x, dts);
    if (trans) cb_pop_front(cb_rot, dts);
  }
  if (count) {
    cb_pop_front(cb_cos, dts);
    cb_pop_front(cb_sin, dts);
  }
}
}  // namespace NAMESPACE
