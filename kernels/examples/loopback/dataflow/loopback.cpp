// DRAM -> L1 -> DRAM: copies an interleaved buffer page by page through one L1 page (a CB's
// storage, used here as plain scratch), as tt-metal's loopback example does.
// args: source address, destination address, pages, page size
#include <cstdint>

void kernel_main() {
    const uint32_t src_addr = get_arg_val<uint32_t>(0);
    const uint32_t dst_addr = get_arg_val<uint32_t>(1);
    const uint32_t num_pages = get_arg_val<uint32_t>(2);
    const uint32_t page_size = get_arg_val<uint32_t>(3);

    const InterleavedAddrGen<true> src = {.bank_base_address = src_addr, .page_size = page_size};
    const InterleavedAddrGen<true> dst = {.bank_base_address = dst_addr, .page_size = page_size};
    const uint32_t scratch = get_write_ptr(tt::CBIndex::c_0);

    for (uint32_t i = 0; i < num_pages; i++) {
        noc_async_read(get_noc_addr(i, src), scratch, page_size);
        noc_async_read_barrier();
        noc_async_write(scratch, get_noc_addr(i, dst), page_size);
        noc_async_write_barrier();
    }
    DPRINT << "copied " << num_pages << " pages of " << page_size << " bytes" << ENDL();
}
