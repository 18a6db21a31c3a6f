/* The reader of a binary eltwise op on two sharded inputs, as tt-metal's sharded eltwise reader:
 * both shards are already in this core's L1, under c_0 and c_1 placed on them, so reading is only
 * making their pages visible to the compute kernel. args: tiles of a shard */
#include "dataflow_api.h"

enum { cb_a = 0, cb_b = 1 };

void kernel_main(void) {
  const uint32_t tiles = get_arg_val(0);
  cb_reserve_back(cb_a, tiles);
  cb_push_back(cb_a, tiles);
  cb_reserve_back(cb_b, tiles);
  cb_push_back(cb_b, tiles);
}
