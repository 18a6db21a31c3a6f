// Cycle costs of a baby RISC-V hart, written into the wasm cost table the hot loop reads.
import { Layout as L } from './layout.ts';
import type { RiscvWasm } from './wasm.ts';

export interface MemoryRegionCost {
  what: string;
  start: number; // hart address, multiple of 64 KiB
  end: number; // exclusive, multiple of 64 KiB (0x1_0000_0000 for the top)
  loadLatency: number; // cycles a load blocks the hart
  storeInterval: number; // minimum cycles between two stores
}

export interface RiscvCostModel {
  mul: number;
  divFast: number; // divide by 0 or 1
  divMin: number;
  divMax: number;
  divBitsAdd: number; // other divides: clamp(bits(|dividend|) + divBitsAdd, divMin, divMax)
  mispredict: number; // total cycles of a mispredicted branch or an indirect jump
  regions: MemoryRegionCost[]; // later entries override earlier ones
}

// Wormhole B0 baby RISC-V, hardware.md §2.2 [ISA-WH] TensixTile/BabyRISCV/README.md unless noted.
export const WORMHOLE_RISCV_COSTS: RiscvCostModel = {
  mul: 2, // "Multiply occupies integer unit 2 cycles"
  divFast: 2, // "divide 2 cycles (÷0, ÷1)"
  divMin: 6, // "else 6–33 cycles depending on dividend magnitude"
  divMax: 33,
  divBitsAdd: 2, // bits + 2: 14 cycles at a 12-bit dividend, as measured in [MSIM] (14.04)
  mispredict: 3, // "mispredicted branch = 3 cycles effective"
  regions: [
    // Load latencies "L1 ≥8", "local data RAM 2 cycles", "NoC0/NoC1/overlay MMIO ≥7";
    // "L1 stores sustain 1 per 5 cycles (narrow RMW)".
    { what: 'L1', start: 0, end: 0xffb0_0000, loadLatency: 8, storeInterval: 5 },
    { what: 'local data RAM', start: 0xffb0_0000, end: 0xffb2_0000, loadLatency: 2, storeInterval: 1 },
    { what: 'MMIO', start: 0xffb2_0000, end: 0x1_0000_0000, loadLatency: 7, storeInterval: 1 },
  ],
};

// Cycles a load from `addr` blocks the hart (the last region holding it wins, as in the table).
// (A loop from the end, not a filter: the engine asks at every wake of a waiting hart.)
export function loadLatency(model: RiscvCostModel, addr: number): number {
  const regions = model.regions;
  for (let i = regions.length - 1; i >= 0; i--) if (addr >= regions[i].start && addr < regions[i].end) return regions[i].loadLatency;
  return 1;
}

export function writeCostTable(wasm: RiscvWasm, model: RiscvCostModel): number {
  const base = wasm.alloc(L.COST_BYTES);
  const view = wasm.dataView();
  view.setUint32(base + L.C_MUL, model.mul, true);
  view.setUint32(base + L.C_DIV_FAST, model.divFast, true);
  view.setUint32(base + L.C_DIV_MIN, model.divMin, true);
  view.setUint32(base + L.C_DIV_MAX, model.divMax, true);
  view.setUint32(base + L.C_DIV_BITS_ADD, model.divBitsAdd, true);
  view.setUint32(base + L.C_MISPREDICT, model.mispredict, true);
  const bytes = wasm.u8();
  for (const r of model.regions) {
    const first = Math.floor(r.start / 65536);
    const last = Math.ceil(r.end / 65536);
    bytes.fill(r.loadLatency, base + L.C_LOAD_LATENCY + first, base + L.C_LOAD_LATENCY + last);
    bytes.fill(r.storeInterval, base + L.C_STORE_INTERVAL + first, base + L.C_STORE_INTERVAL + last);
  }
  return base;
}
