/* Reads whole tiles of one interleaved tensor in the order of the output's pages: output page p of
 * segment s (the segments are the output tensors, one after another) has digits (d0, d1, d2, d3)
 * in the radix (n0, n1, n2, n3) of that segment, and comes from source page
 * base_s + d0·s0 + d1·s1 + d2·s2 + d3·s3. The head split and merge of prefill are such
 * permutations of tiles when the head dim is a multiple of 32.
 * args: src address, tile bytes, first output page, pages, cb, s0, s1, s2, s3, segments,
 *       then per segment n0, n1, n2, n3, base */
#include "dataflow_api.h"

void kernel_main(void) {
  const InterleavedAddrGen src = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2);
  const uint32_t count = get_arg_val(3);
  const uint32_t cb = get_arg_val(4);
  const uint32_t stride[4] = {get_arg_val(5), get_arg_val(6), get_arg_val(7), get_arg_val(8)};
  const uint32_t segments = get_arg_val(9);
  uint32_t seg = 0;
  uint32_t seg_start = 0; /* output page where segment seg starts */
  for (uint32_t page = first; page < first + count; page++) {
    uint32_t arg;
    for (;;) {
      arg = 10u + 5u * seg;
      uint32_t pages = get_arg_val(arg) * get_arg_val(arg + 1u) * get_arg_val(arg + 2u) * get_arg_val(arg + 3u);
      if (page < seg_start + pages || seg + 1u == segments) break;
      seg_start += pages;
      seg++;
    }
    uint32_t rest = page - seg_start;
    uint32_t from = get_arg_val(arg + 4u);
    for (int d = 3; d > 0; d--) {
      uint32_t radix = get_arg_val(arg + (uint32_t)d);
      from += (rest % radix) * stride[d];
      rest /= radix;
    }
    from += rest * stride[0];
    cb_reserve_back(cb, 1);
    noc_async_read(get_noc_addr_interleaved(from, &src), get_write_ptr(cb), src.page_size);
    noc_async_read_barrier();
    cb_push_back(cb, 1);
  }
}
