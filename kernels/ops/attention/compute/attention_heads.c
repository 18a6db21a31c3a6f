/* Head-parallel attention: this core's (batch, head) pairs, one query tile row at a time. For query
 * tile i the reader brings its Q row, then the K rows and the V rows of the keys it sees (all, or
 * 0..i when causal); the scores row is scale · Q·Kᵀ + mask, its softmax is exp(S − row max) / row
 * sum, and the output row is (P · V) / row sum.
 * args: pairs, St, Dt, causal, padded, scale bits */
#include "attention_steps.h"

void kernel_main(void) {
  const uint32_t pairs = get_arg_val(0);
  const attention_shape a = shape_args(1);

  for (uint32_t u = 0; u < pairs; u++) {
    for (uint32_t i = 0; i < a.St; i++) {
      const uint32_t keys = a.causal ? i + 1 : a.St; /* key tiles past the diagonal are skipped */
      cb_wait_front(cb_q, a.Dt);
      cb_reserve_back(cb_s, a.St); /* a row's scores take a slot of St tiles */
      for (uint32_t j = 0; j < keys; j++) {
        transpose_k_rows(&a, 1);
        cb_wait_front(cb_kt, a.Dt);
        score_tiles(&a, 0, 0, 1, i, j, j);
        cb_pop_front(cb_kt, a.Dt);
      }
      cb_push_back(cb_s, a.St);
      cb_pop_front(cb_q, a.Dt);

      cb_wait_front(cb_s, a.St);
      tile_regs_acquire();
      reduce_rows(MESHSIM_REDUCE_MAX, cb_s, keys, cb_max);
      tile_regs_commit();
      pack_one(cb_max);
      cb_wait_front(cb_max, 1);
      exp_scores(keys, a.St);
      cb_pop_front(cb_max, 1);

      cb_wait_front(cb_p, a.St);
      tile_regs_acquire();
      reduce_rows(MESHSIM_REDUCE_SUM, cb_p, keys, cb_recip);
      recip_tile_init();
      recip_tile(0);
      tile_regs_commit();
      pack_one(cb_recip);

      tile_regs_acquire();
      mm_init(cb_p, cb_v, cb_pv);
      for (uint32_t j = 0; j < keys; j++) {
        cb_wait_front(cb_v, a.Dt);
        for (uint32_t d = 0; d < a.Dt; d++) matmul_tiles(cb_p, cb_v, j, d, d);
        cb_pop_front(cb_v, a.Dt);
      }
      tile_regs_commit();
      cb_pop_front(cb_p, a.St);
      pack_row(&a, cb_pv);
      normalize_row(&a);
    }
  }
}
