/* Reads up to three interleaved DRAM buffers into their circular buffers, one tile of each in
 * turn, so that a compute kernel taking one tile of each never waits on a full CB.
 * args: streams, then per stream: CB index, buffer address, page size, tiles */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint32_t streams = get_arg_val(0);
  uint32_t most = 0;
  for (uint32_t s = 0; s < streams; s++) {
    const uint32_t tiles = get_arg_val(4 + 4 * s);
    if (tiles > most) most = tiles;
  }
  for (uint32_t i = 0; i < most; i++) {
    for (uint32_t s = 0; s < streams; s++) {
      const uint32_t cb = get_arg_val(1 + 4 * s);
      const InterleavedAddrGen src = {.bank_base_address = get_arg_val(2 + 4 * s), .page_size = get_arg_val(3 + 4 * s)};
      if (i >= get_arg_val(4 + 4 * s)) continue;
      cb_reserve_back(cb, 1);
      noc_async_read(get_noc_addr_interleaved(i, &src), get_write_ptr(cb), src.page_size);
      noc_async_read_barrier();
      cb_push_back(cb, 1);
    }
  }
}
