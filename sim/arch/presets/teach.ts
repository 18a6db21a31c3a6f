// Shared fields of the teaching presets. INVENTED ROUND NUMBERS, NOT HARDWARE: chosen so cycle
// counts are easy to follow by hand. Only the RISC-V costs and tile-matmul cycles are Wormhole's,
// so kernels behave as they would there.
import { WORMHOLE_RISCV_COSTS } from '../../riscv/costs.ts';
import { cross, range, xy } from '../coords.ts';
import type { ArchPreset } from '../types.ts';

// An (n+1) × (n+1) grid: the host link at (0,0), router-only tiles on the rest of row 0, one DRAM
// bank per row down column 0, and n × n Tensix:
//   P . .
//   D T T
//   D T T
export function teachPreset(n: number): ArchPreset {
  return {
    name: `teach_${n}x${n}`,
    description: `Teaching mesh: ${n}x${n} Tensix, ${n} DRAM banks in the west column, 1 GHz — invented round numbers, not hardware`,
    confidence: 'low',
    clockHz: 1e9, // invented (round)
    grid: { width: n + 1, height: n + 1 }, // invented
    tensix: cross(range(1, n), range(1, n)), // invented
    harvestedRows: [],
    computeGrids: [{ rows: n, cols: n }], // every Tensix
    l1Bytes: 1 << 20, // 1 MiB, invented (round)
    localRamBytes: { brisc: 4096, ncrisc: 4096, trisc: 2048 }, // WH's [ISA-WH], so the same kernels fit
    dram: {
      channels: range(1, n).map((y, id) => ({ id, controller: id, endpoints: [xy(0, y)] })), // invented
      bytesPerCyclePerChannel: 32, // invented (round)
      efficiency: 1, // invented: ideal
      accessLatencyCycles: 100, // invented (round)
      bankBytes: 1 << 30, // 1 GiB, invented (round)
    },
    ethernet: [],
    pcie: [xy(0, 0)], // invented
    arc: [],
    routerOnly: cross(range(1, n), [0]), // invented
    noc: {
      linkBytesPerCycle: 32, // invented (round)
      hopCycles: 10, // invented (round)
      injectCycles: 5, // invented (round)
      ejectCycles: 5, // invented (round)
      maxPacketBytes: 8192, // invented (= WH)
      flitBytes: 32, // invented (= WH)
      injectionBytesPerCycle: 32, // invented (= link)
      absorptionBytesPerCycle: 32, // invented (= link)
      commandCycles: 10, // invented (round)
      l1AccessCycles: 10, // invented (round)
    },
    riscv: WORMHOLE_RISCV_COSTS, // hardware.md §2.2 [ISA-WH]
    tile: { matmulCyclesPerTile: { LoFi: 16, HiFi2: 32, HiFi3: 48, HiFi4: 64 } }, // [GEMM]
  };
}
