/* What every kernel has, data-movement or compute: its runtime args and the circular buffers. */
#ifndef MESHSIM_KERNEL_COMMON_H
#define MESHSIM_KERNEL_COMMON_H
#include <stdint.h>
#include "meshsim/mmio.h"
#include "meshsim/profiler.h"

void kernel_main(void);

static inline uint32_t get_arg_val(uint32_t index) { return MMIO_REG(MMIO_RUNTIME_ARG + 4u * index); }

static inline void cb_op(uint32_t code, uint32_t cb_id, uint32_t num_pages) {
  CMD_ARG(0) = cb_id;
  CMD_ARG(1) = num_pages;
  meshsim_cmd(code);
}
static inline void cb_reserve_back(uint32_t cb_id, uint32_t num_pages) { cb_op(CMD_CB_RESERVE_BACK, cb_id, num_pages); }
static inline void cb_push_back(uint32_t cb_id, uint32_t num_pages) { cb_op(CMD_CB_PUSH_BACK, cb_id, num_pages); }
static inline void cb_wait_front(uint32_t cb_id, uint32_t num_pages) { cb_op(CMD_CB_WAIT_FRONT, cb_id, num_pages); }
static inline void cb_pop_front(uint32_t cb_id, uint32_t num_pages) { cb_op(CMD_CB_POP_FRONT, cb_id, num_pages); }

#endif
