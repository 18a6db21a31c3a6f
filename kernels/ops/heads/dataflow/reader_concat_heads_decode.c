/* The decode head merge: x [1, B, H, D] → [1, B, H·D]. Output tile (bt, h·Dt + dt) gathers, for
 * each user b = 32·bt + r it holds, row h % 32 of x tile (b·Ht + h / 32, dt) into its row r,
 * reading the two face rows straight from DRAM; rows past the last user are zeroed.
 * args: x address, tile bytes, first output page, pages, cb, B, H, Dt */
#include "dataflow_api.h"
#include "tile_rows.h"

void kernel_main(void) {
  const InterleavedAddrGen src = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2);
  const uint32_t count = get_arg_val(3);
  const uint32_t cb = get_arg_val(4);
  const uint32_t users = get_arg_val(5);
  const uint32_t heads = get_arg_val(6);
  const uint32_t dts = get_arg_val(7);
  const uint32_t head_tiles = (heads + 31u) / 32u;
  const uint32_t width = heads * dts;
  for (uint32_t page = first; page < first + count; page++) {
    const uint32_t bt = page / width;
    const uint32_t h = (page % width) / dts;
    const uint32_t dt = page % dts;
    uint32_t rows = users - 32u * bt;
    if (rows > 32u) rows = 32u;
    cb_reserve_back(cb, 1);
    const uint32_t dst = get_write_ptr(cb);
    for (uint32_t r = 0; r < rows; r++) read_tile_row(&src, ((32u * bt + r) * head_tiles + h / 32u) * dts + dt, h % 32u, dst, r);
    zero_tile_rows(dst, rows);
    noc_async_read_barrier();
    cb_push_back(cb, 1);
  }
}
