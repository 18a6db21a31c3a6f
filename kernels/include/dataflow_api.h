/* The data-movement kernel API, with tt-metal's names, for kernels on BRISC (RISCV_0) and
 * NCRISC (RISCV_1). Each call fills the command block in private RAM and stores the command
 * code to the MMIO CMD register (sim/core/mmio.ts documents the map); the simulator applies it
 * in global time order and, for waits and barriers, blocks the hart until it can go on.
 *
 * A kernel defines `void kernel_main(void)`; kernels/start.S calls it. NoC addresses are
 * uint64_t: tile (y << 8 | x) in the high word, the address in that tile in the low word. */
#ifndef DATAFLOW_API_H
#define DATAFLOW_API_H
#include <stdint.h>
#include "meshsim/kernel_common.h"

/* ---- identity ---- */
static inline uint32_t my_x(void) { return MMIO_REG(MMIO_MY_XY) & 0xFFu; }
static inline uint32_t my_y(void) { return (MMIO_REG(MMIO_MY_XY) >> 8) & 0xFFu; }
/* The NoC the host configured this kernel for (tt-metal fixes it at compile time; read once here). */
static uint32_t meshsim_noc_index = 0xFFFFFFFFu;
static inline uint32_t noc_index(void) {
  if (meshsim_noc_index > 1u) meshsim_noc_index = MMIO_REG(MMIO_NOC_INDEX);
  return meshsim_noc_index;
}
/* The hart's clock, for kernels that time themselves (the microbenchmarks). */
static inline uint32_t read_cycle(void) { return MMIO_REG(MMIO_CYCLE); }

/* ---- NoC addresses ---- */
static inline uint64_t get_noc_addr(uint32_t x, uint32_t y, uint32_t addr) {
  return ((uint64_t)((y << 8) | x) << 32) | addr;
}
static inline uint64_t get_noc_multicast_addr(uint32_t x_start, uint32_t y_start, uint32_t x_end, uint32_t y_end, uint32_t addr) {
  return ((uint64_t)(x_start | (y_start << 8) | (x_end << 16) | (y_end << 24)) << 32) | addr;
}
static inline uint32_t num_dram_banks(void) { return MMIO_REG(MMIO_NUM_DRAM_BANKS); }
static inline uint64_t get_noc_addr_from_bank_id(uint32_t bank_id, uint32_t bank_address_offset) {
  return ((uint64_t)MMIO_REG(MMIO_DRAM_BANK_XY + 4u * bank_id) << 32) | bank_address_offset;
}

/* An interleaved DRAM buffer: page i lives in bank i % banks at bank_base_address + (i / banks) * page_size. */
typedef struct {
  uint32_t bank_base_address;
  uint32_t page_size;
} InterleavedAddrGen;

static inline uint64_t get_noc_addr_interleaved(uint32_t page_id, const InterleavedAddrGen *s) {
  uint32_t banks = num_dram_banks();
  return get_noc_addr_from_bank_id(page_id % banks, s->bank_base_address + (page_id / banks) * s->page_size);
}

/* ---- reads, writes, barriers ---- */
static inline void noc_async_read(uint64_t src_noc_addr, uint32_t dst_local_l1_addr, uint32_t size) {
  CMD_ARG(0) = (uint32_t)(src_noc_addr >> 32);
  CMD_ARG(1) = (uint32_t)src_noc_addr;
  CMD_ARG(2) = dst_local_l1_addr;
  CMD_ARG(3) = size;
  CMD_ARG(4) = noc_index();
  meshsim_cmd(CMD_NOC_READ);
}

static inline void noc_async_write(uint32_t src_local_l1_addr, uint64_t dst_noc_addr, uint32_t size) {
  CMD_ARG(0) = src_local_l1_addr;
  CMD_ARG(1) = (uint32_t)(dst_noc_addr >> 32);
  CMD_ARG(2) = (uint32_t)dst_noc_addr;
  CMD_ARG(3) = size;
  CMD_ARG(4) = noc_index();
  meshsim_cmd(CMD_NOC_WRITE);
}

/* Writes to every Tensix core of the rectangle except the sender; num_dests must match. */
static inline void noc_async_write_multicast(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast, uint32_t size, uint32_t num_dests) {
  CMD_ARG(0) = src_local_l1_addr;
  CMD_ARG(1) = (uint32_t)(dst_noc_addr_multicast >> 32);
  CMD_ARG(2) = (uint32_t)dst_noc_addr_multicast;
  CMD_ARG(3) = size;
  CMD_ARG(4) = noc_index();
  CMD_ARG(5) = num_dests;
  meshsim_cmd(CMD_NOC_WRITE_MULTICAST);
}

static inline void noc_async_read_barrier(void) {
  CMD_ARG(0) = noc_index();
  meshsim_cmd(CMD_NOC_READ_BARRIER);
}

static inline void noc_async_write_barrier(void) {
  CMD_ARG(0) = noc_index();
  meshsim_cmd(CMD_NOC_WRITE_BARRIER);
}

/* ---- semaphores: words in L1 at get_semaphore(id) ---- */
static inline uint32_t get_semaphore(uint32_t id) { return SEMAPHORE_BASE + id * SEMAPHORE_STRIDE; }

static inline void noc_semaphore_inc(uint64_t addr, uint32_t incr) {
  CMD_ARG(0) = (uint32_t)(addr >> 32);
  CMD_ARG(1) = (uint32_t)addr;
  CMD_ARG(2) = incr;
  CMD_ARG(3) = noc_index();
  meshsim_cmd(CMD_NOC_SEMAPHORE_INC);
}

static inline void noc_semaphore_wait(volatile uint32_t *sem_addr, uint32_t val) {
  CMD_ARG(0) = (uint32_t)(uintptr_t)sem_addr;
  CMD_ARG(1) = val;
  meshsim_cmd(CMD_SEMAPHORE_WAIT);
}

static inline void noc_semaphore_wait_min(volatile uint32_t *sem_addr, uint32_t val) {
  CMD_ARG(0) = (uint32_t)(uintptr_t)sem_addr;
  CMD_ARG(1) = val;
  meshsim_cmd(CMD_SEMAPHORE_WAIT_MIN);
}

static inline void noc_semaphore_set(volatile uint32_t *sem_addr, uint32_t val) {
  CMD_ARG(0) = (uint32_t)(uintptr_t)sem_addr;
  CMD_ARG(1) = val;
  meshsim_cmd(CMD_SEMAPHORE_SET);
}

/* The 4-byte semaphore word at src_local_l1_addr, multicast to the same address on every receiver. */
static inline void noc_semaphore_set_multicast(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast, uint32_t num_dests) {
  noc_async_write_multicast(src_local_l1_addr, dst_noc_addr_multicast, 4, num_dests);
}

/* ---- circular buffers: the L1 addresses of the back and the front ---- */
static inline uint32_t get_write_ptr(uint32_t cb_id) { return MMIO_REG(MMIO_CB_WRITE_PTR + 4u * cb_id); }
static inline uint32_t get_read_ptr(uint32_t cb_id) { return MMIO_REG(MMIO_CB_READ_PTR + 4u * cb_id); }

/* ---- debug print: one line in the CLI output, tagged with core and hart ---- */
static inline void dprint(const char *text) {
  uint32_t n = 0;
  while (text[n]) n++;
  CMD_ARG(0) = (uint32_t)(uintptr_t)text;
  CMD_ARG(1) = n;
  meshsim_cmd(CMD_DPRINT);
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
