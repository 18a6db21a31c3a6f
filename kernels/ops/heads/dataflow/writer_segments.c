/* Writes tiles from a circular buffer to consecutive pages of up to three interleaved tensors laid
 * end to end (q, k and v of a head split, or one output): output page p is page p of the first
 * segment, or p − its pages of the next, and so on.
 * args: tile bytes, first output page, pages, cb, segments, then per segment address, pages */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint32_t tile = get_arg_val(0);
  const uint32_t first = get_arg_val(1);
  const uint32_t count = get_arg_val(2);
  const uint32_t cb = get_arg_val(3);
  const uint32_t segments = get_arg_val(4);
  uint32_t seg = 0;
  uint32_t seg_start = 0;
  for (uint32_t page = first; page < first + count; page++) {
    while (page >= seg_start + get_arg_val(6u + 2u * seg) && seg + 1u < segments) {
      seg_start += get_arg_val(6u + 2u * seg);
      seg++;
    }
    const InterleavedAddrGen dst = {.bank_base_address = get_arg_val(5u + 2u * seg), .page_size = tile};
    cb_wait_front(cb, 1);
    noc_async_write(get_read_ptr(cb), get_noc_addr_interleaved(page - seg_start, &dst), tile);
    noc_async_write_barrier();
    cb_pop_front(cb, 1);
  }
}
