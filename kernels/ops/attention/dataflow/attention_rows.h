/* Reading tile rows of a [batch, heads, S, D] tensor in DRAM (interleaved, a page per tile, tiles
 * row-major: a tile row of one head is Dt consecutive pages) into a circular buffer, a row per
 * push, the row's reads in flight together. */
#ifndef ATTENTION_ROWS_H
#define ATTENTION_ROWS_H
#include "dataflow_api.h"
#include "../cb_padding.h"

/* Tile rows first_row.. of the matrix that starts at page `matrix_page`. */
static inline void read_rows(uint32_t cb, const InterleavedAddrGen *src, uint32_t matrix_page, uint32_t first_row, uint32_t rows, uint32_t Dt) {
  for (uint32_t r = first_row; r < first_row + rows; r++) {
    cb_reserve_back(cb, Dt);
    uint32_t l1 = get_write_ptr(cb);
    for (uint32_t d = 0; d < Dt; d++, l1 += src->page_size) noc_async_read(get_noc_addr_interleaved(matrix_page + r * Dt + d, src), l1, src->page_size);
    noc_async_read_barrier();
    cb_push_back(cb, Dt);
  }
}

typedef struct {
  InterleavedAddrGen q, k, v;
  uint32_t heads, kv_heads, St, Dt;
} attention_inputs;

/* args from `first`: Q, K, V addresses, tile bytes, heads, kv heads, St, Dt */
static inline attention_inputs inputs_args(uint32_t first) {
  const uint32_t tile = get_arg_val(first + 3);
  attention_inputs in = {
    {get_arg_val(first), tile}, {get_arg_val(first + 1), tile}, {get_arg_val(first + 2), tile},
    get_arg_val(first + 4), get_arg_val(first + 5), get_arg_val(first + 6), get_arg_val(first + 7),
  };
  return in;
}

/* First pages of (batch, head) pair bh's Q matrix and of the K/V matrix it reads: grouped-query
 * attention, query head h uses kv head h · kv_heads / heads. */
static inline uint32_t q_matrix(const attention_inputs *in, uint32_t bh) { return bh * in->St * in->Dt; }
static inline uint32_t kv_matrix(const attention_inputs *in, uint32_t bh) {
  const uint32_t b = bh / in->heads, h = bh % in->heads;
  return (b * in->kv_heads + h * in->kv_heads / in->heads) * in->St * in->Dt;
}
#endif
