/* Writes pages from a circular buffer into an interleaved DRAM buffer, one page at a time.
 * args: buffer address, page size, first page, number of pages, CB index */
#include "dataflow_api.h"

void kernel_main(void) {
  const InterleavedAddrGen dst = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2);
  const uint32_t count = get_arg_val(3);
  const uint32_t cb = get_arg_val(4);
  for (uint32_t page = first; page < first + count; page++) {
    cb_wait_front(cb, 1);
    noc_async_write(get_read_ptr(cb), get_noc_addr_interleaved(page, &dst), dst.page_size);
    noc_async_write_barrier();
    cb_pop_front(cb, 1);
  }
}
