// Host mirror of sim/wasm/layout.ts (hart block and cost table offsets, stop codes).
// test/riscv/layout.test.ts checks every value against the globals the wasm module exports.
export const Layout = {
  HART_BYTES: 1024,
  H_REGS: 0,
  H_PC: 132,
  H_MEM_BASE: 136,
  H_MEM_SIZE: 140,
  H_CODE_SIZE: 144,
  H_DECODE_BASE: 148,
  H_LOCAL_LO: 152,
  H_LOCAL_SIZE: 156,
  H_LOCAL_BASE: 160,
  H_MMIO_LO: 164,
  H_MMIO_HI: 168,
  H_COST_BASE: 172,
  H_CYCLES: 176,
  H_INSTRET: 184,
  H_NEXT_STORE_AT: 192,
  H_FAULT_ADDR: 200,
  H_FAULT_WORD: 204,
  H_LAST_PC: 208,
  H_MMIO_ADDR: 212,
  H_MMIO_VALUE: 216,
  H_MMIO_WIDTH: 220,
  H_MMIO_RD: 224,
  H_MMIO_SIGNED: 228,
  H_MIX: 512,
  COST_BYTES: 64 + 2 * 65536,
  C_MUL: 0,
  C_DIV_FAST: 4,
  C_DIV_MIN: 8,
  C_DIV_MAX: 12,
  C_DIV_BITS_ADD: 16,
  C_MISPREDICT: 20,
  C_LOAD_LATENCY: 64,
  C_STORE_INTERVAL: 64 + 65536,
} as const;

export const Stop = {
  BUDGET: 0,
  CYCLE_LIMIT: 1,
  ECALL: 2,
  EBREAK: 3,
  MMIO_LOAD: 4,
  MMIO_STORE: 5,
  ILLEGAL: 16,
  FETCH_RANGE: 17,
  FETCH_MISALIGNED: 18,
  LOAD_MISALIGNED: 19,
  LOAD_RANGE: 20,
  STORE_MISALIGNED: 21,
  STORE_RANGE: 22,
} as const;

export type StopCode = (typeof Stop)[keyof typeof Stop];

// Bytes of decode cache per byte of code window (8-byte record per 4-byte instruction).
export const DECODE_BYTES_PER_CODE_BYTE = 2;
