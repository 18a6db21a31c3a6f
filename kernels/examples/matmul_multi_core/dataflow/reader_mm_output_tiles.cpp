// For each of this core's output tiles (C is Mt x Nt tiles), streams the Kt tiles of its A row
// and B column into c_0 and c_1, as tt-metal's matmul_multi_core reader does.
// args: A address, B address, Mt, Kt, Nt, first output tile, output tiles
#include <cstdint>

void kernel_main() {
    const uint32_t a_addr = get_arg_val<uint32_t>(0);
    const uint32_t b_addr = get_arg_val<uint32_t>(1);
    const uint32_t Kt = get_arg_val<uint32_t>(3);
    const uint32_t Nt = get_arg_val<uint32_t>(4);
    const uint32_t first = get_arg_val<uint32_t>(5);
    const uint32_t n_tiles = get_arg_val<uint32_t>(6);

    constexpr uint32_t cb_a = tt::CBIndex::c_0;
    constexpr uint32_t cb_b = tt::CBIndex::c_1;
    const uint32_t tile_bytes = get_tile_size(cb_a);
    const InterleavedAddrGenFast<true> a = {.bank_base_address = a_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
    const InterleavedAddrGenFast<true> b = {.bank_base_address = b_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};

    for (uint32_t t = first; t < first + n_tiles; t++) {
        const uint32_t mt = t / Nt, nt = t % Nt;
        for (uint32_t kt = 0; kt < Kt; kt++) {
            cb_reserve_back(cb_a, 1);
            noc_async_read_tile(mt * Kt + kt, a, get_write_ptr(cb_a));
            cb_reserve_back(cb_b, 1);
            noc_async_read_tile(kt * Nt + nt, b, get_write_ptr(cb_b));
            noc_async_read_barrier();
            cb_push_back(cb_a, 1);
            cb_push_back(cb_b, 1);
        }
    }
}
