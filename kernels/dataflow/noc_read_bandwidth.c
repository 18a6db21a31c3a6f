/* Microbenchmark: back-to-back reads of one size from one source, then one barrier.
 * args: source x, source y, source address, local L1 address, size, count,
 *       L1 address where the measured cycles are stored */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint64_t src = get_noc_addr(get_arg_val(0), get_arg_val(1), get_arg_val(2));
  const uint32_t local = get_arg_val(3);
  const uint32_t size = get_arg_val(4);
  const uint32_t count = get_arg_val(5);
  volatile uint32_t *result = (volatile uint32_t *)get_arg_val(6);
  noc_index();
  const uint32_t start = read_cycle();
  for (uint32_t i = 0; i < count; i++) noc_async_read(src, local, size);
  noc_async_read_barrier();
  *result = read_cycle() - start;
}
