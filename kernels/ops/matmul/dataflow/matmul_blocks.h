/* Moving one core's matmul blocks between DRAM and its circular buffers, shared by the matmul
 * op's reader and writer kernels (sim/ops/matmul/). A core works through `count` units, each one
 * Mb×Nb block of C of one batch; a block at the bottom or right edge of C is partial, and as in
 * tt-metal's padded-block readers and writers the tiles past the edge are neither read nor
 * written (the compute works on the whole block; what it makes of the stale tiles is dropped). */
#ifndef MESHSIM_MATMUL_BLOCKS_H
#define MESHSIM_MATMUL_BLOCKS_H
#include "dataflow_api.h"

/* A tile matrix in DRAM: interleaved (page r·width + c after the batch's first page), or, with
 * shard_cols, width-sharded over the banks (bank c / shard_cols holds those columns, row-major). */
typedef struct {
  uint32_t addr, tile_bytes, width, shard_cols;
} TileMatrix;

static inline uint64_t tile_noc_addr(const TileMatrix *m, uint32_t page0, uint32_t r, uint32_t c) {
  if (!m->shard_cols) {
    const InterleavedAddrGen g = {.bank_base_address = m->addr, .page_size = m->tile_bytes};
    return get_noc_addr_interleaved(page0 + r * m->width + c, &g);
  }
  const uint32_t stride = (m->tile_bytes + DRAM_PAGE_ALIGNMENT - 1u) & ~(DRAM_PAGE_ALIGNMENT - 1u);
  const uint32_t k = m->shard_cols;
  return get_noc_addr_from_bank_id(c / k, m->addr + (r * k + c % k) * stride);
}

/* Reads the rows×cols block at tile (r0, c0) into the back of cb, only the first valid_rows ×
 * valid_cols tiles of it (the rest are past the matrix's edge). */
static inline void read_block(uint32_t cb, const TileMatrix *m, uint32_t page0, uint32_t r0, uint32_t c0, uint32_t rows, uint32_t cols,
                              uint32_t valid_rows, uint32_t valid_cols) {
  uint32_t l1 = get_write_ptr(cb);
  for (uint32_t r = 0; r < rows; r++)
    for (uint32_t c = 0; c < cols; c++, l1 += m->tile_bytes)
      if (r < valid_rows && c < valid_cols) noc_async_read(tile_noc_addr(m, page0, r0 + r, c0 + c), l1, m->tile_bytes);
  noc_async_read_barrier();
}

/* A core's units of work, each an Mb×Nb output block. Unit i is block t = first + i of batch
 * t / (m_blocks·n_blocks); within the batch the blocks run row-major from tile (m0, n0). C is
 * Mt×Nt tiles a batch. */
typedef struct {
  uint32_t first, count, m_blocks, n_blocks, m0, n0, Mb, Nb, Mt, Nt;
} Units;

typedef struct {
  uint32_t batch, m, n, rows, cols; /* origin tile and the tiles inside C */
} Unit;

static inline Units units_args(uint32_t a) {
  const Units u = {
    .first = get_arg_val(a), .count = get_arg_val(a + 1), .m_blocks = get_arg_val(a + 2), .n_blocks = get_arg_val(a + 3),
    .m0 = get_arg_val(a + 4), .n0 = get_arg_val(a + 5), .Mb = get_arg_val(a + 6), .Nb = get_arg_val(a + 7),
    .Mt = get_arg_val(a + 8), .Nt = get_arg_val(a + 9),
  };
  return u;
}

static inline Unit unit_at(const Units *u, uint32_t i) {
  const uint32_t per_batch = u->m_blocks * u->n_blocks, t = u->first + i, in_batch = t % per_batch;
  Unit w = {.batch = t / per_batch, .m = u->m0 + (in_batch / u->n_blocks) * u->Mb, .n = u->n0 + (in_batch % u->n_blocks) * u->Nb};
  /* An output block of the last core can lie wholly past C's edge: nothing of it is read or written. */
  w.rows = w.m >= u->Mt ? 0 : u->Mt - w.m < u->Mb ? u->Mt - w.m : u->Mb;
  w.cols = w.n >= u->Nt ? 0 : u->Nt - w.n < u->Nb ? u->Nt - w.n : u->Nb;
  return w;
}

/* Writes the unit's block of C as the compute kernel pushes it into cb: sub-block by sub-block,
 * each sub_h×sub_w row-major, skipping the tiles past C's edge. */
static inline void write_block(uint32_t cb, const TileMatrix *c, const Units *u, const Unit *w, uint32_t sub_h, uint32_t sub_w) {
  const uint32_t page0 = w->batch * u->Mt * u->Nt;
  for (uint32_t sh = 0; sh < u->Mb; sh += sub_h) {
    for (uint32_t sw = 0; sw < u->Nb; sw += sub_w) {
      cb_wait_front(cb, sub_h * sub_w);
      uint32_t l1 = get_read_ptr(cb);
      for (uint32_t h = 0; h < sub_h; h++)
        for (uint32_t x = 0; x < sub_w; x++, l1 += c->tile_bytes)
          if (sh + h < w->rows && sw + x < w->cols) noc_async_write(l1, tile_noc_addr(c, page0, w->m + sh + h, w->n + sw + x), c->tile_bytes);
      noc_async_write_barrier();
      cb_pop_front(cb, sub_h * sub_w);
    }
  }
}

/* Fills `tiles` pages at the back of cb on every core of a rectangle, as tt-metal's multicast
 * matmul senders and receivers do, once per K block. The sender reads its block with `read`,
 * waits until all num_dests receivers have reserved space (they increment its `ready`
 * semaphore), multicasts the block to the same L1 address on each, then flags each receiver's
 * `valid` semaphore. A receiver reserves space, tells the sender, and waits for the flag. A core
 * of the rectangle with no work (an idle receiver, as tt-metal's in0 receivers without work in the
 * 1-D multicast) takes part in the handshake but leaves its CB alone. role: 0 receiver, 1 sender
 * (num_dests 0: no multicast, the core only reads), 2 idle receiver. */
enum { MCAST_RECEIVER = 0, MCAST_SENDER = 1, MCAST_IDLE = 2 };

typedef struct {
  uint32_t role, x0, y0, x1, y1, num_dests, sender_x, sender_y, ready_sem, valid_sem;
} McastBlock;

static inline McastBlock mcast_block_args(uint32_t a) {
  const McastBlock m = {
    .role = get_arg_val(a), .x0 = get_arg_val(a + 1), .y0 = get_arg_val(a + 2), .x1 = get_arg_val(a + 3), .y1 = get_arg_val(a + 4),
    .num_dests = get_arg_val(a + 5), .sender_x = get_arg_val(a + 6), .sender_y = get_arg_val(a + 7),
    .ready_sem = get_arg_val(a + 8), .valid_sem = get_arg_val(a + 9),
  };
  return m;
}

static inline void mcast_fill(uint32_t cb, uint32_t tiles, uint32_t tile_bytes, const McastBlock *m, void (*read)(void)) {
  volatile uint32_t *ready = (volatile uint32_t *)get_semaphore(m->ready_sem);
  volatile uint32_t *valid = (volatile uint32_t *)get_semaphore(m->valid_sem);
  if (m->role != MCAST_IDLE) cb_reserve_back(cb, tiles);
  if (m->role == MCAST_SENDER) {
    read();
    if (m->num_dests) {
      const uint32_t l1 = get_write_ptr(cb);
      noc_semaphore_wait(ready, m->num_dests);
      noc_semaphore_set(ready, 0);
      noc_async_write_multicast(l1, get_noc_multicast_addr(m->x0, m->y0, m->x1, m->y1, l1), tiles * tile_bytes, m->num_dests);
      noc_semaphore_set(valid, 1);
      /* No write barrier per block: the flag follows the data on the same NoC, and the sender's
       * next block waits for every receiver's `ready` anyway (tt-metal's
       * reader_bmm_tile_layout_in0_sender_padding.cpp and reader_bmm_tile_layout_in1_sender_writer_padding.cpp
       * barrier once, at the kernel's end: mcast_done). */
      noc_semaphore_set_multicast((uint32_t)valid, get_noc_multicast_addr(m->x0, m->y0, m->x1, m->y1, (uint32_t)valid), m->num_dests);
    }
  } else {
    noc_semaphore_inc(get_noc_addr(m->sender_x, m->sender_y, (uint32_t)ready), 1);
    noc_semaphore_wait(valid, 1);
    noc_semaphore_set(valid, 0);
  }
  if (m->role != MCAST_IDLE) cb_push_back(cb, tiles);
}

/* The multicasts of a sender's last blocks landed (before the kernel ends). */
static inline void mcast_done(void) { noc_async_write_barrier(); }

#endif
