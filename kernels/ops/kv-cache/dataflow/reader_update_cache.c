/* Decode's cache update, as tt-metal's update_cache: for each (user b, kv head h, head-dim tile)
 * reads the cache tile holding row p_b, then overwrites that row with row h of x's tile
 * (x [1, B, KV, D]: user b's matrix has a row per kv head), and hands the tile to the writer.
 * args: cache address, tile bytes, first unit, units, then the 6 cache-tile args, x address */
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
  const uint32_t kv = tiles.a;
  const uint32_t head_tiles = (kv + 31u) / 32u;
  for (uint32_t u = first; u < first + count; u++) {
    const uint32_t dt = u % tiles.dts;
    const uint32_t h = (u / tiles.dts) % kv;
    const uint32_t b = u / (tiles.dts * kv);
    cb_reserve_back(cb_out, 1);
    const uint32_t dst = get_write_ptr(cb_out);
    noc_async_read(get_noc_addr_interleaved(cache_page(&tiles, u), &cache), dst, cache.page_size);
    noc_async_read_barrier(); /* the row read below must land after the tile read */
    read_tile_row(&x, (b * head_tiles + h / 32u) * tiles.dts + dt, h % 32u, dst, cache_position(&tiles, u) % 32u);
    noc_async_read_barrier();
    cb_push_back(cb_out, 1);
  }
}
