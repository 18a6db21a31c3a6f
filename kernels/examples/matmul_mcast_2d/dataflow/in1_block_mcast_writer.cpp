// Operand B of the 2D-multicast matmul and the output, on BRISC (NoC0), as tt-metal's
// reader_bmm_tile_layout_in1_{sender,receiver}_writer: the top row's cores read their columns of
// B block by block (kb x pN tiles) and multicast each down their core column (the same handshake
// as operand A); then every core writes its pM x pN output tiles.
// args: B address, C address, Kt, kb, pM, pN, Nt, core row, core column, sender?, receivers,
//       NoC x/y of the first and last receiver, NoC x/y of the sender
#include <cstdint>

void kernel_main() {
    const uint32_t b_addr = get_arg_val<uint32_t>(0);
    const uint32_t c_addr = get_arg_val<uint32_t>(1);
    const uint32_t Kt = get_arg_val<uint32_t>(2);
    const uint32_t kb = get_arg_val<uint32_t>(3);
    const uint32_t pM = get_arg_val<uint32_t>(4);
    const uint32_t pN = get_arg_val<uint32_t>(5);
    const uint32_t Nt = get_arg_val<uint32_t>(6);
    const uint32_t row = get_arg_val<uint32_t>(7);
    const uint32_t col = get_arg_val<uint32_t>(8);
    const bool sender = get_arg_val<uint32_t>(9) != 0;
    const uint32_t num_dests = get_arg_val<uint32_t>(10);
    const uint32_t dest_start_x = get_arg_val<uint32_t>(11), dest_start_y = get_arg_val<uint32_t>(12);
    const uint32_t dest_end_x = get_arg_val<uint32_t>(13), dest_end_y = get_arg_val<uint32_t>(14);
    const uint32_t sender_x = get_arg_val<uint32_t>(15), sender_y = get_arg_val<uint32_t>(16);

    constexpr uint32_t cb_b = tt::CBIndex::c_1;
    constexpr uint32_t cb_out = tt::CBIndex::c_16;
    const uint32_t tile_bytes = get_tile_size(cb_b);
    const uint32_t block_tiles = kb * pN;
    const uint32_t sender_sem = get_semaphore(2);
    const uint32_t receiver_sem = get_semaphore(3);
    volatile tt_l1_ptr uint32_t* sender_sem_ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(sender_sem);
    volatile tt_l1_ptr uint32_t* receiver_sem_ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(receiver_sem);
    const InterleavedAddrGenFast<true> b = {.bank_base_address = b_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
    const InterleavedAddrGenFast<true> c = {.bank_base_address = c_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
    if (sender) *receiver_sem_ptr = VALID;

    for (uint32_t k0 = 0; k0 < Kt; k0 += kb) {
        cb_reserve_back(cb_b, block_tiles);
        const uint32_t block = get_write_ptr(cb_b);
        if (sender) {
            uint32_t l1 = block;
            for (uint32_t k = 0; k < kb; k++)
                for (uint32_t n = 0; n < pN; n++, l1 += tile_bytes) noc_async_read_tile((k0 + k) * Nt + col * pN + n, b, l1);
            noc_async_read_barrier();
            noc_semaphore_wait(sender_sem_ptr, num_dests);
            noc_semaphore_set(sender_sem_ptr, 0);
            noc_async_write_multicast(block, get_noc_multicast_addr(dest_start_x, dest_start_y, dest_end_x, dest_end_y, block), block_tiles * tile_bytes, num_dests);
            noc_semaphore_set_multicast(receiver_sem, get_noc_multicast_addr(dest_start_x, dest_start_y, dest_end_x, dest_end_y, receiver_sem), num_dests);
        } else {
            noc_semaphore_set(receiver_sem_ptr, INVALID);
            noc_semaphore_inc(get_noc_addr(sender_x, sender_y, sender_sem), 1);
            noc_semaphore_wait(receiver_sem_ptr, VALID);
        }
        cb_push_back(cb_b, block_tiles);
    }

    cb_wait_front(cb_out, pM * pN);
    uint32_t l1 = get_read_ptr(cb_out);
    for (uint32_t m = 0; m < pM; m++)
        for (uint32_t n = 0; n < pN; n++, l1 += tile_bytes) noc_async_write_tile((row * pM + m) * Nt + col * pN + n, c, l1);
    noc_async_write_barrier();
    cb_pop_front(cb_out, pM * pN);
}
