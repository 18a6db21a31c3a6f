/* Hart address map and MMIO command interface of a meshsim Tensix core.
 * Documented in sim/core/mmio.ts, which this mirrors (a test checks that they agree). */
#ifndef MESHSIM_MMIO_H
#define MESHSIM_MMIO_H
#include <stdint.h>

#define PRIVATE_RAM_BASE 0xFFB00000u
#define CMD_ARGS (PRIVATE_RAM_BASE + 0x000u)

#define MMIO_BASE 0xFFB20000u
#define MMIO_CMD (MMIO_BASE + 0x000u)
#define MMIO_MY_XY (MMIO_BASE + 0x004u)
#define MMIO_NUM_DRAM_BANKS (MMIO_BASE + 0x008u)
#define MMIO_CYCLE (MMIO_BASE + 0x00Cu)
#define MMIO_NOC_INDEX (MMIO_BASE + 0x010u)
#define MMIO_LOGICAL_XY (MMIO_BASE + 0x014u)
#define MMIO_RUNTIME_ARG (MMIO_BASE + 0x100u)
#define MMIO_CB_WRITE_PTR (MMIO_BASE + 0x200u)
#define MMIO_CB_READ_PTR (MMIO_BASE + 0x280u)
#define MMIO_DRAM_BANK_XY (MMIO_BASE + 0x300u)
#define MMIO_CB_PAGE_SIZE (MMIO_BASE + 0x380u)
#define MMIO_CB_NUM_PAGES (MMIO_BASE + 0x400u)
#define MMIO_CB_DATA_FORMAT (MMIO_BASE + 0x480u)
#define MMIO_COMMON_ARG (MMIO_BASE + 0x500u)

#define DRAM_PAGE_ALIGNMENT 32u
#define SEMAPHORE_BASE 0x00010000u
#define SEMAPHORE_STRIDE 16u

#define CMD_NOC_READ 1u
#define CMD_NOC_WRITE 2u
#define CMD_NOC_WRITE_MULTICAST 3u
#define CMD_NOC_READ_BARRIER 4u
#define CMD_NOC_WRITE_BARRIER 5u
#define CMD_NOC_SEMAPHORE_INC 6u
#define CMD_SEMAPHORE_WAIT 7u
#define CMD_SEMAPHORE_SET 8u
#define CMD_SEMAPHORE_WAIT_MIN 9u
#define CMD_CB_RESERVE_BACK 10u
#define CMD_CB_PUSH_BACK 11u
#define CMD_CB_WAIT_FRONT 12u
#define CMD_CB_POP_FRONT 13u
#define CMD_DPRINT 14u
#define CMD_COMPUTE_INIT 20u
#define CMD_MATMUL_TILES 21u
#define CMD_BINARY_TILES 22u
#define CMD_COPY_TILE 23u
#define CMD_REDUCE_TILE 24u
#define CMD_TRANSPOSE_WH_TILE 25u
#define CMD_SFPU_TILE 26u
#define CMD_PACK_TILE 27u
#define CMD_TILE_REGS_ACQUIRE 28u
#define CMD_TILE_REGS_COMMIT 29u
#define CMD_TILE_REGS_WAIT 30u
#define CMD_TILE_REGS_RELEASE 31u
#define CMD_SFPU_BINARY_TILE 40u
#define CMD_NOC_ATOMIC_BARRIER 41u
#define CMD_ZONE_BEGIN 50u
#define CMD_ZONE_END 51u
#define CMD_MATMUL_BLOCK 32u
#define CMD_PACK_RECONFIG_L1_ACC 33u

#define INIT_MATMUL 0u
#define INIT_BINARY_COMMON 1u
#define INIT_BINARY 2u
#define INIT_COPY 3u
#define INIT_REDUCE 4u
#define INIT_TRANSPOSE 5u
#define INIT_SFPU 6u
#define INIT_PACK 7u

#define SFPU_EXP 0u
#define SFPU_RECIP 1u
#define SFPU_SQRT 2u
#define SFPU_RSQRT 3u
#define SFPU_GELU 4u
#define SFPU_SIGMOID 5u
#define SFPU_SILU 6u
#define SFPU_TANH 7u
#define SFPU_RELU 8u
#define SFPU_SQUARE 9u
#define SFPU_LOG 10u
#define SFPU_LEAKY_RELU 11u
#define SFPU_ADD_SCALAR 12u
#define SFPU_MUL_SCALAR 13u

#define BINARY_ADD 0u
#define BINARY_SUB 1u
#define BINARY_MUL 2u
#define BCAST_NONE 0u
#define BCAST_ROWS 1u
#define BCAST_COLS 2u
#define BCAST_SCALAR 3u
#define MESHSIM_REDUCE_SUM 0u
#define MESHSIM_REDUCE_MAX 1u
#define MESHSIM_REDUCE_ROW 0u
#define MESHSIM_REDUCE_COL 1u
#define MESHSIM_REDUCE_SCALAR 2u

#define MMIO_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define CMD_ARG(i) (((volatile uint32_t *)(uintptr_t)CMD_ARGS)[i])

/* Arguments go into the command block in private RAM; the store to MMIO_CMD issues the command.
 * The command reads and writes memory behind the compiler's back (a NoC read fills L1, a CB wait
 * makes pages visible), so it is a compiler memory barrier: no load or store moves across it. */
static inline void meshsim_cmd(uint32_t code) {
  __asm__ volatile("" ::: "memory");
  MMIO_REG(MMIO_CMD) = code;
  __asm__ volatile("" ::: "memory");
}

#endif
