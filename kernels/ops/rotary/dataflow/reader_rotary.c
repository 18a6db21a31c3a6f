/* Feeds the rotary compute: per unit the Dt tiles of x into c_0, and per group of units the Dt
 * cos and sin tiles into c_1 and c_2: for prefill the table tiles of the group's row tile, for
 * decode (one user per group) row b of the tables copied into row 0 of each tile, which the
 * compute broadcasts over the user's head rows. With a rotation tile (head dim 32) it goes to c_3
 * once. args: x, cos, sin, rotation (0: none) addresses, tile bytes, first unit, units, G,
 * item stride, group stride, Dt, decode */
#include "dataflow_api.h"
#include "../../heads/dataflow/tile_rows.h"
#include "rotary_units.h"

enum { cb_x = 0, cb_cos = 1, cb_sin = 2, cb_trans = 3 };

static void read_tables(const InterleavedAddrGen *table, uint32_t cb, uint32_t group, uint32_t dts, uint32_t decode) {
  cb_reserve_back(cb, dts);
  const uint32_t dst = get_write_ptr(cb);
  for (uint32_t dt = 0; dt < dts; dt++) {
    const uint32_t tile = dst + dt * table->page_size;
    if (decode) read_tile_row(table, (group / 32u) * dts + dt, group % 32u, tile, 0);
    else noc_async_read(get_noc_addr_interleaved(group * dts + dt, table), tile, table->page_size);
  }
  noc_async_read_barrier();
  cb_push_back(cb, dts);
}

void kernel_main(void) {
  const uint32_t tile = get_arg_val(4);
  const InterleavedAddrGen x = {.bank_base_address = get_arg_val(0), .page_size = tile};
  const InterleavedAddrGen cos = {.bank_base_address = get_arg_val(1), .page_size = tile};
  const InterleavedAddrGen sin = {.bank_base_address = get_arg_val(2), .page_size = tile};
  const uint32_t trans = get_arg_val(3);
  const uint32_t first = get_arg_val(5);
  const uint32_t count = get_arg_val(6);
  const uint32_t group = get_arg_val(7);
  const uint32_t item_stride = get_arg_val(8);
  const uint32_t group_stride = get_arg_val(9);
  const uint32_t dts = get_arg_val(10);
  const uint32_t decode = get_arg_val(11);
  if (trans) {
    const InterleavedAddrGen rotation = {.bank_base_address = trans, .page_size = tile};
    cb_reserve_back(cb_trans, 1);
    noc_async_read(get_noc_addr_interleaved(0, &rotation), get_write_ptr(cb_trans), tile);
    noc_async_read_barrier();
    cb_push_back(cb_trans, 1);
  }
  for (uint32_t u = first; u < first + count; u++) {
    if (u == first || u % group == 0) {
      read_tables(&cos, cb_cos, u / group, dts, decode);
      read_tables(&sin, cb_sin, u / group, dts, decode);
    }
    const uint32_t row_tile = rotary_row_tile(u, group, item_stride, group_stride);
    cb_reserve_back(cb_x, dts);
    const uint32_t dst = get_write_ptr(cb_x);
    for (uint32_t dt = 0; dt < dts; dt++) noc_async_read(get_noc_addr_interleaved(row_tile * dts + dt, &x), dst + dt * tile, tile);
    noc_async_read_barrier();
    cb_push_back(cb_x, dts);
  }
}
