/* The writer of a sharded layernorm / rmsnorm: the output shard is written in place (c_16 is placed
 * on it), so writing is waiting for its pages. With block sharding it first exchanges the partial
 * statistics of the row's cores, as tt-metal's sharded layernorm shares partial E[x] and E[x²]
 * among the cores of a row: this core's partials (c_20) are multicast into slot `index` of c_21 on
 * every other core of the row and copied into its own, then each core's semaphore is incremented;
 * once all peers' partials have arrived c_21 is pushed to compute.
 * args: output pages, peers, partial tiles, tile bytes, index, row rectangle x0 y0 x1 y1 (NoC),
 *       semaphore id, own NoC x y, then NoC x y of each other core of the row */
#include "dataflow_api.h"

enum { cb_out = 16, cb_partial = 20, cb_gather = 21 };

void kernel_main(void) {
  const uint32_t pages = get_arg_val(0), peers = get_arg_val(1);
  if (peers > 1) {
    const uint32_t n = get_arg_val(2), bytes = n * get_arg_val(3), index = get_arg_val(4);
    volatile uint32_t *arrived = (volatile uint32_t *)get_semaphore(get_arg_val(9));
    const uint32_t slot = get_write_ptr(cb_gather) + index * bytes; /* c_21 is at one address on every core */
    cb_wait_front(cb_partial, n);
    const uint32_t src = get_read_ptr(cb_partial);
    noc_async_write_multicast(src, get_noc_multicast_addr(get_arg_val(5), get_arg_val(6), get_arg_val(7), get_arg_val(8), slot), bytes, peers - 1);
    noc_async_write(src, get_noc_addr(get_arg_val(10), get_arg_val(11), slot), bytes);
    noc_async_write_barrier(); /* the partials have landed before any peer is told */
    for (uint32_t p = 0; p < peers - 1; p++) noc_semaphore_inc(get_noc_addr(get_arg_val(12 + 2 * p), get_arg_val(13 + 2 * p), (uint32_t)arrived), 1);
    cb_pop_front(cb_partial, n);
    noc_semaphore_wait(arrived, peers - 1);
    cb_reserve_back(cb_gather, peers * n);
    cb_push_back(cb_gather, peers * n);
  }
  cb_wait_front(cb_out, pages);
}
