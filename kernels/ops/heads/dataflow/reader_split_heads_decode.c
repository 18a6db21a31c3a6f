/* The decode head split: qkv [1, B, (H+2KV)·D] → q [1, B, H, D], k and v [1, B, KV, D]. Row b of
 * qkv holds every head of user b; user b's matrix in q has one row per head. Output tile
 * (b, ht, dt) of a segment (q, k, v, one after another) gathers, for each head h = 32·ht + r it
 * holds, row b % 32 of qkv tile (b / 32, (offset + h)·Dt + dt) into its row r, reading the two face
 * rows straight from DRAM; rows past the last head are zeroed.
 * args: qkv address, tile bytes, first output page, pages, cb, qkv width in tiles, Dt, B,
 *       segments, then per segment heads, head offset */
#include "dataflow_api.h"
#include "tile_rows.h"

void kernel_main(void) {
  const InterleavedAddrGen src = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2);
  const uint32_t count = get_arg_val(3);
  const uint32_t cb = get_arg_val(4);
  const uint32_t width = get_arg_val(5);
  const uint32_t dts = get_arg_val(6);
  const uint32_t users = get_arg_val(7);
  const uint32_t segments = get_arg_val(8);
  uint32_t seg = 0;
  uint32_t seg_start = 0;
  for (uint32_t page = first; page < first + count; page++) {
    uint32_t heads, head_tiles;
    for (;;) {
      heads = get_arg_val(9u + 2u * seg);
      head_tiles = (heads + 31u) / 32u;
      if (page < seg_start + users * head_tiles * dts || seg + 1u == segments) break;
      seg_start += users * head_tiles * dts;
      seg++;
    }
    const uint32_t offset = get_arg_val(10u + 2u * seg);
    const uint32_t local = page - seg_start;
    const uint32_t dt = local % dts;
    const uint32_t ht = (local / dts) % head_tiles;
    const uint32_t b = local / (dts * head_tiles);
    uint32_t rows = heads - 32u * ht;
    if (rows > 32u) rows = 32u;
    cb_reserve_back(cb, 1);
    const uint32_t dst = get_write_ptr(cb);
    for (uint32_t r = 0; r < rows; r++) read_tile_row(&src, (b / 32u) * width + (offset + 32u * ht + r) * dts + dt, b % 32u, dst, r);
    zero_tile_rows(dst, rows);
    noc_async_read_barrier();
    cb_push_back(cb, 1);
  }
}
