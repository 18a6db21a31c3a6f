/* Flash attention (as tt-metal's SDPA): this core's query blocks, each of up to Bt query tiles of
 * one (batch, head), against K/V chunks of Bt key tiles (chunks past the block's last row are
 * skipped when causal). Per query tile the running row max m, row sum l and output O live in
 * queues (c_30, c_31, c_23) from one chunk to the next; each chunk gives scores S, the new max
 * m' = max(m, rowmax S), P = exp(S − m'), the factor α = exp(m − m'), l' = α·l + rowsum P and
 * O' = α·O + P·V. After the last chunk the output row is O / l.
 * args: blocks, first block (of all (batch, head, query block) in order), St, Dt, causal, padded,
 * scale bits, Bt */
#include "attention_steps.h"

/* One chunk for query tile qi (row r of the block): keys chunk tiles k0..k0+keys-1, of which the
 * Kᵀ rows are in c_24 and the V rows in c_2 (waited for). */
static void chunk_step(const attention_shape *a, uint32_t Bt, uint32_t r, uint32_t qi, uint32_t k0, uint32_t keys, uint32_t first, uint32_t last) {
  score_row(a, r * a->Dt, 0, keys, qi, k0, Bt);
  cb_wait_front(cb_s, Bt);

  /* m' = max(m, rowmax S): m copied into Dst, the reduction takes the max with it */
  tile_regs_acquire();
  if (!first) {
    copy_tile_init(cb_m);
    copy_tile(cb_m, 0, 0);
  }
  reduce_rows(MESHSIM_REDUCE_MAX, cb_s, keys, cb_max);
  tile_regs_commit();
  cb_reserve_back(cb_max, 1);
  if (!last) cb_reserve_back(cb_m, 1);
  tile_regs_wait();
  pack_tile(0, cb_max, 0);
  if (!last) pack_tile(0, cb_m, 0);
  tile_regs_release();
  cb_push_back(cb_max, 1);
  if (!last) cb_push_back(cb_m, 1);

  cb_wait_front(cb_max, 1);
  exp_scores(keys, Bt);
  if (!first) { /* α = exp(m − m') */
    sub_tiles_init(cb_m, cb_max);
    exp_tile_init();
    tile_regs_acquire();
    sub_tiles(cb_m, cb_max, 0, 0, 0);
    exp_tile(0);
    tile_regs_commit();
    cb_pop_front(cb_m, 1);
    pack_one(cb_alpha);
    cb_wait_front(cb_alpha, 1);
  }
  cb_pop_front(cb_max, 1);

  /* l' = α·l + rowsum P; after the last chunk 1 / l' */
  cb_wait_front(cb_p, Bt);
  tile_regs_acquire();
  if (!first) {
    cb_wait_front(cb_l, 1);
    mul_tiles_init(cb_l, cb_alpha);
    mul_tiles(cb_l, cb_alpha, 0, 0, 0);
    cb_pop_front(cb_l, 1);
  }
  reduce_rows(MESHSIM_REDUCE_SUM, cb_p, keys, last ? cb_recip : cb_l);
  if (last) {
    recip_tile_init();
    recip_tile(0);
  }
  tile_regs_commit();
  pack_one(last ? cb_recip : cb_l);

  /* O' = α·O + P·V */
  tile_regs_acquire();
  if (!first) {
    cb_wait_front(cb_o, a->Dt);
    init_bcast(BINARY_MUL, BCAST_COLS, cb_o, cb_alpha);
    for (uint32_t d = 0; d < a->Dt; d++) mul_tiles_bcast_cols(cb_o, cb_alpha, d, 0, d);
    cb_pop_front(cb_o, a->Dt);
    cb_pop_front(cb_alpha, 1);
  }
  mm_init(cb_p, cb_v, last ? cb_pv : cb_o);
  for (uint32_t j = 0; j < keys; j++)
    for (uint32_t d = 0; d < a->Dt; d++) matmul_tiles(cb_p, cb_v, j, j * a->Dt + d, d);
  tile_regs_commit();
  cb_pop_front(cb_p, Bt);
  pack_row(a, last ? cb_pv : cb_o);
  if (last) normalize_row(a);
}

void kernel_main(void) {
  const uint32_t blocks = get_arg_val(0);
  const uint32_t first_block = get_arg_val(1);
  const attention_shape a = shape_args(2);
  const uint32_t Bt = get_arg_val(7);
  const uint32_t per_head = (a.St + Bt - 1) / Bt;

  for (uint32_t b = first_block; b < first_block + blocks; b++) {
    const uint32_t q0 = (b % per_head) * Bt;
    const uint32_t rows = a.St - q0 < Bt ? a.St - q0 : Bt;
    const uint32_t chunks = a.causal ? b % per_head + 1 : per_head;
    cb_wait_front(cb_q, Bt * a.Dt); /* the block, the chunk's Kᵀ and V each take a slot of Bt rows */
    for (uint32_t c = 0; c < chunks; c++) {
      const uint32_t k0 = c * Bt;
      const uint32_t keys = a.St - k0 < Bt ? a.St - k0 : Bt;
      transpose_k_rows(&a, keys);
      push_padding(cb_kt, (Bt - keys) * a.Dt);
      cb_wait_front(cb_kt, Bt * a.Dt);
      cb_wait_front(cb_v, Bt * a.Dt);
      for (uint32_t r = 0; r < rows; r++) {
        /* causal: in the diagonal chunk query tile q0 + r sees key tiles up to its own */
        const uint32_t seen = a.causal && c + 1 == chunks ? r + 1 : keys;
        chunk_step(&a, Bt, r, q0 + r, k0, seen, c == 0, c + 1 == chunks);
      }
      cb_pop_front(cb_kt, Bt * a.Dt);
      cb_pop_front(cb_v, Bt * a.Dt);
    }
    cb_pop_front(cb_q, Bt * a.Dt);
  }
}
