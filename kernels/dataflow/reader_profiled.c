/* reader_interleaved with tt-metal profiler zones: a zone for the whole read loop and one per
 * page's read, so each shows as a named slice on the hart's track in trace.json.
 * args: buffer address, page size, first page, number of pages, CB index */
#include "dataflow_api.h"

void kernel_main(void) {
  const InterleavedAddrGen src = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2);
  const uint32_t count = get_arg_val(3);
  const uint32_t cb = get_arg_val(4);
  DeviceZoneScopedN("read-loop");
  for (uint32_t page = first; page < first + count; page++) {
    cb_reserve_back(cb, 1);
    {
      DeviceZoneScopedN("read-page");
      noc_async_read(get_noc_addr_interleaved(page, &src), get_write_ptr(cb), src.page_size);
      noc_async_read_barrier();
    }
    cb_push_back(cb, 1);
  }
}
