// Cycle costs of the tile engine per 32×32 tile. The same on Wormhole and Blackhole: "All numbers
// and values apply to both Wormhole and Blackhole devices" [ME] (hardware.md §2.5). Matmul cycles
// per fidelity come from the preset (tile.matmulCyclesPerTile, [GEMM]).
import type { Fidelity } from '../arch/types.ts';
import type { SFPU_OPS } from '../core/mmio.ts';

export const FIDELITY_PHASES: Record<Fidelity, number> = { LoFi: 1, HiFi2: 2, HiFi3: 3, HiFi4: 4 }; // [ME], [ISA-WH] MatrixUnit.md

export const TILE_COSTS = {
  // Both unpackers together read 5 × 128 bits per cycle; one alone 4 × 128 bits ([ISA-WH] TensixTile/L1.md).
  unpackTwoBytesPerCycle: 80,
  unpackOneBytesPerCycle: 64,
  // 4 packers × one 128-bit write per cycle = 64 B/cycle (derived, [ISA-WH] TensixTile/L1.md).
  packBytesPerCycle: 64,
  // Packer L1 accumulation (pack_reconfig_l1_acc): each packer's non-atomic 128-bit accumulate
  // (read, add, write back) takes 2 cycles instead of a write's 1, so 32 B/cycle for the four
  // ([ISA-WH] TensixTile/L1.md; hardware.md §2.7).
  packAccumulateBytesPerCycle: 32,
  // Element-wise: 8×16 values per cycle = 8 cycles a tile; add/sub ignore fidelity, mul pays it per phase [ME].
  eltwiseCycles: 8,
  // A copy or transpose to Dst moves through the FPU at the element-wise rate (derived from [ME]).
  datacopyCycles: 8,
  // Reduction: 16×16 per cycle = 4 cycles a tile per fidelity phase [ME].
  reduceCyclesPerPhase: 4,
  // The SFPU is 32 lanes at IPC 1: one instruction over a tile costs 1024 / 32 = 32 cycles
  // ([ISA-WH] VectorUnit.md; hardware.md §5).
  sfpuCyclesPerInstruction: 32,
} as const;

// SFPU instructions per value for each operation, including the SFPLOAD and SFPSTORE that move Dst
// through LReg. (derived) Estimates of polynomial / Newton-Raphson implementations: the real
// instruction counts of tt-metal's SFPU kernels are not in the sources (hardware.md §2.6).
export const SFPU_INSTRUCTIONS: Record<(typeof SFPU_OPS)[number], number> = {
  relu: 3,
  square: 3,
  leaky_relu: 4,
  add_scalar: 3,
  mul_scalar: 3,
  exp: 12,
  recip: 10,
  sqrt: 10,
  rsqrt: 10,
  log: 12,
  tanh: 12,
  sigmoid: 14,
  silu: 15,
  gelu: 16,
};

// An SFPU op between two Dst tiles (add/sub/mul_binary_tile): two SFPLOADs, the SFPADD or SFPMUL,
// one SFPSTORE per value group, each at IPC 1 ([ISA-WH] VectorUnit.md; hardware.md §2.6).
export const SFPU_BINARY_INSTRUCTIONS = 4;
