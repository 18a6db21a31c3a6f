/* Multicasts every page that arrives in a circular buffer to a rectangle of cores, at one L1
 * address on each receiver. args: CB index, page size, pages, NoC x0, y0, x1, y1, num_dests,
 * receiver L1 address */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint32_t cb = get_arg_val(0);
  const uint32_t page_size = get_arg_val(1);
  const uint32_t pages = get_arg_val(2);
  const uint64_t dst = get_noc_multicast_addr(get_arg_val(3), get_arg_val(4), get_arg_val(5), get_arg_val(6), get_arg_val(8));
  const uint32_t num_dests = get_arg_val(7);
  for (uint32_t i = 0; i < pages; i++) {
    cb_wait_front(cb, 1);
    noc_async_write_multicast(get_read_ptr(cb), dst, page_size, num_dests);
    noc_async_write_barrier();
    cb_pop_front(cb, 1);
  }
}
