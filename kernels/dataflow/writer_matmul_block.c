/* The reuse strategy's writer: this core's Mb×Nb block of C from c_16 to DRAM.
 * args: C address, m0, n0, Mb, Nb, sub_h, sub_w, Nt, tile bytes */
#include "meshsim/matmul_blocks.h"

void kernel_main(void) {
  write_block(16, get_arg_val(0), get_arg_val(8), get_arg_val(1), get_arg_val(2), get_arg_val(3), get_arg_val(4), get_arg_val(5), get_arg_val(6), get_arg_val(7));
}
