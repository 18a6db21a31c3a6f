/* Prefill's cache fill: rows start..start+S−1 of every cache matrix from x [B, KV, S, D]. Each
 * cache tile the rows touch is one unit (cache_tiles.h). When start is a multiple of 32 and the
 * tile is covered whole, it is x's tile as it is; otherwise its rows are moved from x's tiles, on
 * top of the cache tile as it was when the rows cover only part of it.
 * args: cache address, tile bytes, first unit, units, then the 6 cache-tile args,
 *       x address, St, start, S */
#include "dataflow_api.h"
#include "../../heads/dataflow/tile_rows.h"
#include "cache_tiles.h"

enum { cb_out = 16 };

void kernel_main(void) {
  const InterleavedAddrGen cache = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2);
  const uint32_t count = get_arg_val(3);
  const CacheTiles tiles = cache_tiles_args(4);
  const InterleavedAddrGen x = {.bank_base_address = get_arg_val(10), .page_size = cache.page_size};
  const uint32_t st = get_arg_val(11);
  const uint32_t start = get_arg_val(12);
  const uint32_t rows = get_arg_val(13);
  const uint32_t dts = tiles.dts;
  for (uint32_t u = first; u < first + count; u++) {
    const uint32_t dt = u % dts;
    const uint32_t matrix = u / (dts * tiles.b);
    const uint32_t row0 = (tiles.a + (u / dts) % tiles.b) * 32u; /* first cache row of the tile */
    const uint32_t from = row0 > start ? row0 : start;
    const uint32_t to = row0 + 32u < start + rows ? row0 + 32u : start + rows;
    cb_reserve_back(cb_out, 1);
    const uint32_t dst = get_write_ptr(cb_out);
    if (start % 32u == 0 && to - from == 32u) {
      noc_async_read(get_noc_addr_interleaved((matrix * st + (row0 - start) / 32u) * dts + dt, &x), dst, x.page_size);
    } else {
      if (to - from < 32u) {
        noc_async_read(get_noc_addr_interleaved(cache_page(&tiles, u), &cache), dst, cache.page_size);
        noc_async_read_barrier(); /* the row reads below must land after the tile read */
      }
      for (uint32_t g = from; g < to; g++) read_tile_row(&x, (matrix * st + (g - start) / 32u) * dts + dt, (g - start) % 32u, dst, g % 32u);
    }
    noc_async_read_barrier();
    cb_push_back(cb_out, 1);
  }
}
