/* Decode attention writer. First it makes the constant tiles compute needs (the reduce scaler,
 * a -inf tile and, on the core holding the cache's partial last tile, the mask), as tt-metal's
 * sdpa_decode writer does. Then, per pair, by the core's role:
 * - worker: sends its partial (m, l, O) into its slot of the reducer's CB_M_IN / CB_L_IN / CB_O_IN
 *   with noc_async_write, then increments the reducer's semaphore;
 * - reducer: waits on its semaphore for every worker, then hands the partials to compute;
 * - reducer and alone: writes the kv head's query rows of the output tile row to DRAM (a GQA
 *   group shares its tiles with the other kv heads, so only its rows: two face-row runs per tile).
 * args: output address; Dt; Q tile rows per user; kv heads; query heads per kv head; first pair;
 * pairs; role; workers; worker slot; reducer NoC x, y; valid columns of the masked tile (0: none) */
#include "dataflow_api.h"
#include "../decode_cbs.h"

static void fill_tile(uint32_t cb, uint32_t word) {
  cb_reserve_back(cb, 1);
  volatile uint32_t *tile = (volatile uint32_t *)get_write_ptr(cb);
  for (uint32_t i = 0; i < DECODE_TILE_BYTES / 4u; i++) tile[i] = word;
  cb_push_back(cb, 1);
}

/* Column c of every row is 0 below `valid`, else -inf; a face row holds columns (face & 1) · 16 on. */
static void fill_mask(uint32_t valid) {
  uint32_t words[16]; /* one face row of the left faces, then of the right faces, as bf16 pairs */
  for (uint32_t w = 0; w < 16; w++) {
    const uint32_t c = (w / 8u) * 16u + (w % 8u) * 2u;
    words[w] = (c < valid ? 0u : BF16_NEG_INF) | ((c + 1u < valid ? 0u : BF16_NEG_INF) << 16);
  }
  cb_reserve_back(CB_MASK, 1);
  volatile uint32_t *tile = (volatile uint32_t *)get_write_ptr(CB_MASK);
  for (uint32_t face = 0; face < 4; face++) {
    const uint32_t *row = words + (face & 1u) * 8u;
    for (uint32_t r = 0; r < 16; r++, tile += 8) for (uint32_t w = 0; w < 8; w++) tile[w] = row[w];
  }
  cb_push_back(CB_MASK, 1);
}

/* Rows r0 .. r0 + rows - 1 of a tile at l1 to the same rows of output page `page`. Tile row r is
 * face row r % 16 of faces (r / 16) · 2 (columns 0-15) and the one after it (16-31). */
static void write_rows(const InterleavedAddrGen *out, uint32_t page, uint32_t l1, uint32_t r0, uint32_t rows) {
  const uint64_t dst = get_noc_addr_interleaved(page, out);
  for (uint32_t r = r0; r < r0 + rows;) {
    const uint32_t end = r < 16u ? decode_min(r0 + rows, 16u) : r0 + rows;
    const uint32_t offset = (r / 16u) * 2u * DECODE_FACE_BYTES + (r % 16u) * DECODE_FACE_ROW_BYTES;
    for (uint32_t f = 0; f < 2; f++) {
      const uint32_t at = offset + f * DECODE_FACE_BYTES;
      noc_async_write(l1 + at, dst + at, (end - r) * DECODE_FACE_ROW_BYTES);
    }
    r = end;
  }
}

static void send_partial(uint32_t Dt, uint32_t slot, uint32_t x, uint32_t y) {
  cb_wait_front(CB_OUT, Dt);
  cb_wait_front(CB_OUT_M, 1);
  cb_wait_front(CB_OUT_L, 1);
  /* CB_*_IN are at the same address on the reducer as here */
  noc_async_write(get_read_ptr(CB_OUT_M), get_noc_addr(x, y, get_write_ptr(CB_M_IN) + slot * DECODE_TILE_BYTES), DECODE_TILE_BYTES);
  noc_async_write(get_read_ptr(CB_OUT_L), get_noc_addr(x, y, get_write_ptr(CB_L_IN) + slot * DECODE_TILE_BYTES), DECODE_TILE_BYTES);
  noc_async_write(get_read_ptr(CB_OUT), get_noc_addr(x, y, get_write_ptr(CB_O_IN) + slot * Dt * DECODE_TILE_BYTES), Dt * DECODE_TILE_BYTES);
  noc_async_write_barrier(); /* the partial has landed before the reducer may see the count */
  noc_semaphore_inc(get_noc_addr(x, y, get_semaphore(0)), 1);
  cb_pop_front(CB_OUT, Dt);
  cb_pop_front(CB_OUT_M, 1);
  cb_pop_front(CB_OUT_L, 1);
}

static void receive_partials(uint32_t Dt, uint32_t workers) {
  cb_reserve_back(CB_M_IN, workers);
  cb_reserve_back(CB_L_IN, workers);
  cb_reserve_back(CB_O_IN, workers * Dt);
  noc_semaphore_wait((volatile uint32_t *)get_semaphore(0), workers);
  cb_push_back(CB_M_IN, workers);
  cb_push_back(CB_L_IN, workers);
  cb_push_back(CB_O_IN, workers * Dt);
}

void kernel_main(void) {
  const InterleavedAddrGen out = {.bank_base_address = get_arg_val(0), .page_size = DECODE_TILE_BYTES};
  const uint32_t Dt = get_arg_val(1);
  const uint32_t q_row_tiles = get_arg_val(2);
  const uint32_t kv_heads = get_arg_val(3);
  const uint32_t group = get_arg_val(4);
  const uint32_t first_pair = get_arg_val(5);
  const uint32_t pairs = get_arg_val(6);
  const uint32_t role = get_arg_val(7);
  const uint32_t workers = get_arg_val(8);
  const uint32_t slot = get_arg_val(9);
  const uint32_t reducer_x = get_arg_val(10);
  const uint32_t reducer_y = get_arg_val(11);
  const uint32_t valid = get_arg_val(12);

  fill_tile(CB_SCALER, BF16_ONE | (BF16_ONE << 16));
  fill_tile(CB_NEG_INF, BF16_NEG_INF | (BF16_NEG_INF << 16));
  if (valid) fill_mask(valid);

  for (uint32_t p = first_pair; p < first_pair + pairs; p++) {
    if (role == ROLE_WORKER) {
      send_partial(Dt, slot, reducer_x, reducer_y);
      continue;
    }
    if (role == ROLE_REDUCER) receive_partials(Dt, workers);
    const uint32_t row0 = (p % kv_heads) * group; /* the kv head's first query row */
    const uint32_t page = ((p / kv_heads) * q_row_tiles + row0 / 32u) * Dt;
    cb_wait_front(CB_OUT, Dt);
    const uint32_t l1 = get_read_ptr(CB_OUT);
    for (uint32_t d = 0; d < Dt; d++) write_rows(&out, page + d, l1 + d * DECODE_TILE_BYTES, row0 % 32u, group);
    noc_async_write_barrier();
    cb_pop_front(CB_OUT, Dt);
  }
}
