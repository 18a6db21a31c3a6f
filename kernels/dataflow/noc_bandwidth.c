/* Microbenchmark: back-to-back reads of one size from one place (or, with write, writes of one
 * size to it), then one barrier.
 * args: remote x, remote y, remote address, local L1 address, size, count,
 *       L1 address where the measured cycles are stored, write (0 reads, 1 writes) */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint64_t remote = get_noc_addr(get_arg_val(0), get_arg_val(1), get_arg_val(2));
  const uint32_t local = get_arg_val(3);
  const uint32_t size = get_arg_val(4);
  const uint32_t count = get_arg_val(5);
  volatile uint32_t *result = (volatile uint32_t *)get_arg_val(6);
  const uint32_t write = get_arg_val(7);
  noc_index();
  const uint32_t start = read_cycle();
  if (write) {
    for (uint32_t i = 0; i < count; i++) noc_async_write(local, remote, size);
    noc_async_write_barrier();
  } else {
    for (uint32_t i = 0; i < count; i++) noc_async_read(remote, local, size);
    noc_async_read_barrier();
  }
  *result = read_cycle() - start;
}
