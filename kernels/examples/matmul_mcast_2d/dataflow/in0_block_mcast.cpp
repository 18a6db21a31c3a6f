// Operand A of the 2D-multicast matmul, on NCRISC (NoC1), as tt-metal's
// reader_bmm_tile_layout_in0_{sender,receiver}: the left column's cores read their rows of A from
// DRAM block by block (pM x kb tiles) and multicast each block along their core row; the others
// receive it into the same CB address. Each block is a handshake on two semaphores: the receivers
// count themselves ready on the sender's, the sender flips the receivers' one to VALID after the data.
// args: A address, Kt, kb, pM, core row, sender?, receivers, NoC x/y of the first and last receiver,
//       NoC x/y of the sender
#include <cstdint>

void kernel_main() {
    const uint32_t a_addr = get_arg_val<uint32_t>(0);
    const uint32_t Kt = get_arg_val<uint32_t>(1);
    const uint32_t kb = get_arg_val<uint32_t>(2);
    const uint32_t pM = get_arg_val<uint32_t>(3);
    const uint32_t row = get_arg_val<uint32_t>(4);
    const bool sender = get_arg_val<uint32_t>(5) != 0;
    const uint32_t num_dests = get_arg_val<uint32_t>(6);
    const uint32_t dest_start_x = get_arg_val<uint32_t>(7), dest_start_y = get_arg_val<uint32_t>(8);
    const uint32_t dest_end_x = get_arg_val<uint32_t>(9), dest_end_y = get_arg_val<uint32_t>(10);
    const uint32_t sender_x = get_arg_val<uint32_t>(11), sender_y = get_arg_val<uint32_t>(12);

    constexpr uint32_t cb_a = tt::CBIndex::c_0;
    const uint32_t tile_bytes = get_tile_size(cb_a);
    const uint32_t block_tiles = pM * kb;
    const uint32_t sender_sem = get_semaphore(0);
    const uint32_t receiver_sem = get_semaphore(1);
    volatile tt_l1_ptr uint32_t* sender_sem_ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(sender_sem);
    volatile tt_l1_ptr uint32_t* receiver_sem_ptr = reinterpret_cast<volatile tt_l1_ptr uint32_t*>(receiver_sem);
    const InterleavedAddrGenFast<true> a = {.bank_base_address = a_addr, .page_size = tile_bytes, .data_format = DataFormat::Float16_b};
    if (sender) *receiver_sem_ptr = VALID;  // the word multicast to the receivers after each block

    for (uint32_t k0 = 0; k0 < Kt; k0 += kb) {
        cb_reserve_back(cb_a, block_tiles);
        const uint32_t block = get_write_ptr(cb_a);
        if (sender) {
            uint32_t l1 = block;
            for (uint32_t m = 0; m < pM; m++)
                for (uint32_t k = 0; k < kb; k++, l1 += tile_bytes) noc_async_read_tile((row * pM + m) * Kt + k0 + k, a, l1);
            noc_async_read_barrier();
            noc_semaphore_wait(sender_sem_ptr, num_dests);
            noc_semaphore_set(sender_sem_ptr, 0);
            // NoC1 numbers the rectangle from its far corner: end first.
            noc_async_write_multicast(block, get_noc_multicast_addr(dest_end_x, dest_end_y, dest_start_x, dest_start_y, block), block_tiles * tile_bytes, num_dests);
            noc_semaphore_set_multicast(receiver_sem, get_noc_multicast_addr(dest_end_x, dest_end_y, dest_start_x, dest_start_y, receiver_sem), num_dests);
        } else {
            noc_semaphore_set(receiver_sem_ptr, INVALID);
            noc_semaphore_inc(get_noc_addr(sender_x, sender_y, sender_sem), 1);
            noc_semaphore_wait(receiver_sem_ptr, VALID);
        }
        cb_push_back(cb_a, block_tiles);
    }
}
