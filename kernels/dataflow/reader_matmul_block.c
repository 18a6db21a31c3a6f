/* The reuse strategy's reader: this core's Mb×Kt block of A into c_0 and Kt×Nb block of B into
 * c_1, each read once. args: A address, B address, m0, n0, Mb, Nb, Kt, Nt, tile bytes */
#include "meshsim/matmul_blocks.h"

void kernel_main(void) {
  const uint32_t a = get_arg_val(0), b = get_arg_val(1), m0 = get_arg_val(2), n0 = get_arg_val(3);
  const uint32_t Mb = get_arg_val(4), Nb = get_arg_val(5), Kt = get_arg_val(6), Nt = get_arg_val(7), tile_bytes = get_arg_val(8);
  cb_reserve_back(0, Mb * Kt);
  read_block(0, a, tile_bytes, m0, 0, Mb, Kt, Kt);
  cb_push_back(0, Mb * Kt);
  cb_reserve_back(1, Kt * Nb);
  read_block(1, b, tile_bytes, 0, n0, Kt, Nb, Nt);
  cb_push_back(1, Kt * Nb);
}
