/* The writer of an interleaved layernorm / rmsnorm, as tt-metal's
 * writer_unary_interleaved_start_id_blocked: `count` output tiles from c_16 to consecutive pages
 * of an interleaved DRAM buffer, a block at a time with one write barrier per block.
 * args: buffer address, page size, first page, number of pages, block */
#include "dataflow_api.h"

enum { cb_out = 16 };

void kernel_main(void) {
  const InterleavedAddrGen dst = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2), count = get_arg_val(3), block = get_arg_val(4);
  for (uint32_t i = 0; i < count; i += block) {
    const uint32_t m = count - i < block ? count - i : block;
    cb_wait_front(cb_out, m);
    uint32_t l1 = get_read_ptr(cb_out);
    for (uint32_t j = 0; j < m; j++, l1 += dst.page_size) noc_async_write(l1, get_noc_addr_interleaved(first + i + j, &dst), dst.page_size);
    noc_async_write_barrier();
    cb_pop_front(cb_out, m);
  }
}
