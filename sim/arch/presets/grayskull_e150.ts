// Grayskull e150: lowest confidence — tt-metal has dropped most Grayskull support, and the clock,
// DRAM bandwidth and all costs are third-party or borrowed from Wormhole. Source tags: ../shared/hardware.md.
import { WORMHOLE_RISCV_COSTS } from '../../riscv/costs.ts';
import { cross, range, tiles } from '../coords.ts';
import { WORMHOLE_NOC } from './wormhole_chip.ts';
import type { ArchPreset } from '../types.ts';

const GS_TENSIX_COLUMNS = range(1, 12); // [SOC-GS]
const GS_TENSIX_ROWS = [...range(1, 5), ...range(7, 11)]; // [SOC-GS]
// One NoC endpoint per bank, in bank order [SOC-GS] (tt-metal's dram_preferred_worker_endpoint order)
const GS_BANKS = tiles('1-0', '1-6', '4-0', '4-6', '7-0', '7-6', '10-0', '10-6');

export const grayskull_e150: ArchPreset = {
  name: 'grayskull_e150',
  description: 'Tenstorrent Grayskull e150 (low confidence): 120 Tensix, 8 LPDDR4 banks, 1.2 GHz; costs borrowed from Wormhole',
  confidence: 'low',
  clockHz: 1.2e9, // "up to 1.2 GHz" [third-party, hardware.md §1.1]
  grid: { width: 13, height: 12 }, // [SOC-GS]
  tensix: cross(GS_TENSIX_COLUMNS, GS_TENSIX_ROWS), // 12 × 10 = 120, all enabled on e150 [SOC-GS][third-party]
  harvestedRows: [],
  computeGrids: [
    // (derived) not in the sources read; as on WH n150, one Tensix row left for dispatch
    { rows: 9, cols: 12 },
    { rows: 10, cols: 12 }, // every Tensix [SOC-GS]
  ],
  l1Bytes: 1_048_576, // worker_l1_size [SOC-GS]
  localRamBytes: { brisc: 4096, ncrisc: 4096, trisc: 2048 }, // assumed equal to WH [ISA-WH] (no GS source)
  dram: {
    channels: GS_BANKS.map((e, id) => ({ id, controller: id, endpoints: [e] })),
    // (derived) 118.4 GB/s over 8 channels [third-party, hardware.md §1.1] = 14.8 GB/s each, at 1.2 GHz
    bytesPerCyclePerChannel: 118.4e9 / 8 / 1.2e9,
    efficiency: 0.93, // assumed equal to WH [ISA-WH] DRAMTile/README.md (no GS measurement)
    accessLatencyCycles: 107, // assumed equal to WH's (derived) 358 − 259 + 8 [DMCOMMON] (no GS figure)
    bankBytes: 1_073_741_824, // dram_bank_size [SOC-GS]
  },
  ethernet: [], // `eth: []` [SOC-GS]
  pcie: tiles('0-4'), // [SOC-GS]
  arc: tiles('0-2'), // [SOC-GS]
  // Rows y=0 and y=6 between the DRAM tiles: tt-metal SocArchGrayskull ROUTER_ONLY (not in hardware.md).
  // The other column-0 tiles are left unlisted (shown as empty).
  routerOnly: cross([2, 3, 5, 6, 8, 9, 11, 12], [0, 6]),
  noc: { ...WORMHOLE_NOC }, // assumed equal to Wormhole's (no Grayskull NoC source), hardware.md §3.1
  // No Grayskull cost table is published; reuse Wormhole's (hardware.md §2.2 [ISA-WH]).
  riscv: WORMHOLE_RISCV_COSTS,
  tile: { matmulCyclesPerTile: { LoFi: 16, HiFi2: 32, HiFi3: 48, HiFi4: 64 } }, // assumed equal to WH [GEMM]
};
