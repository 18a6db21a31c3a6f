/* The reader of softmax over tile rows (as tt-metal's reader_unary_interleaved_sm): first the
 * constant tiles the compute kernel keeps at the front of its CBs — the reduce scaler (1.0) in c_2,
 * and in c_5 the masks generated here: c_5 tile 0 is the causal diagonal (−inf above it), tile 1
 * the padding (−inf in the columns past the tensor's last), tile 2 both. Then, for each tile row,
 * the tiles of x that are not wholly above the diagonal into c_0, with their tiles of the
 * additive mask into c_1: a [rows, cols] mask repeats for every matrix, a [1, cols] one is a row.
 * args: x address, x page size, first tile row, tile rows, Wt, Ht (tile rows of one matrix),
 *       causal, valid columns of the last tile column (32: none padded),
 *       mask address, mask page size, mask kind (0 none, 1 [rows, cols], 2 [1, cols]) */
#include "dataflow_api.h"

enum { cb_in = 0, cb_mask = 1, cb_scaler = 2, cb_gen = 5 };
enum { BF16_ONE = 0x3F80u, BF16_NEG_INF = 0xFF80u, TILE_BYTES = 2048 };

/* A bf16 tile in the face layout (four 16×16 faces, row-major within a face), 0 where a value is
 * kept and −inf where it is masked: above the diagonal (diag), and from column pad on. */
static void fill_mask(uint32_t addr, uint32_t diag, uint32_t pad) {
  uint32_t *p = (uint32_t *)addr;
  for (uint32_t face = 0; face < 4; face++) {
    const uint32_t r0 = (face >> 1) * 16, c0 = (face & 1) * 16;
    for (uint32_t r = r0; r < r0 + 16; r++) {
      for (uint32_t c = c0; c < c0 + 16; c += 2) {
        const uint32_t lo = (diag && c > r) || c >= pad ? BF16_NEG_INF : 0;
        const uint32_t hi = (diag && c + 1 > r) || c + 1 >= pad ? BF16_NEG_INF : 0;
        *p++ = lo | hi << 16;
      }
    }
  }
}

/* tt-metal's generate_reduce_scaler: the first row of each face holds the scaler, the rest 0. */
static void fill_scaler(uint32_t addr, uint32_t bf16) {
  uint32_t *p = (uint32_t *)addr;
  for (uint32_t i = 0; i < TILE_BYTES / 4; i++) p[i] = i % 128 < 8 ? bf16 | bf16 << 16 : 0;
}

void kernel_main(void) {
  const InterleavedAddrGen x = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2), rows = get_arg_val(3), Wt = get_arg_val(4), Ht = get_arg_val(5);
  const uint32_t causal = get_arg_val(6), pad = get_arg_val(7);
  const InterleavedAddrGen mask = {.bank_base_address = get_arg_val(8), .page_size = get_arg_val(9)};
  const uint32_t mask_kind = get_arg_val(10);

  cb_reserve_back(cb_scaler, 1);
  fill_scaler(get_write_ptr(cb_scaler), BF16_ONE);
  cb_push_back(cb_scaler, 1);
  if (causal || pad < 32) {
    cb_reserve_back(cb_gen, 3);
    const uint32_t base = get_write_ptr(cb_gen);
    if (causal) fill_mask(base, 1, 32);
    if (pad < 32) fill_mask(base + TILE_BYTES, 0, pad);
    if (causal && pad < 32) fill_mask(base + 2 * TILE_BYTES, 1, pad);
    cb_push_back(cb_gen, 3);
  }

  /* A whole tile row under one barrier; the row takes all Wt pages of c_0 (and c_1), read or
   * not, so each row starts at the CBs' first page and the compute kernel indexes its tiles. */
  for (uint32_t row = first; row < first + rows; row++) {
    const uint32_t rt = row % Ht;
    const uint32_t valid = causal && rt + 1 < Wt ? rt + 1 : Wt;
    cb_reserve_back(cb_in, Wt);
    if (mask_kind) cb_reserve_back(cb_mask, Wt);
    const uint32_t in = get_write_ptr(cb_in), m = mask_kind ? get_write_ptr(cb_mask) : 0;
    for (uint32_t w = 0; w < valid; w++) {
      noc_async_read(get_noc_addr_interleaved(row * Wt + w, &x), in + w * x.page_size, x.page_size);
      if (mask_kind) noc_async_read(get_noc_addr_interleaved(mask_kind == 1 ? rt * Wt + w : w, &mask), m + w * mask.page_size, mask.page_size);
    }
    noc_async_read_barrier();
    cb_push_back(cb_in, Wt);
    if (mask_kind) cb_push_back(cb_mask, Wt);
  }
}
