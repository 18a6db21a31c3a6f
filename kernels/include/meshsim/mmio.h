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
#define MMIO_RUNTIME_ARG (MMIO_BASE + 0x100u)
#define MMIO_CB_WRITE_PTR (MMIO_BASE + 0x200u)
#define MMIO_CB_READ_PTR (MMIO_BASE + 0x280u)
#define MMIO_DRAM_BANK_XY (MMIO_BASE + 0x300u)

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

#define MMIO_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))
#define CMD_ARG(i) (((volatile uint32_t *)(uintptr_t)CMD_ARGS)[i])

/* Arguments go into the command block in private RAM; the store to MMIO_CMD issues the command. */
static inline void meshsim_cmd(uint32_t code) { MMIO_REG(MMIO_CMD) = code; }

#endif
