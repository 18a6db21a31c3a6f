/* Feeds compute/matmul.c: for each output tile t of [first, first + count) in row-major order
 * (m = t / Nt, n = t % Nt), the Kt tiles A[m][k] into c_0 and B[k][n] into c_1, from row-major
 * tiled DRAM buffers (tt-metal's matmul_multi_core reader). args: A address, B address, first
 * output tile, output tiles, Kt, Nt, tile bytes */
#include "dataflow_api.h"

enum { cb_in0 = 0, cb_in1 = 1 };

void kernel_main(void) {
  const uint32_t tile_bytes = get_arg_val(6);
  const InterleavedAddrGen a = {.bank_base_address = get_arg_val(0), .page_size = tile_bytes};
  const InterleavedAddrGen b = {.bank_base_address = get_arg_val(1), .page_size = tile_bytes};
  const uint32_t first = get_arg_val(2), count = get_arg_val(3), Kt = get_arg_val(4), Nt = get_arg_val(5);
  for (uint32_t t = first; t < first + count; t++) {
    const uint32_t m = t / Nt, n = t % Nt;
    for (uint32_t k = 0; k < Kt; k++) {
      cb_reserve_back(cb_in0, 1);
      cb_reserve_back(cb_in1, 1);
      noc_async_read(get_noc_addr_interleaved(m * Kt + k, &a), get_write_ptr(cb_in0), tile_bytes);
      noc_async_read(get_noc_addr_interleaved(k * Nt + n, &b), get_write_ptr(cb_in1), tile_bytes);
      noc_async_read_barrier();
      cb_push_back(cb_in0, 1);
      cb_push_back(cb_in1, 1);
    }
  }
}
