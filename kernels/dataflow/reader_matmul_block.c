/* The reuse strategy's reader: for each block of kb K tiles, this core's Mb×kb tiles of A into c_0
 * and kb×Nb tiles of B into c_1, each read once. args: A address, B address, m0, n0, Mb, Nb, Kt, kb,
 * Nt, tile bytes */
#include "meshsim/matmul_blocks.h"

void kernel_main(void) {
  const uint32_t a = get_arg_val(0), b = get_arg_val(1), m0 = get_arg_val(2), n0 = get_arg_val(3);
  const uint32_t Mb = get_arg_val(4), Nb = get_arg_val(5), Kt = get_arg_val(6), kb = get_arg_val(7);
  const uint32_t Nt = get_arg_val(8), tile_bytes = get_arg_val(9);
  for (uint32_t k0 = 0; k0 < Kt; k0 += kb) {
    cb_reserve_back(0, Mb * kb);
    read_block(0, a, tile_bytes, m0, k0, Mb, kb, Kt);
    cb_push_back(0, Mb * kb);
    cb_reserve_back(1, kb * Nb);
    read_block(1, b, tile_bytes, k0, n0, kb, Nb, Nt);
    cb_push_back(1, kb * Nb);
  }
}
