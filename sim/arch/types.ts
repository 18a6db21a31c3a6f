// The shape of an architecture preset: one chip's grid, tiles, clocks and costs, as plain data.
// Built-in presets live in ./presets/ (every number cites its ../shared/hardware.md source tag);
// user presets are JSON files of the same shape, checked by ./schema.ts.
import type { RiscvCostModel } from '../riscv/costs.ts';

// A tile position in NoC0 coordinates on the full grid: (0,0) top-left, x to the east, y to the south.
export interface Coord {
  x: number;
  y: number;
}

export type Confidence = 'high' | 'medium' | 'low';

export const FIDELITIES = ['LoFi', 'HiFi2', 'HiFi3', 'HiFi4'] as const;
export type Fidelity = (typeof FIDELITIES)[number];

// A compute grid: the first `rows` Tensix rows × the first `cols` Tensix columns, in logical order.
export interface GridSize {
  rows: number;
  cols: number;
}

// One DRAM bank (tt-metal's "DRAM channel"/"bank"): its own bandwidth, reached through NoC endpoints.
export interface DramChannel {
  id: number; // bank id, equal to its index in `channels`
  controller: number; // banks on one controller share its NoC endpoints (Wormhole: 2 banks per controller)
  // DRAM tiles that reach this bank. endpoints[0] is the one tt-metal addresses the bank through
  // (its "preferred worker endpoint"); the others belong to the same controller.
  endpoints: Coord[];
}

export interface ArchPreset {
  name: string;
  description: string;
  confidence: Confidence; // how far the numbers are sourced (high) or guessed (low)
  clockHz: number; // AI clock: baby RISC-V, Tensix and NoC
  grid: { width: number; height: number }; // NoC torus size, including non-Tensix tiles
  tensix: Coord[]; // enabled Tensix tiles, row-major (y then x)
  harvestedRows: number[]; // NoC y of fused-off Tensix rows (shown as x in the map)
  computeGrids: GridSize[]; // documented compute grids; the first is the default for --grid
  l1Bytes: number; // allocatable L1 per Tensix
  localRamBytes: { brisc: number; ncrisc: number; trisc: number }; // per-hart local data RAM
  dram: {
    channels: DramChannel[];
    bytesPerCyclePerChannel: number; // peak, at clockHz
    efficiency: number; // achieved fraction of the peak for one streaming reader (0..1]
    accessLatencyCycles: number; // bank access time, excluding the NoC trip to and from the endpoint
    bankBytes: number; // capacity of one bank
  };
  ethernet: Coord[];
  pcie: Coord[];
  arc: Coord[];
  routerOnly: Coord[]; // tiles with a NoC router and nothing behind it
  noc: {
    linkBytesPerCycle: number; // per link, per direction, per NoC
    hopCycles: number; // router to router
    injectCycles: number; // NIU to router
    ejectCycles: number; // router to NIU
    maxPacketBytes: number; // data bytes in one packet
    flitBytes: number;
    injectionBytesPerCycle: number; // what one tile's NIU can send per cycle, per NoC
    absorptionBytesPerCycle: number; // what one tile's NIU can take in per cycle, per NoC
    commandCycles: number; // hart cycles to issue one NoC command, beyond the kernel's own instructions
    l1AccessCycles: number; // a NIU reading L1 for a remote read, before the response leaves
  };
  riscv: RiscvCostModel;
  tile: { matmulCyclesPerTile: Record<Fidelity, number> }; // one 32×32×32 tile matmul
}
