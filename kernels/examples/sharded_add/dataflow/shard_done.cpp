// The output CB is placed on the output shard: once the compute kernel has pushed every tile, the
// result is in place in L1. args: tiles
#include <cstdint>

void kernel_main() {
    const uint32_t n_tiles = get_arg_val<uint32_t>(0);
    cb_wait_front(tt::CBIndex::c_16, n_tiles);
}
