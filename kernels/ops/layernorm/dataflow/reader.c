/* The reader of layernorm / rmsnorm, as tt-metal's reader_unary_interleaved_ln: generates the
 * scaler tile (1/C, for reduce_tile's SUM over rows), the mask tile when C is not whole tiles and,
 * for block sharding, a scaler of 1 (to sum the partials of the row's cores); then x (tile-rows of
 * Wt tiles from DRAM, block by block; or, resident in an L1 shard, only made visible), and with
 * the first row the Wt tiles of gamma and beta that this core's columns use.
 * args: x address, x tile bytes, first tile, rows, Wt, block, resident, gamma?, gamma address,
 *       beta?, beta address, first gamma tile, gamma / beta tile bytes, scaler (two bf16 of 1/C),
 *       mask columns (0: none), peers */
#include "dataflow_api.h"

enum { cb_x = 0, cb_gamma = 1, cb_beta = 2, cb_scaler = 3, cb_one = 4, cb_mask = 5 };

#define BF16_ONES 0x3F803F80u
#define BF16_TILE_WORDS 512u /* the generated tiles are bf16 */

static void fill_tile(uint32_t cb, uint32_t word) {
  cb_reserve_back(cb, 1);
  volatile uint32_t *p = (volatile uint32_t *)get_write_ptr(cb);
  for (uint32_t i = 0; i < BF16_TILE_WORDS; i++) p[i] = word;
  cb_push_back(cb, 1);
}

/* bf16 1.0 in the first `cols` columns of every row, 0 after. The tile is four 16×16 faces
 * (top-left, top-right, bottom-left, bottom-right), row-major inside; a word holds two columns. */
static void fill_mask(uint32_t cols) {
  cb_reserve_back(cb_mask, 1);
  volatile uint32_t *p = (volatile uint32_t *)get_write_ptr(cb_mask);
  for (uint32_t face = 0; face < 4; face++) {
    const uint32_t c0 = (face & 1) * 16;
    for (uint32_t w = 0; w < 8; w++) {
      const uint32_t c = c0 + 2 * w;
      const uint32_t word = (c < cols ? 0x3F80u : 0) | (c + 1 < cols ? 0x3F800000u : 0);
      for (uint32_t r = 0; r < 16; r++) p[face * 128 + r * 8 + w] = word;
    }
  }
  cb_push_back(cb_mask, 1);
}

/* count pages of an interleaved buffer from `first` into cb, `block` at a time. */
static void read_pages(uint32_t cb, const InterleavedAddrGen *src, uint32_t first, uint32_t count, uint32_t block) {
  for (uint32_t i = 0; i < count; i += block) {
    const uint32_t m = count - i < block ? count - i : block;
    cb_reserve_back(cb, m);
    uint32_t l1 = get_write_ptr(cb);
    for (uint32_t j = 0; j < m; j++, l1 += src->page_size) noc_async_read(get_noc_addr_interleaved(first + i + j, src), l1, src->page_size);
    noc_async_read_barrier();
    cb_push_back(cb, m);
  }
}

void kernel_main(void) {
  const InterleavedAddrGen x = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2), rows = get_arg_val(3), Wt = get_arg_val(4), block = get_arg_val(5);
  const uint32_t resident = get_arg_val(6);
  const uint32_t has_gamma = get_arg_val(7), has_beta = get_arg_val(9), g0 = get_arg_val(11);
  const InterleavedAddrGen gamma = {.bank_base_address = get_arg_val(8), .page_size = get_arg_val(12)};
  const InterleavedAddrGen beta = {.bank_base_address = get_arg_val(10), .page_size = get_arg_val(12)};
  const uint32_t mask_cols = get_arg_val(14), peers = get_arg_val(15);

  fill_tile(cb_scaler, get_arg_val(13));
  if (mask_cols) fill_mask(mask_cols);
  if (peers > 1) fill_tile(cb_one, BF16_ONES);
  if (resident) {
    cb_reserve_back(cb_x, rows * Wt);
    cb_push_back(cb_x, rows * Wt);
  }
  for (uint32_t r = 0; r < rows; r++) {
    if (!resident) read_pages(cb_x, &x, first + r * Wt, Wt, block);
    if (r > 0) continue;
    if (has_gamma) read_pages(cb_gamma, &gamma, g0, Wt, block);
    if (has_beta) read_pages(cb_beta, &beta, g0, Wt, block);
  }
}
