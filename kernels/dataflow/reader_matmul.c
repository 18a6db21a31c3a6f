/* Feeds compute/matmul.c: for each output tile (m, n), the Kt tiles A[m][k] into c_0 and
 * B[k][n] into c_1, from row-major tiled DRAM buffers. args: A address, B address, Mt, Kt, Nt,
 * tile bytes */
#include "dataflow_api.h"

enum { cb_in0 = 0, cb_in1 = 1 };

void kernel_main(void) {
  const uint32_t tile_bytes = get_arg_val(5);
  const InterleavedAddrGen a = {.bank_base_address = get_arg_val(0), .page_size = tile_bytes};
  const InterleavedAddrGen b = {.bank_base_address = get_arg_val(1), .page_size = tile_bytes};
  const uint32_t Mt = get_arg_val(2), Kt = get_arg_val(3), Nt = get_arg_val(4);
  for (uint32_t m = 0; m < Mt; m++) {
    for (uint32_t n = 0; n < Nt; n++) {
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
}
