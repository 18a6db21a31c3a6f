/* Which cache tile a unit of a KV-cache write is, for the reader and the writer alike. The cache
 * [B, KV, Lmax, D] is B·KV matrices of Lt row tiles × Dt tiles. Unit u's head-dim tile is u % Dt.
 * Fill (prefill rows start..start+S−1): the nL row tiles from lt0 of every matrix, in order.
 * Update (decode): user b = u / (Dt·KV), kv head (u / Dt) % KV, the row tile of the user's
 * position, read from the word list in L1 (one word per user from first_user).
 * args (6, from `at`): mode (0 fill, 1 update), Lt, Dt, then fill: lt0, nL, 0;
 *                      update: KV, L1 address of the positions, first user */
#ifndef OPS_CACHE_TILES_H
#define OPS_CACHE_TILES_H
#include <stdint.h>
#include "meshsim/kernel_common.h"

typedef struct {
  uint32_t update, lt, dts, a, b, c;
} CacheTiles;

static inline CacheTiles cache_tiles_args(uint32_t at) {
  CacheTiles t = {get_arg_val(at), get_arg_val(at + 1u), get_arg_val(at + 2u), get_arg_val(at + 3u), get_arg_val(at + 4u), get_arg_val(at + 5u)};
  return t;
}

/* Update: the position of the user of unit u. */
static inline uint32_t cache_position(const CacheTiles *t, uint32_t u) {
  const uint32_t user = u / (t->dts * t->a);
  return ((volatile uint32_t *)(uintptr_t)t->b)[user - t->c];
}

/* The cache page of unit u. */
static inline uint32_t cache_page(const CacheTiles *t, uint32_t u) {
  const uint32_t dt = u % t->dts;
  if (t->update) {
    const uint32_t matrix = u / t->dts; /* b·KV + h */
    return (matrix * t->lt + cache_position(t, u) / 32u) * t->dts + dt;
  }
  const uint32_t l = (u / t->dts) % t->b;
  const uint32_t matrix = u / (t->dts * t->b);
  return (matrix * t->lt + t->a + l) * t->dts + dt;
}

#endif
