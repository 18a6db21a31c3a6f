// Wormhole n150: one Wormhole B0 ASIC with one Tensix row fused off. Source tags: ../shared/hardware.md.
import { cross } from '../coords.ts';
import type { ArchPreset } from '../types.ts';
import { WH_TENSIX_COLUMNS, WH_TENSIX_ROWS, wormholeChip } from './wormhole_chip.ts';

// n150 has one harvested Tensix row; which one varies per ASIC, and firmware coordinate translation
// renumbers so harvested rows are last [ISA-WH] NoC/Coordinates.md. We harvest y=11, the last row,
// which is what a kernel sees in translated coordinates.
const HARVESTED = [11];

export const wormhole_n150: ArchPreset = {
  name: 'wormhole_n150',
  description: 'Tenstorrent Wormhole n150: one Wormhole B0 ASIC, 72 Tensix (row y=11 harvested), 8x8 compute grid, 12 GDDR6 banks, 1 GHz',
  confidence: 'high',
  ...wormholeChip(),
  // 8 × 10 Tensix on die [ISA-WH] README.md at [NPE] positions, minus the harvested row = 72 [SPEC-WH]
  tensix: cross(WH_TENSIX_COLUMNS, WH_TENSIX_ROWS.filter((y) => !HARVESTED.includes(y))),
  harvestedRows: HARVESTED,
  // 8x8 "available for compute" [BHGUIDE][GEMM]; the 9th row is left to tt-metal's dispatch cores.
  computeGrids: [{ rows: 8, cols: 8 }],
};
