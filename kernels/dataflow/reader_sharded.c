/* The reader of a sharded input, as tt-metal's reader_unary_sharded: the shard is already in L1,
 * under a circular buffer placed on it, so reading is only making its pages visible.
 * args: CB index, pages */
#include "dataflow_api.h"

void kernel_main(void) {
  const uint32_t cb = get_arg_val(0), pages = get_arg_val(1);
  cb_reserve_back(cb, pages);
  cb_push_back(cb, pages);
}
