/* Moving one core's matmul blocks between DRAM and its circular buffers (the reuse and multicast
 * matmul strategies share these). A, B and C are row-major tiled interleaved DRAM buffers. */
#ifndef MESHSIM_MATMUL_BLOCKS_H
#define MESHSIM_MATMUL_BLOCKS_H
#include "dataflow_api.h"

/* Reads the rows×cols tiles at (r0, c0) of a matrix `width` tiles wide into the back of cb. */
static inline void read_block(uint32_t cb, uint32_t addr, uint32_t tile_bytes, uint32_t r0, uint32_t c0, uint32_t rows, uint32_t cols, uint32_t width) {
  const InterleavedAddrGen src = {.bank_base_address = addr, .page_size = tile_bytes};
  uint32_t l1 = get_write_ptr(cb);
  for (uint32_t r = 0; r < rows; r++)
    for (uint32_t c = 0; c < cols; c++, l1 += tile_bytes) noc_async_read(get_noc_addr_interleaved((r0 + r) * width + c0 + c, &src), l1, tile_bytes);
  noc_async_read_barrier();
}

/* Writes the Mb×Nb output block at tile (m0, n0) of C, Nt tiles wide, as compute/matmul_block.c
 * pushes it: sub-block by sub-block, each sub_h×sub_w row-major. */
static inline void write_block(uint32_t cb, uint32_t addr, uint32_t tile_bytes, uint32_t m0, uint32_t n0, uint32_t Mb, uint32_t Nb, uint32_t sub_h, uint32_t sub_w, uint32_t Nt) {
  const InterleavedAddrGen dst = {.bank_base_address = addr, .page_size = tile_bytes};
  for (uint32_t sh = 0; sh < Mb; sh += sub_h) {
    for (uint32_t sw = 0; sw < Nb; sw += sub_w) {
      cb_wait_front(cb, sub_h * sub_w);
      uint32_t l1 = get_read_ptr(cb);
      for (uint32_t h = 0; h < sub_h; h++)
        for (uint32_t w = 0; w < sub_w; w++, l1 += tile_bytes) noc_async_write(l1, get_noc_addr_interleaved((m0 + sh + h) * Nt + n0 + sw + w, &dst), tile_bytes);
      noc_async_write_barrier();
      cb_pop_front(cb, sub_h * sub_w);
    }
  }
}

/* Fills `tiles` pages at the back of cb on every core of a row or column, as tt-metal's multicast
 * matmul senders and receivers do, once per K block. The sender (on the rectangle's edge, not in
 * it) reads its block with `read`, waits until all num_dests receivers have reserved space (they
 * increment its `ready` semaphore), multicasts the block to the same L1 address on each, then
 * flags each receiver's `valid` semaphore. A receiver reserves space, tells the sender, and waits
 * for the flag. Each side clears the semaphore it waited on, ready for the next block. */
typedef struct {
  uint32_t sender, x0, y0, x1, y1, num_dests, sender_x, sender_y, ready_sem, valid_sem;
} McastBlock;

static inline McastBlock mcast_block_args(uint32_t a) {
  const McastBlock m = {
    .sender = get_arg_val(a), .x0 = get_arg_val(a + 1), .y0 = get_arg_val(a + 2), .x1 = get_arg_val(a + 3), .y1 = get_arg_val(a + 4),
    .num_dests = get_arg_val(a + 5), .sender_x = get_arg_val(a + 6), .sender_y = get_arg_val(a + 7),
    .ready_sem = get_arg_val(a + 8), .valid_sem = get_arg_val(a + 9),
  };
  return m;
}

static inline void mcast_fill(uint32_t cb, uint32_t tiles, uint32_t tile_bytes, const McastBlock *m, void (*read)(void)) {
  volatile uint32_t *ready = (volatile uint32_t *)get_semaphore(m->ready_sem);
  volatile uint32_t *valid = (volatile uint32_t *)get_semaphore(m->valid_sem);
  cb_reserve_back(cb, tiles);
  if (m->sender) {
    read();
    if (m->num_dests) {
      const uint32_t l1 = get_write_ptr(cb);
      noc_semaphore_wait(ready, m->num_dests);
      noc_semaphore_set(ready, 0);
      noc_async_write_multicast(l1, get_noc_multicast_addr(m->x0, m->y0, m->x1, m->y1, l1), tiles * tile_bytes, m->num_dests);
      noc_semaphore_set(valid, 1);
      noc_semaphore_set_multicast((uint32_t)valid, get_noc_multicast_addr(m->x0, m->y0, m->x1, m->y1, (uint32_t)valid), m->num_dests);
      noc_async_write_barrier();
    }
  } else {
    noc_semaphore_inc(get_noc_addr(m->sender_x, m->sender_y, (uint32_t)ready), 1);
    noc_semaphore_wait(valid, 1);
    noc_semaphore_set(valid, 0);
  }
  cb_push_back(cb, tiles);
}

#endif
