/* Writes the rotary output tiles from c_16 to the pages of x's unit (rotary_units.h).
 * args: out address, tile bytes, first unit, units, G, item stride, group stride, Dt */
#include "dataflow_api.h"
#include "rotary_units.h"

enum { cb_out = 16 };

void kernel_main(void) {
  const InterleavedAddrGen out = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2);
  const uint32_t count = get_arg_val(3);
  const uint32_t group = get_arg_val(4);
  const uint32_t item_stride = get_arg_val(5);
  const uint32_t group_stride = get_arg_val(6);
  const uint32_t dts = get_arg_val(7);
  for (uint32_t u = first; u < first + count; u++) {
    const uint32_t row_tile = rotary_row_tile(u, group, item_stride, group_stride);
    for (uint32_t dt = 0; dt < dts; dt++) {
      cb_wait_front(cb_out, 1);
      noc_async_write(get_read_ptr(cb_out), get_noc_addr_interleaved(row_tile * dts + dt, &out), out.page_size);
      noc_async_write_barrier();
      cb_pop_front(cb_out, 1);
    }
  }
}
