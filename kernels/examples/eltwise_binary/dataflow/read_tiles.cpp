// Reads tiles [start, start + n) of two interleaved bf16 buffers into c_0 and c_1, one of each
// at a time. args: a address, b address, first tile, tiles
#include <cstdint>

void kernel_main() {
    const uint32_t a_addr = get_arg_val<uint32_t>(0);
    const uint32_t b_addr = get_arg_val<uint32_t>(1);
    const uint32_t start = get_arg_val<uint32_t>(2);
    const uint32_t n_tiles = get_arg_val<uint32_t>(3);

    constexpr uint32_t cb_a = tt::CBIndex::c_0;
    constexpr uint32_t cb_b = tt::CBIndex::c_1;
    const uint32_t tile_bytes = get_tile_size(cb_a);
    const InterleavedAddrGenFast<true> a = {.bank_base_address = a_addr, .page_size = tile_bytes, .data_format = get_dataformat(cb_a)};
    const InterleavedAddrGenFast<true> b = {.bank_base_address = b_addr, .page_size = tile_bytes, .data_format = get_dataformat(cb_b)};

    for (uint32_t i = start; i < start + n_tiles; i++) {
        cb_reserve_back(cb_a, 1);
        cb_reserve_back(cb_b, 1);
        noc_async_read_tile(i, a, get_write_ptr(cb_a));
        noc_async_read_tile(i, b, get_write_ptr(cb_b));
        noc_async_read_barrier();
        cb_push_back(cb_a, 1);
        cb_push_back(cb_b, 1);
    }
}
