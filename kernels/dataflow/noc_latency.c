/* Microbenchmark: cycles from issuing one NoC transaction to its barrier returning.
 * args: 0 read / 1 write, target x, target y, target address, local L1 address, size,
 *       L1 address where the measured cycles are stored */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint32_t write = get_arg_val(0);
  const uint64_t remote = get_noc_addr(get_arg_val(1), get_arg_val(2), get_arg_val(3));
  const uint32_t local = get_arg_val(4);
  const uint32_t size = get_arg_val(5);
  volatile uint32_t *result = (volatile uint32_t *)get_arg_val(6);
  noc_index(); /* not part of the measurement */
  const uint32_t start = read_cycle();
  if (write) {
    noc_async_write(local, remote, size);
    noc_async_write_barrier();
  } else {
    noc_async_read(remote, local, size);
    noc_async_read_barrier();
  }
  *result = read_cycle() - start;
}
