/* The data-movement kernel API, with tt-metal's names, for kernels on BRISC (RISCV_0) and
 * NCRISC (RISCV_1). Each call fills the command block in private RAM and stores the command
 * code to the MMIO CMD register (sim/core/mmio.ts documents the map); the simulator applies it
 * in global time order and, for waits and barriers, blocks the hart until it can go on.
 *
 * A kernel defines `void kernel_main(void)`; kernels/start.S calls it. NoC addresses are
 * uint64_t: tile (y << 8 | x) in the high word, the address in that tile in the low word.
 * The meshsim_* functions take the NoC explicitly; the C names below use the kernel's own NoC,
 * and a C++ kernel gets tt-metal's signatures instead (meshsim/tt/dataflow.hpp). */
#ifndef DATAFLOW_API_H
#define DATAFLOW_API_H
#include <stdint.h>
#include "meshsim/kernel_common.h"

/* ---- identity ---- */
static inline uint32_t my_x_of(uint32_t noc) { (void)noc; return MMIO_REG(MMIO_MY_XY) & 0xFFu; }
static inline uint32_t my_y_of(uint32_t noc) { (void)noc; return (MMIO_REG(MMIO_MY_XY) >> 8) & 0xFFu; }
/* The NoC the host configured this kernel for (tt-metal fixes it at compile time; read once here). */
static uint32_t meshsim_noc = 0xFFFFFFFFu;
static inline uint32_t meshsim_noc_index(void) {
  if (meshsim_noc > 1u) meshsim_noc = MMIO_REG(MMIO_NOC_INDEX);
  return meshsim_noc;
}
/* The hart's clock, for kernels that time themselves (the microbenchmarks). */
static inline uint32_t read_cycle(void) { return MMIO_REG(MMIO_CYCLE); }

/* ---- NoC addresses ---- */
static inline uint64_t meshsim_noc_addr(uint32_t x, uint32_t y, uint32_t addr) {
  return ((uint64_t)((y << 8) | x) << 32) | addr;
}
static inline uint64_t meshsim_multicast_addr(uint32_t x_start, uint32_t y_start, uint32_t x_end, uint32_t y_end, uint32_t addr) {
  return ((uint64_t)(x_start | (y_start << 8) | (x_end << 16) | (y_end << 24)) << 32) | addr;
}
static inline uint32_t num_dram_banks(void) { return MMIO_REG(MMIO_NUM_DRAM_BANKS); }
static inline uint64_t get_noc_addr_from_bank_id(uint32_t bank_id, uint32_t bank_address_offset) {
  return ((uint64_t)MMIO_REG(MMIO_DRAM_BANK_XY + 4u * bank_id) << 32) | bank_address_offset;
}
/* Page i of an interleaved DRAM buffer: bank i % banks, at base + (i / banks) * the aligned page size. */
static inline uint64_t meshsim_interleaved_addr(uint32_t page_id, uint32_t base, uint32_t page_size, uint32_t offset) {
  uint32_t banks = num_dram_banks();
  uint32_t stride = (page_size + DRAM_PAGE_ALIGNMENT - 1u) & ~(DRAM_PAGE_ALIGNMENT - 1u);
  return get_noc_addr_from_bank_id(page_id % banks, base + (page_id / banks) * stride + offset);
}

/* ---- reads, writes, barriers ---- */
static inline void meshsim_noc_read(uint64_t src_noc_addr, uint32_t dst_local_l1_addr, uint32_t size, uint32_t noc) {
  CMD_ARG(0) = (uint32_t)(src_noc_addr >> 32);
  CMD_ARG(1) = (uint32_t)src_noc_addr;
  CMD_ARG(2) = dst_local_l1_addr;
  CMD_ARG(3) = size;
  CMD_ARG(4) = noc;
  meshsim_cmd(CMD_NOC_READ);
}

static inline void meshsim_noc_write(uint32_t src_local_l1_addr, uint64_t dst_noc_addr, uint32_t size, uint32_t noc) {
  CMD_ARG(0) = src_local_l1_addr;
  CMD_ARG(1) = (uint32_t)(dst_noc_addr >> 32);
  CMD_ARG(2) = (uint32_t)dst_noc_addr;
  CMD_ARG(3) = size;
  CMD_ARG(4) = noc;
  meshsim_cmd(CMD_NOC_WRITE);
}

/* Writes to every Tensix core of the rectangle except the sender; num_dests must match. */
static inline void meshsim_noc_multicast(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast, uint32_t size, uint32_t num_dests, uint32_t noc) {
  CMD_ARG(0) = src_local_l1_addr;
  CMD_ARG(1) = (uint32_t)(dst_noc_addr_multicast >> 32);
  CMD_ARG(2) = (uint32_t)dst_noc_addr_multicast;
  CMD_ARG(3) = size;
  CMD_ARG(4) = noc;
  CMD_ARG(5) = num_dests;
  meshsim_cmd(CMD_NOC_WRITE_MULTICAST);
}

static inline void meshsim_noc_barrier(uint32_t code, uint32_t noc) {
  CMD_ARG(0) = noc;
  meshsim_cmd(code);
}

/* ---- semaphores: words in L1 at get_semaphore(id) ---- */
static inline uint32_t get_semaphore(uint32_t id) { return SEMAPHORE_BASE + id * SEMAPHORE_STRIDE; }

static inline void meshsim_semaphore_inc(uint64_t addr, uint32_t incr, uint32_t noc) {
  CMD_ARG(0) = (uint32_t)(addr >> 32);
  CMD_ARG(1) = (uint32_t)addr;
  CMD_ARG(2) = incr;
  CMD_ARG(3) = noc;
  meshsim_cmd(CMD_NOC_SEMAPHORE_INC);
}

static inline void meshsim_semaphore(uint32_t code, volatile uint32_t *sem_addr, uint32_t val) {
  CMD_ARG(0) = (uint32_t)(uintptr_t)sem_addr;
  CMD_ARG(1) = val;
  meshsim_cmd(code);
}
static inline void noc_semaphore_wait(volatile uint32_t *sem_addr, uint32_t val) { meshsim_semaphore(CMD_SEMAPHORE_WAIT, sem_addr, val); }
static inline void noc_semaphore_wait_min(volatile uint32_t *sem_addr, uint32_t val) { meshsim_semaphore(CMD_SEMAPHORE_WAIT_MIN, sem_addr, val); }
static inline void noc_semaphore_set(volatile uint32_t *sem_addr, uint32_t val) { meshsim_semaphore(CMD_SEMAPHORE_SET, sem_addr, val); }

/* ---- circular buffers: the L1 addresses of the back and the front ---- */
static inline uint32_t get_write_ptr(uint32_t cb_id) { return MMIO_REG(MMIO_CB_WRITE_PTR + 4u * cb_id); }
static inline uint32_t get_read_ptr(uint32_t cb_id) { return MMIO_REG(MMIO_CB_READ_PTR + 4u * cb_id); }

#ifndef __cplusplus
/* ---- the C surface: the kernel's own NoC ---- */
static inline uint32_t noc_index(void) { return meshsim_noc_index(); }
static inline uint32_t my_x(void) { return my_x_of(0); }
static inline uint32_t my_y(void) { return my_y_of(0); }
static inline uint64_t get_noc_addr(uint32_t x, uint32_t y, uint32_t addr) { return meshsim_noc_addr(x, y, addr); }
static inline uint64_t get_noc_multicast_addr(uint32_t x_start, uint32_t y_start, uint32_t x_end, uint32_t y_end, uint32_t addr) {
  return meshsim_multicast_addr(x_start, y_start, x_end, y_end, addr);
}

/* An interleaved DRAM buffer: page i lives in bank i % banks. */
typedef struct {
  uint32_t bank_base_address;
  uint32_t page_size;
} InterleavedAddrGen;

static inline uint64_t get_noc_addr_interleaved(uint32_t page_id, const InterleavedAddrGen *s) {
  return meshsim_interleaved_addr(page_id, s->bank_base_address, s->page_size, 0);
}

static inline void noc_async_read(uint64_t src_noc_addr, uint32_t dst_local_l1_addr, uint32_t size) { meshsim_noc_read(src_noc_addr, dst_local_l1_addr, size, noc_index()); }
static inline void noc_async_write(uint32_t src_local_l1_addr, uint64_t dst_noc_addr, uint32_t size) { meshsim_noc_write(src_local_l1_addr, dst_noc_addr, size, noc_index()); }
static inline void noc_async_write_multicast(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast, uint32_t size, uint32_t num_dests) {
  meshsim_noc_multicast(src_local_l1_addr, dst_noc_addr_multicast, size, num_dests, noc_index());
}
static inline void noc_async_read_barrier(void) { meshsim_noc_barrier(CMD_NOC_READ_BARRIER, noc_index()); }
static inline void noc_async_write_barrier(void) { meshsim_noc_barrier(CMD_NOC_WRITE_BARRIER, noc_index()); }
static inline void noc_semaphore_inc(uint64_t addr, uint32_t incr) { meshsim_semaphore_inc(addr, incr, noc_index()); }
/* The 4-byte semaphore word at src_local_l1_addr, multicast to the same address on every receiver. */
static inline void noc_semaphore_set_multicast(uint32_t src_local_l1_addr, uint64_t dst_noc_addr_multicast, uint32_t num_dests) {
  noc_async_write_multicast(src_local_l1_addr, dst_noc_addr_multicast, 4, num_dests);
}
#else
#include "meshsim/tt/dataflow.hpp"
#endif

#endif
