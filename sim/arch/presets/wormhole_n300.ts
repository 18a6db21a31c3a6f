// Wormhole n300: two Wormhole B0 ASICs on one card. Only ONE chip is modelled (no chip-to-chip
// Ethernet traffic). Source tags: ../shared/hardware.md.
import { cross } from '../coords.ts';
import type { ArchPreset } from '../types.ts';
import { WH_TENSIX_COLUMNS, WH_TENSIX_ROWS, wormholeChip } from './wormhole_chip.ts';

// Two harvested Tensix rows per ASIC [SPEC-WH][ISA-WH] NoC/Coordinates.md; firmware renumbers
// harvested rows last [ISA-WH] NoC/Coordinates.md, so we harvest y=10 and y=11.
const HARVESTED = [10, 11];

export const wormhole_n300: ArchPreset = {
  name: 'wormhole_n300',
  description: 'Tenstorrent Wormhole n300, one of its two ASICs: 64 Tensix (rows y=10,11 harvested), 12 GDDR6 banks, 1 GHz; the second chip and the chip-to-chip link are not modelled',
  confidence: 'medium',
  ...wormholeChip(),
  tensix: cross(WH_TENSIX_COLUMNS, WH_TENSIX_ROWS.filter((y) => !HARVESTED.includes(y))), // 8 × 8 = 64 per ASIC [SPEC-WH]
  harvestedRows: HARVESTED,
  computeGrids: [
    // (derived) Not stated in the sources read (hardware.md §0). As on n150 (72 enabled → 8x8),
    // one Tensix row is left for dispatch: 7 rows × 8 columns.
    { rows: 7, cols: 8 },
    { rows: 8, cols: 8 }, // every enabled Tensix (64) [SPEC-WH]
  ],
};
