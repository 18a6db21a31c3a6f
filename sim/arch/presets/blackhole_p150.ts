// Blackhole p150 (a/b): one Blackhole ASIC. Source tags: ../shared/hardware.md.
import type { RiscvCostModel } from '../../riscv/costs.ts';
import { cross, range, tiles } from '../coords.ts';
import type { ArchPreset } from '../types.ts';

// Blackhole baby RISC-V, hardware.md §2.2 [ISA-BH] TensixTile/BabyRISCV/README.md unless noted.
export const BLACKHOLE_RISCV_COSTS: RiscvCostModel = {
  mul: 2, // multiply: one cycle in EX1 + one in EX2 [ISA-BH]; as WH
  divFast: 2, // "dividing by zero or one, two cycles" [ISA-BH]
  divMin: 6, // "between six and 33 cycles … dependent upon the magnitude of the dividend" [ISA-BH]
  divMax: 33,
  divBitsAdd: 2, // bits + 2: 14.04 cycles at a 12-bit dividend measured on BH p150 [MSIM]
  mispredict: 5, // "mispredicted branches occupy EX1 for five cycles" [ISA-BH]
  regions: [
    // L1: 8 = the L0 data cache miss latency, chosen over the 2-cycle hit: the L0 cache is 4 × 16 B,
    // not coherent, flushed by fences/atomics, and the data kernels read was mostly just written by
    // the NoC or packer, so it misses. Stores: 1 per 5 cycles, the uncoalesced rate (coalesced full
    // 128-bit blocks would sustain 1/cycle, which the model does not detect). [ISA-BH]
    { what: 'L1', start: 0, end: 0xffb0_0000, loadLatency: 8, storeInterval: 5 },
    // Local data RAM via MEM_LOCAL_BASE: 2 cycles [ISA-BH]. The 64 KiB-granular cost table cannot
    // split off the slow path at 0xFFB1_4000 (≥8), which kernels do not use for their own RAM.
    { what: 'local data RAM', start: 0xffb0_0000, end: 0xffb2_0000, loadLatency: 2, storeInterval: 1 },
    { what: 'MMIO', start: 0xffb2_0000, end: 0x1_0000_0000, loadLatency: 7, storeInterval: 1 }, // NoC/overlay MMIO ≥7 [ISA-BH]
  ],
};

const BH_TENSIX_COLUMNS = [...range(1, 7), ...range(10, 16)]; // [SOC-BH]
const BH_TENSIX_ROWS = range(2, 11); // [SOC-BH]

// 8 banks, one per group of three DRAM tiles [SOC-BH] `dram`; each list starts with the bank's
// dram_preferred_worker_endpoint [SOC-BH] (0-11, 0-3, 0-8, 0-6, 9-11, 9-3, 9-8, 9-6).
const BH_BANKS = [
  tiles('0-11', '0-0', '0-1'),
  tiles('0-3', '0-2', '0-10'),
  tiles('0-8', '0-9', '0-4'),
  tiles('0-6', '0-5', '0-7'),
  tiles('9-11', '9-0', '9-1'),
  tiles('9-3', '9-2', '9-10'),
  tiles('9-8', '9-9', '9-4'),
  tiles('9-6', '9-5', '9-7'),
];

export const blackhole_p150: ArchPreset = {
  name: 'blackhole_p150',
  description: 'Tenstorrent Blackhole p150: one Blackhole ASIC, 140 Tensix, compute grid 10x13 (tt-metal "13x10"; 10x11 since firmware v19.5.0), 8 GDDR6 banks, 1.35 GHz',
  confidence: 'medium',
  clockHz: 1.35e9, // "up to 1.35 GHz" [SPEC-BH]; baby RISC-V and NoC at 1.35 GHz [ISA-BH] NoC/README.md
  grid: { width: 17, height: 12 }, // [SOC-BH]
  // All 14 × 10 = 140 on die and enabled on p150 at launch [SOC-BH][SPEC-BH]. Firmware v19.5.0+
  // enables 120 (12 columns) [BHGUIDE]; which columns are fused varies per chip, so we keep all 140
  // and let the 10x11 compute grid stand for the newer firmware.
  tensix: cross(BH_TENSIX_COLUMNS, BH_TENSIX_ROWS),
  harvestedRows: [], // Blackhole harvests columns, not rows; none fused in this preset (see above)
  computeGrids: [
    { rows: 10, cols: 13 }, // "13x10" before firmware v19.5.0 (one column for dispatch) [BHGUIDE][GEMM]
    { rows: 10, cols: 11 }, // "11x10" since firmware v19.5.0 [BHGUIDE][GEMM]
  ],
  l1Bytes: 1_499_136, // tt-metal allocates 1,499,136 B [SOC-BH]; hardware has 1536 KiB [ISA-BH]
  localRamBytes: {
    brisc: 8192, // 8 KiB (B, NC) [ISA-BH] TensixTile/BabyRISCV/README.md "Local Data RAM" (not in hardware.md)
    ncrisc: 8192, // 8 KiB [ISA-BH] same section
    trisc: 4096, // 4 KiB (T0, T1, T2) [ISA-BH] same section
  },
  dram: {
    channels: BH_BANKS.map((endpoints, id) => ({ id, controller: id, endpoints })),
    // Peak: 64 GB/s per bank [DRAM-BH] at 1.35 GHz = 47.4 B/cycle (derived).
    bytesPerCyclePerChannel: 64e9 / 1.35e9,
    // (derived) one reader on one channel measured 46.33 B/cycle [MSIM] dramratebench → 46.33 / 47.4
    // = 0.977; also 500 of 512 GB/s with bank-adjacent readers [DRAM-BH].
    efficiency: 0.977,
    // Not published (hardware.md §6). (derived) as for Wormhole: tt-metal's measured DRAM first-byte
    // latency 529 minus its remote-L1 read latency 403 [DMCOMMON] plus noc.l1AccessCycles 25 = 151.
    accessLatencyCycles: 151,
    bankBytes: 4_278_190_080, // dram_bank_size [SOC-BH]
  },
  ethernet: cross(BH_TENSIX_COLUMNS, [1]), // y=1, x ∈ {1..7, 10..16} [SOC-BH]
  pcie: tiles('11-0'), // [SOC-BH] tt-metal descriptor (tt-npe's yaml also lists 2-0 [NPE])
  arc: tiles('8-0'), // [SOC-BH]
  // Row y=0 (x=1..7, 10, 12..16) and column x=8 (y=1..11) [SOC-BH]; [NPE] arch-blackhole.yaml
  routerOnly: [...cross([...range(1, 7), 10, ...range(12, 16)], [0]), ...cross([8], range(1, 11))],
  noc: {
    linkBytesPerCycle: 64, // 512-bit flits and links [ISA-BH] NoC/README.md
    hopCycles: 9, // router→router 9 cycles, "same on BH with 512-bit flits" [ISA-BH] NoC/README.md
    injectCycles: 5, // NIU→router ~5 [ISA-BH] NoC/README.md
    ejectCycles: 5, // router→NIU ~5 [ISA-BH] NoC/README.md
    maxPacketBytes: 16384, // 256 × 64 B [ISA-BH] NoC/README.md; NOC_MAX_BURST_SIZE 16 KB [DRAM-BH]
    flitBytes: 64, // 512 bits [ISA-BH] NoC/README.md
    // (derived) one core's NoC read bandwidth levels off at ~50 GB/s ([DMCOMMON] l1_read_bw ≥ 4 KiB;
    // "per-core max NoC bw 50 GB/s") = 37 B/cycle at 1.35 GHz, below the 64 B/cycle link; the
    // L1-to-L1 path is bounded by the sender.
    injectionBytesPerCycle: 37,
    // (derived) one reader takes in 46.33 B/cycle from one DRAM channel [MSIM] dramratebench, so
    // absorption is at least that; the peak is not documented.
    absorptionBytesPerCycle: 47,
    // (derived) a 16-B read measures 0.671 GB/s [DMCOMMON] = 32.2 cycles per transaction at
    // 1.35 GHz; the kernel's own issue instructions cost ~21 in the interpreter: 11 left for the NIU.
    commandCycles: 11,
    // (derived) the same-core read measures 88 cycles [DMCOMMON]; the model's path without an NIU
    // access gives 63 (commandCycles delays the hart, not the request): 25 for the NIU's L1 access.
    l1AccessCycles: 25,
  },
  riscv: BLACKHOLE_RISCV_COSTS,
  // Same cycles as WH: "All numbers and values apply to both Wormhole and Blackhole devices" [ME]; [GEMM]
  tile: { matmulCyclesPerTile: { LoFi: 16, HiFi2: 32, HiFi3: 48, HiFi4: 64 } },
};
