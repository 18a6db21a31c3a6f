/* Rows of a bf16 tile, for kernels that move rows between tiles (head split/merge in decode, the
 * KV-cache update, the embedding gather). A tile is 4 faces of 16×16 values (top-left, top-right,
 * bottom-left, bottom-right), row-major within a face (sim/compute/formats.ts), so row r of the
 * tile is two 32-byte face rows: its left 16 values in face 2·(r/16), its right 16 in the next. */
#ifndef OPS_TILE_ROWS_H
#define OPS_TILE_ROWS_H
#include "dataflow_api.h"

#define TILE_FACE_BYTES 512u
#define TILE_FACE_ROW_BYTES 32u

/* Byte offset of half `half` (0 left, 1 right) of row `row` in a bf16 tile. */
static inline uint32_t tile_row_offset(uint32_t row, uint32_t half) {
  return (((row >> 4) << 1) + half) * TILE_FACE_BYTES + (row & 15u) * TILE_FACE_ROW_BYTES;
}

/* Starts the reads of row src_row of page `page` of an interleaved bf16 tensor into row dst_row
 * of the L1 tile at dst: two face-row reads (the caller waits with noc_async_read_barrier). */
static inline void read_tile_row(const InterleavedAddrGen *src, uint32_t page, uint32_t src_row, uint32_t dst, uint32_t dst_row) {
  for (uint32_t half = 0; half < 2u; half++) {
    uint64_t from = meshsim_interleaved_addr(page, src->bank_base_address, src->page_size, tile_row_offset(src_row, half));
    noc_async_read(from, dst + tile_row_offset(dst_row, half), TILE_FACE_ROW_BYTES);
  }
}

/* Zeroes rows from..31 of the L1 tile at dst: the padding rows of a tile that is not full. */
static inline void zero_tile_rows(uint32_t dst, uint32_t from) {
  for (uint32_t row = from; row < 32u; row++) {
    for (uint32_t half = 0; half < 2u; half++) {
      volatile uint32_t *words = (volatile uint32_t *)(uintptr_t)(dst + tile_row_offset(row, half));
      for (uint32_t i = 0; i < TILE_FACE_ROW_BYTES / 4u; i++) words[i] = 0;
    }
  }
}

#endif
