/* The reader of a binary eltwise op on interleaved tensors, as tt-metal's
 * reader_binary_interleaved_start_id: for each of its output tiles, the tile of a into c_0 and the
 * tile of b into c_1, both reads under one barrier. b is a's shape (tile t pairs with tile t), or
 * one row of b_width tiles broadcast down the rows (tile t pairs with b's tile t % b_width).
 * args: a address, a page size, b address, b page size, first tile, tiles, b_width (0: a's shape) */
#include "dataflow_api.h"

enum { cb_a = 0, cb_b = 1 };

void kernel_main(void) {
  const InterleavedAddrGen a = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const InterleavedAddrGen b = {.bank_base_address = get_arg_val(2), .page_size = get_arg_val(3)};
  const uint32_t first = get_arg_val(4);
  const uint32_t count = get_arg_val(5);
  const uint32_t b_width = get_arg_val(6);
  for (uint32_t t = first; t < first + count; t++) {
    cb_reserve_back(cb_a, 1);
    cb_reserve_back(cb_b, 1);
    noc_async_read(get_noc_addr_interleaved(t, &a), get_write_ptr(cb_a), a.page_size);
    noc_async_read(get_noc_addr_interleaved(b_width ? t % b_width : t, &b), get_write_ptr(cb_b), b.page_size);
    noc_async_read_barrier();
    cb_push_back(cb_a, 1);
    cb_push_back(cb_b, 1);
  }
}
