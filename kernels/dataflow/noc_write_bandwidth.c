/* Microbenchmark: back-to-back writes of one size to one destination, then one barrier.
 * args: destination x, destination y, destination address, local L1 address, size, count,
 *       L1 address where the measured cycles are stored */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint64_t dst = get_noc_addr(get_arg_val(0), get_arg_val(1), get_arg_val(2));
  const uint32_t local = get_arg_val(3);
  const uint32_t size = get_arg_val(4);
  const uint32_t count = get_arg_val(5);
  volatile uint32_t *result = (volatile uint32_t *)get_arg_val(6);
  noc_index();
  const uint32_t start = read_cycle();
  for (uint32_t i = 0; i < count; i++) noc_async_write(local, dst, size);
  noc_async_write_barrier();
  *result = read_cycle() - start;
}
