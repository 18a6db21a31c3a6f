/* Attention's writer. First it fills the tiles the compute kernel reads throughout (as tt-metal's
 * SDPA writer generates its masks): in c_3 the causal mask (-inf where column > row), the padding
 * mask (-inf in columns from valid_cols on) and both, only those the shape needs; the reduce
 * scaler (bf16 1.0) in c_4. Then it writes this core's output tile rows (Dt tiles each)
 * from c_16 to consecutive pages of the output.
 * args: output address, tile bytes, first page, pages, Dt, causal, valid columns of the last key tile (32: all) */
#include "dataflow_api.h"

enum { cb_mask = 3, cb_scaler = 4, cb_out = 16 };
#define BF16_NEG_INF 0xFF80u
#define BF16_ONE 0x3F80u

/* A bf16 tile in the face layout (four 16×16 faces, row-major within a face), two values a word:
 * in each row r the columns from min(r + 1 if causal, valid_cols) on are -inf. A face row is 8
 * words: zeros, at most one word half masked, then -inf pairs. */
static void fill_mask(uint32_t l1, uint32_t causal, uint32_t valid_cols) {
  volatile uint32_t *word = (volatile uint32_t *)l1;
  for (uint32_t face = 0; face < 4; face++) {
    const uint32_t row0 = (face >> 1) * 16, col0 = (face & 1) * 16;
    for (uint32_t r = row0; r < row0 + 16; r++) {
      const uint32_t from = causal && r + 1 < valid_cols ? r + 1 : valid_cols;
      volatile uint32_t *end = word + 8;
      uint32_t c = col0;
      for (; c + 1 < from && word < end; c += 2) *word++ = 0;
      if (c < from && word < end) { *word++ = BF16_NEG_INF << 16; }
      while (word < end) *word++ = BF16_NEG_INF | BF16_NEG_INF << 16;
    }
  }
}

void kernel_main(void) {
  const InterleavedAddrGen dst = {.bank_base_address = get_arg_val(0), .page_size = get_arg_val(1)};
  const uint32_t first = get_arg_val(2), pages = get_arg_val(3), Dt = get_arg_val(4);
  const uint32_t causal = get_arg_val(5), valid_cols = get_arg_val(6);

  /* the masks first: the first score tile may need one, the first reduction comes after it */
  cb_reserve_back(cb_mask, 3);
  const uint32_t masks = get_write_ptr(cb_mask);
  if (causal) fill_mask(masks, 1, 32);
  if (valid_cols < 32) fill_mask(masks + dst.page_size, 0, valid_cols);
  if (causal && valid_cols < 32) fill_mask(masks + 2 * dst.page_size, 1, valid_cols);
  cb_push_back(cb_mask, 3);

  cb_reserve_back(cb_scaler, 1);
  volatile uint32_t *scaler = (volatile uint32_t *)get_write_ptr(cb_scaler);
  for (uint32_t i = 0; i < dst.page_size / 4; i++) scaler[i] = BF16_ONE | BF16_ONE << 16;
  cb_push_back(cb_scaler, 1);

  for (uint32_t page = first; page < first + pages; page += Dt) {
    cb_wait_front(cb_out, Dt);
    uint32_t l1 = get_read_ptr(cb_out);
    for (uint32_t d = 0; d < Dt; d++, l1 += dst.page_size) noc_async_write(l1, get_noc_addr_interleaved(page + d, &dst), dst.page_size);
    noc_async_write_barrier();
    cb_pop_front(cb_out, Dt);
  }
}
