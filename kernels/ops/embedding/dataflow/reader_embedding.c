/* The embedding gather: output [1, n, H] tile (it, c) takes, for each token i = 32·it + r it holds,
 * row id_i % 32 of table tile (id_i / 32, c) into its row r, reading the two face rows straight
 * from DRAM; rows past the last token are zeroed. The ids are words in L1, from token row0 on.
 * args: table address, tile bytes, first output page, pages, cb, H in tiles, n, ids L1 address, row0 */
#include "dataflow_api.h"
#include "../../heads/dataflow/tile_rows.h"

void kernel_main(void) {
  const InterleavedAddrGen table = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2);
  const uint32_t count = get_arg_val(3);
  const uint32_t cb = get_arg_val(4);
  const uint32_t width = get_arg_val(5);
  const uint32_t tokens = get_arg_val(6);
  const volatile uint32_t *ids = (const volatile uint32_t *)(uintptr_t)get_arg_val(7);
  const uint32_t row0 = get_arg_val(8);
  for (uint32_t page = first; page < first + count; page++) {
    const uint32_t it = page / width;
    const uint32_t c = page % width;
    uint32_t rows = tokens - 32u * it;
    if (rows > 32u) rows = 32u;
    cb_reserve_back(cb, 1);
    const uint32_t dst = get_write_ptr(cb);
    for (uint32_t r = 0; r < rows; r++) {
      const uint32_t id = ids[32u * it + r - row0];
      read_tile_row(&table, (id / 32u) * width + c, id % 32u, dst, r);
    }
    zero_tile_rows(dst, rows);
    noc_async_read_barrier();
    cb_push_back(cb, 1);
  }
}
