/* The writer of softmax over tile rows: each tile row's output tiles from c_16 into the
 * interleaved output; with a causal mask the tiles wholly above the diagonal, which the reader and
 * the compute kernel skip, are written from a zero tile made here in c_6.
 * args: out address, page size, first tile row, tile rows, Wt, Ht (tile rows of one matrix), causal */
#include "dataflow_api.h"

enum { cb_out = 16, cb_zero = 6, TILE_BYTES = 2048 };

void kernel_main(void) {
  const InterleavedAddrGen out = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2), rows = get_arg_val(3), Wt = get_arg_val(4), Ht = get_arg_val(5);
  const uint32_t causal = get_arg_val(6);
  uint32_t zero = 0;
  if (causal) {
    cb_reserve_back(cb_zero, 1);
    zero = get_write_ptr(cb_zero);
    uint32_t *p = (uint32_t *)zero;
    for (uint32_t i = 0; i < TILE_BYTES / 4; i++) p[i] = 0;
    cb_push_back(cb_zero, 1);
  }
  /* Each tile written as soon as it is packed, one barrier a row; a row takes all Wt pages of
   * c_16 (the compute kernel pushes the skipped ones unwritten), so its tiles are indexed. */
  for (uint32_t row = first; row < first + rows; row++) {
    const uint32_t rt = row % Ht;
    const uint32_t valid = causal && rt + 1 < Wt ? rt + 1 : Wt;
    for (uint32_t w = 0; w < valid; w++) {
      cb_wait_front(cb_out, w + 1);
      noc_async_write(get_read_ptr(cb_out) + w * out.page_size, get_noc_addr_interleaved(row * Wt + w, &out), out.page_size);
    }
    for (uint32_t w = valid; w < Wt; w++) noc_async_write(zero, get_noc_addr_interleaved(row * Wt + w, &out), out.page_size);
    noc_async_write_barrier();
    cb_wait_front(cb_out, Wt);
    cb_pop_front(cb_out, Wt);
  }
}
