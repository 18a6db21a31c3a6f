/* The rotary program's unit of work is one row of Dt tiles of x (a tile row of one head matrix),
 * unit u being item u % G of group u / G: the units of a group share their cos and sin tiles, so
 * the reader loads the tables once per group. Prefill groups the B·H matrices by row tile
 * (G = B·H, row tile (u % G)·St + u / G); decode groups a user's Ht head tiles (G = Ht, row tile u). */
#ifndef OPS_ROTARY_UNITS_H
#define OPS_ROTARY_UNITS_H
#include <stdint.h>

static inline uint32_t rotary_row_tile(uint32_t unit, uint32_t group, uint32_t item_stride, uint32_t group_stride) {
  return (unit % group) * item_stride + (unit / group) * group_stride;
}

#endif
