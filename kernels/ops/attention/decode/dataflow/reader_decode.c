/* Decode attention reader: for each (user, kv head) pair of this core, the user's Q tile row, then
 * this core's chunk of the K and V cache in blocks of positions. A cache tensor [B, KV, Lmax, D]
 * is a tile matrix D/32 tiles wide, so a block of position tiles is a run of consecutive pages.
 * args: q, k, v addresses; Dt; Q tile rows per user; kv heads; query heads per kv head; cache
 * tile rows per head; first pair; pairs; first position tile; position tiles; block tiles */
#include "dataflow_api.h"
#include "../decode_cbs.h"

/* count pages from `first` into cb, which moves on by `pages` (a whole block, decode_cbs.h). */
static void read_pages(uint32_t cb, const InterleavedAddrGen *src, uint32_t first, uint32_t count, uint32_t pages) {
  cb_reserve_back(cb, pages);
  const uint32_t l1 = get_write_ptr(cb);
  for (uint32_t i = 0; i < count; i++) noc_async_read(get_noc_addr_interleaved(first + i, src), l1 + i * DECODE_TILE_BYTES, DECODE_TILE_BYTES);
  noc_async_read_barrier();
  cb_push_back(cb, pages);
}

void kernel_main(void) {
  const InterleavedAddrGen q = {.bank_base_address = get_arg_val(0), .page_size = DECODE_TILE_BYTES};
  const InterleavedAddrGen k = {.bank_base_address = get_arg_val(1), .page_size = DECODE_TILE_BYTES};
  const InterleavedAddrGen v = {.bank_base_address = get_arg_val(2), .page_size = DECODE_TILE_BYTES};
  const uint32_t Dt = get_arg_val(3);
  const uint32_t q_row_tiles = get_arg_val(4);
  const uint32_t kv_heads = get_arg_val(5);
  const uint32_t group = get_arg_val(6);
  const uint32_t cache_row_tiles = get_arg_val(7);
  const uint32_t first_pair = get_arg_val(8);
  const uint32_t pairs = get_arg_val(9);
  const uint32_t t0 = get_arg_val(10);
  const uint32_t n = get_arg_val(11);
  const uint32_t kb = get_arg_val(12);

  for (uint32_t p = first_pair; p < first_pair + pairs; p++) {
    const uint32_t user = p / kv_heads;
    const uint32_t head = p % kv_heads;
    /* the tile row of the user's Q matrix that holds this kv head's query rows */
    read_pages(CB_Q, &q, (user * q_row_tiles + head * group / 32u) * Dt, Dt, Dt);
    const uint32_t row = p * cache_row_tiles + t0; /* pair p = user · KV + head is cache matrix p */
    for (uint32_t t = 0; t < n; t += kb) {
      const uint32_t tiles = decode_min(kb, n - t) * Dt;
      read_pages(CB_K, &k, (row + t) * Dt, tiles, kb * Dt);
      read_pages(CB_V, &v, (row + t) * Dt, tiles, kb * Dt);
    }
  }
}
