/* Pages pushed into a circular buffer and never read: they make a short row or chunk take its
 * whole fixed slot, so that the next one does not wrap around the CB's end (kernels index the
 * tiles at a CB's front linearly, as on the hardware, so a slot must be contiguous). The consumer
 * waits for and pops the whole slot. */
#ifndef ATTENTION_CB_PADDING_H
#define ATTENTION_CB_PADDING_H
#include "meshsim/kernel_common.h"

static inline void push_padding(uint32_t cb, uint32_t pages) {
  if (!pages) return;
  cb_reserve_back(cb, pages);
  cb_push_back(cb, pages);
}
#endif
