/* Flash attention's reader: for each of this core's query blocks (Bt query tiles of one (batch,
 * head)), the block's Q rows into c_0, then chunk by chunk (Bt key tiles; only up to the block's
 * diagonal when causal) the K rows into c_1 and the V rows into c_2.
 * args: Q, K, V addresses, tile bytes, heads, kv heads, St, Dt, first block, blocks, causal, Bt */
#include "attention_rows.h"

void kernel_main(void) {
  const attention_inputs in = inputs_args(0);
  const uint32_t first = get_arg_val(8), blocks = get_arg_val(9), causal = get_arg_val(10), Bt = get_arg_val(11);
  const uint32_t per_head = (in.St + Bt - 1) / Bt;
  for (uint32_t b = first; b < first + blocks; b++) {
    const uint32_t bh = b / per_head, block = b % per_head;
    const uint32_t q0 = block * Bt;
    const uint32_t rows = in.St - q0 < Bt ? in.St - q0 : Bt;
    read_rows(0, &in.q, q_matrix(&in, bh), q0, rows, in.Dt);
    push_padding(0, (Bt - rows) * in.Dt); /* the block and each V chunk take a slot of Bt rows */
    const uint32_t kv = kv_matrix(&in, bh);
    const uint32_t chunks = causal ? block + 1 : per_head;
    for (uint32_t c = 0; c < chunks; c++) {
      const uint32_t k0 = c * Bt, keys = in.St - k0 < Bt ? in.St - k0 : Bt;
      read_rows(1, &in.k, kv, k0, keys, in.Dt);
      read_rows(2, &in.v, kv, k0, keys, in.Dt);
      push_padding(2, (Bt - keys) * in.Dt);
    }
  }
}
