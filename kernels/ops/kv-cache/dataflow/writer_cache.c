/* Writes the patched cache tiles from c_16 back to their pages (cache_tiles.h).
 * args: cache address, tile bytes, first unit, units, then the 6 cache-tile args */
#include "dataflow_api.h"
#include "cache_tiles.h"

enum { cb_out = 16 };

void kernel_main(void) {
  const InterleavedAddrGen cache = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2);
  const uint32_t count = get_arg_val(3);
  const CacheTiles tiles = cache_tiles_args(4);
  for (uint32_t u = first; u < first + count; u++) {
    cb_wait_front(cb_out, 1);
    noc_async_write(get_read_ptr(cb_out), get_noc_addr_interleaved(cache_page(&tiles, u), &cache), cache.page_size);
    noc_async_write_barrier();
    cb_pop_front(cb_out, 1);
  }
}
