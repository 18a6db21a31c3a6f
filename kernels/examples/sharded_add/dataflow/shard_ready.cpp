// The inputs are already in this core's L1 (circular buffers placed on the shards): pushing the
// pages makes them visible to the compute kernel, as tt-metal's vecadd_sharding reader does.
// args: tiles
#include <cstdint>

void kernel_main() {
    const uint32_t n_tiles = get_arg_val<uint32_t>(0);
    cb_reserve_back(tt::CBIndex::c_0, n_tiles);
    cb_push_back(tt::CBIndex::c_0, n_tiles);
    cb_reserve_back(tt::CBIndex::c_1, n_tiles);
    cb_push_back(tt::CBIndex::c_1, n_tiles);
}
