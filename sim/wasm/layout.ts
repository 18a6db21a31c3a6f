// Byte offsets of the hart state block and cost table in linear memory.
// sim/riscv/layout.ts mirrors these for the host; test/riscv/layout.test.ts checks that they agree.

// Hart state block. x0..x31 are 4 bytes each; slot 32 is a write sink so that
// instructions with rd = x0 need no special case in the hot loop.
export const HART_BYTES: u32 = 1024;
export const H_REGS: u32 = 0;
export const H_PC: u32 = 132;
export const H_MEM_BASE: u32 = 136; // linear address of hart address 0
export const H_MEM_SIZE: u32 = 140; // bytes mapped from hart address 0
export const H_CODE_SIZE: u32 = 144; // instructions are fetched from [0, CODE_SIZE)
export const H_DECODE_BASE: u32 = 148; // 8 bytes of decoded instruction per code word
export const H_LOCAL_LO: u32 = 152; // second window (a core's private data RAM)
export const H_LOCAL_SIZE: u32 = 156;
export const H_LOCAL_BASE: u32 = 160;
export const H_MMIO_LO: u32 = 164; // [MMIO_LO, MMIO_HI) exits to the host
export const H_MMIO_HI: u32 = 168;
export const H_COST_BASE: u32 = 172;
export const H_CYCLES: u32 = 176; // u64
export const H_INSTRET: u32 = 184; // u64
export const H_NEXT_STORE_AT: u32 = 192; // u64: earliest cycle the next L1 store may issue
export const H_FAULT_ADDR: u32 = 200;
export const H_FAULT_WORD: u32 = 204; // raw instruction word at the stop pc
export const H_LAST_PC: u32 = 208; // pc of the instruction before the stop (for bad jumps)
export const H_MMIO_ADDR: u32 = 212;
export const H_MMIO_VALUE: u32 = 216; // value of an MMIO store
export const H_MMIO_WIDTH: u32 = 220; // 1, 2 or 4 bytes
export const H_MMIO_RD: u32 = 224; // destination register of an MMIO load
export const H_MMIO_SIGNED: u32 = 228; // 1 if the MMIO load sign-extends
export const H_MIX: u32 = 512; // u64 per op id: instruction mix (filled by runCounted)

// Cost table: cycle costs of the baby RISC-V (hardware.md §2.2), shared by harts of one arch.
export const COST_BYTES: u32 = 64 + 2 * 65536;
export const C_MUL: u32 = 0; // multiply occupies the integer unit
export const C_DIV_FAST: u32 = 4; // divide by 0 or 1
export const C_DIV_MIN: u32 = 8; // other divides: clamp(bits(|dividend|) + C_DIV_BITS_ADD, MIN, MAX)
export const C_DIV_MAX: u32 = 12;
export const C_DIV_BITS_ADD: u32 = 16;
export const C_MISPREDICT: u32 = 20; // mispredicted branch or indirect jump, total cycles
export const C_LOAD_LATENCY: u32 = 64; // u8 per 64 KiB page of hart address space
export const C_STORE_INTERVAL: u32 = 64 + 65536; // u8 per page: min cycles between stores

// Why run() returned.
export const STOP_BUDGET: u32 = 0;
export const STOP_CYCLE_LIMIT: u32 = 1;
export const STOP_ECALL: u32 = 2;
export const STOP_EBREAK: u32 = 3;
export const STOP_MMIO_LOAD: u32 = 4;
export const STOP_MMIO_STORE: u32 = 5;
export const STOP_ILLEGAL: u32 = 16;
export const STOP_FETCH_RANGE: u32 = 17;
export const STOP_FETCH_MISALIGNED: u32 = 18;
export const STOP_LOAD_MISALIGNED: u32 = 19;
export const STOP_LOAD_RANGE: u32 = 20;
export const STOP_STORE_MISALIGNED: u32 = 21;
export const STOP_STORE_RANGE: u32 = 22;
