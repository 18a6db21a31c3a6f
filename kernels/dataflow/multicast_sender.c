/* Sends a block of L1 to a rectangle of receivers, then flags each receiver's semaphore, as the
 * senders of tt-metal's multicast matmul do. args: source L1 address, size, NoC x0, y0, x1, y1,
 * num_dests, receiver L1 address, semaphore id */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint32_t src = get_arg_val(0);
  const uint32_t size = get_arg_val(1);
  const uint32_t x0 = get_arg_val(2), y0 = get_arg_val(3), x1 = get_arg_val(4), y1 = get_arg_val(5);
  const uint32_t num_dests = get_arg_val(6);
  volatile uint32_t *flag = (volatile uint32_t *)get_semaphore(get_arg_val(8));

  noc_async_write_multicast(src, get_noc_multicast_addr(x0, y0, x1, y1, get_arg_val(7)), size, num_dests);
  noc_semaphore_set(flag, 1); /* the value every receiver's semaphore takes */
  noc_semaphore_set_multicast((uint32_t)flag, get_noc_multicast_addr(x0, y0, x1, y1, (uint32_t)flag), num_dests);
  noc_async_write_barrier();
}
