/* The on-device kernel API: what a kernel running on one baby RISC-V hart of a simulated
 * Tensix-like core can use. It follows tt-metal's names, so a kernel written here reads like
 * one written for the real machine (DESIGN.md "Kernels"). This is the skeleton; the circular
 * buffer, NoC, semaphore and compute calls are added with the simulator features behind them.
 *
 * Entry convention: a kernel defines
 *     void kernel_main(void);
 * and returns from it when done, as in tt-metal, where the firmware calls kernel_main() and
 * the kernel has no main(), argv or exit code. Inputs come as runtime args (below).
 *
 * Build: riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32, freestanding, no libc
 * (the cores are RV32IM: no atomics, no floating point, hardware.md §2.2). */
#ifndef MESHSIM_KERNEL_H
#define MESHSIM_KERNEL_H

#include <stdint.h>

/* ---- a hart's address space ----
 *
 * 0x00000000  L1: the core's shared SRAM, visible to all harts of the core at the same
 *             addresses. Its size depends on the preset (e.g. 1464 KiB on Wormhole,
 *             1 MiB on Grayskull), so it is not a constant here. Code, circular buffers and
 *             kernel data live in L1.
 * 0xFFB00000  the hart's private data RAM (2-4 KiB on Wormhole, per hart type). Each hart
 *             sees its own RAM at this address. Loads from it are fast (2 cycles vs >= 8 for
 *             L1), which is why runtime args are placed here.
 * 0xFFB20000  MMIO window: loads and stores here are handled by the simulated core (NoC,
 *             semaphores, circular buffer registers ...), not by memory. No register in it
 *             has a meaning yet. */
#define MESHSIM_L1_BASE 0x00000000u
#define MESHSIM_LOCAL_BASE 0xFFB00000u
#define MESHSIM_MMIO_BASE 0xFFB20000u

/* ---- runtime args ----
 *
 * The host (SetRuntimeArgs in tt-metal) gives each kernel on each core a vector of uint32
 * values. As in tt-metal, a kernel reads them by index; here they sit in the first words of
 * the hart's private data RAM, written there by the simulator before the hart starts.
 * volatile: the values are written from outside the program, so each call must load. */
static inline uint32_t get_arg_val(uint32_t i) {
  return ((volatile const uint32_t *)MESHSIM_LOCAL_BASE)[i];
}

void kernel_main(void);

#endif
