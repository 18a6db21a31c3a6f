/* Head-parallel attention's reader: for each of this core's (batch, head) pairs and each query
 * tile row i, the Q row into c_0, then the K rows into c_1 and the V rows into c_2 of the key
 * tiles it sees (all, or 0..i when causal), in the order the compute kernel takes them.
 * args: Q, K, V addresses, tile bytes, heads, kv heads, St, Dt, first pair, pairs, causal */
#include "attention_rows.h"

void kernel_main(void) {
  const attention_inputs in = inputs_args(0);
  const uint32_t first = get_arg_val(8), pairs = get_arg_val(9), causal = get_arg_val(10);
  for (uint32_t bh = first; bh < first + pairs; bh++) {
    const uint32_t q = q_matrix(&in, bh), kv = kv_matrix(&in, bh);
    for (uint32_t i = 0; i < in.St; i++) {
      const uint32_t keys = causal ? i + 1 : in.St;
      read_rows(0, &in.q, q, i, 1, in.Dt);
      read_rows(1, &in.k, kv, 0, keys, in.Dt);
      read_rows(2, &in.v, kv, 0, keys, in.Dt);
    }
  }
}
