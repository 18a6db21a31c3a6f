/* What every kernel has, data-movement or compute: its runtime args and the circular buffers. */
#ifndef MESHSIM_KERNEL_COMMON_H
#define MESHSIM_KERNEL_COMMON_H
#include <stdint.h>
#include "meshsim/mmio.h"
#include "meshsim/profiler.h"

#ifdef __cplusplus
extern "C" void kernel_main(void); /* C linkage, so kernels/start.S calls a C++ kernel_main too */
#else
void kernel_main(void);
#endif

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

/* ---- debug print: one line in the CLI output, tagged with core and hart ---- */
static inline void dprint_bytes(const char *text, uint32_t n) {
  CMD_ARG(0) = (uint32_t)(uintptr_t)text;
  CMD_ARG(1) = n;
  meshsim_cmd(CMD_DPRINT);
}
static inline void dprint(const char *text) {
  uint32_t n = 0;
  while (text[n]) n++;
  dprint_bytes(text, n);
}

/* "label value" with the value in decimal. */
static inline void dprint_u32(const char *label, uint32_t value) {
  char line[64];
  uint32_t n = 0;
  while (label[n] && n < 48) { line[n] = label[n]; n++; }
  line[n++] = ' ';
  char digits[10];
  uint32_t d = 0;
  do { digits[d++] = (char)('0' + value % 10u); value /= 10u; } while (value);
  while (d) line[n++] = digits[--d];
  line[n] = 0;
  dprint(line);
}

#endif
