/* Fills this core's L1 shard of a tensor with its tiles, reading each from where the source
 * tensor keeps it: a page of a DRAM interleaved buffer (interleaved_to_sharded) or a tile of
 * another core's L1 shard (reshard), as tt-metal's reader_unary_sharded / reshard readers do.
 * The source's shards are found as sim/tensor/layout.ts deals them: shard (i, j) of the tile matrix
 * goes to the i-th (height), j-th (width) core of the range in row- or column-major order, or to
 * the core at row i, column j of the range (block; transposed when column-major).
 * args: destination L1 address, first tile-row, first tile column, tile-rows, tile columns,
 *       destination shard width (tiles), tile bytes, tensor width (tiles),
 *       source kind (0 DRAM interleaved, 1 L1 sharded), source address,
 *       for an L1 source: layout (0 height, 1 width, 2 block), column-major, shard tile-rows,
 *       shard tile columns, range start column, start row, range columns, range rows, grid
 *       columns G, then the NoC x of each of the G logical columns and the NoC y of each logical row */
#include "dataflow_api.h"

enum { HEIGHT = 0, WIDTH = 1, BLOCK = 2 };

/* Where a sharded source keeps its shards (args 10 on). */
typedef struct {
  uint32_t layout, col_major, sr, sc, x0, y0, range_cols, range_rows, noc_x, noc_y;
} Shards;

/* The NoC address of tile (tr, tc) in the source's shards, at L1 address base on each core. */
static uint64_t shard_tile(const Shards *s, uint32_t base, uint32_t tr, uint32_t tc, uint32_t tile_bytes) {
  const uint32_t i = tr / s->sr, j = tc / s->sc;
  uint32_t x, y;
  if (s->layout == BLOCK) {
    x = s->col_major ? i : j;
    y = s->col_major ? j : i;
  } else {
    const uint32_t k = s->layout == HEIGHT ? i : j;
    x = s->col_major ? k / s->range_rows : k % s->range_cols;
    y = s->col_major ? k % s->range_rows : k / s->range_cols;
  }
  const uint32_t offset = ((tr - i * s->sr) * s->sc + (tc - j * s->sc)) * tile_bytes;
  return get_noc_addr(get_arg_val(s->noc_x + s->x0 + x), get_arg_val(s->noc_y + s->y0 + y), base + offset);
}

void kernel_main(void) {
  const uint32_t dst = get_arg_val(0), r0 = get_arg_val(1), c0 = get_arg_val(2), rows = get_arg_val(3), cols = get_arg_val(4);
  const uint32_t stride = get_arg_val(5), tile_bytes = get_arg_val(6), width = get_arg_val(7);
  const uint32_t from_l1 = get_arg_val(8), src = get_arg_val(9);
  const InterleavedAddrGen dram = {.bank_base_address = src, .page_size = tile_bytes};
  Shards shards = {0};
  if (from_l1) {
    shards = (Shards){get_arg_val(10), get_arg_val(11), get_arg_val(12), get_arg_val(13), get_arg_val(14), get_arg_val(15), get_arg_val(16), get_arg_val(17), 19, 19 + get_arg_val(18)};
  }
  for (uint32_t r = 0; r < rows; r++) {
    for (uint32_t c = 0; c < cols; c++) {
      const uint32_t tr = r0 + r, tc = c0 + c;
      const uint64_t from = from_l1 ? shard_tile(&shards, src, tr, tc, tile_bytes) : get_noc_addr_interleaved(tr * width + tc, &dram);
      noc_async_read(from, dst + (r * stride + c) * tile_bytes, tile_bytes);
    }
  }
  noc_async_read_barrier();
}
