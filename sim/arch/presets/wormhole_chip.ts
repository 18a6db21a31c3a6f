// One Wormhole B0 ASIC as tt-metal sees it, shared by the n150 and n300 presets; the presets add
// the harvesting. Source tags are those of ../shared/hardware.md.
import { WORMHOLE_RISCV_COSTS } from '../../riscv/costs.ts';
import { cross, tiles } from '../coords.ts';
import type { ArchPreset, DramChannel } from '../types.ts';

export const WH_TENSIX_COLUMNS = [1, 2, 3, 4, 6, 7, 8, 9]; // [NPE] arch-wormhole.yaml (hardware.md §1.2)
export const WH_TENSIX_ROWS = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11]; // [NPE] arch-wormhole.yaml (hardware.md §1.2)

// DRAM controllers and their three NoC endpoints each, in SoC-descriptor order.
// [NPE] arch-wormhole.yaml / wormhole_b0.hpp dram_coord_to_controller_map (hardware.md §1.2).
const WH_DRAM_CONTROLLERS = [
  tiles('0-0', '0-1', '0-11'),
  tiles('0-5', '0-6', '0-7'),
  tiles('5-0', '5-1', '5-11'),
  tiles('5-2', '5-9', '5-10'),
  tiles('5-3', '5-4', '5-8'),
  tiles('5-5', '5-6', '5-7'),
];

// The 12 banks of 1 GiB [BHGUIDE]: each controller holds two 1 GiB GDDR6 channels [ISA-WH]
// DRAMTile/README.md, bank 2c at offset 0 and bank 2c+1 at offset 1 GiB of controller c, each
// addressed through one of the controller's endpoints. Which endpoint follows tt-metal's Wormhole
// dram_views (WORMHOLE_B0_DRAM_METADATA worker_endpoint, mirrored by SocArchWormholeB0
// set_dram_preferred_worker_endpoint; not yet in hardware.md).
const WH_BANK_ENDPOINT = tiles('0-11', '0-1', '0-5', '0-7', '5-1', '5-11', '5-2', '5-9', '5-8', '5-3', '5-5', '5-7');

export const WH_DRAM_CHANNELS: DramChannel[] = WH_BANK_ENDPOINT.map((preferred, id) => {
  const controller = Math.floor(id / 2);
  const others = WH_DRAM_CONTROLLERS[controller].filter((c) => c.x !== preferred.x || c.y !== preferred.y);
  return { id, controller, endpoints: [preferred, ...others] };
});

type ChipFields = Omit<ArchPreset, 'name' | 'description' | 'confidence' | 'tensix' | 'harvestedRows' | 'computeGrids'>;

// Wormhole B0 NoC and NIU parameters (hardware.md §3.1, §3.2), calibrated by
// sim/calibration/noc-microbenchmarks.ts.
export const WORMHOLE_NOC: ArchPreset['noc'] = {
    linkBytesPerCycle: 32, // 256-bit links [ISA-WH] TensixTile/L1.md; "32 GB/s per hop" [ISA-WH] DRAMTile/README.md
    hopCycles: 9, // router→router 9 cycles [ISA-WH] NoC/README.md Performance
    injectCycles: 5, // NIU→router ~5 cycles [ISA-WH] NoC/README.md Performance
    ejectCycles: 5, // router→NIU ~5 cycles [ISA-WH] NoC/README.md Performance
    maxPacketBytes: 8192, // 256 data flits [ISA-WH] NoC/README.md; NOC_MAX_BURST_SIZE 8 KB [DRAM-BH]
    flitBytes: 32, // 256 bits [ISA-WH] NoC/README.md
    // tt-npe's calibrated WORKER injection/absorption rate 28.1 B/cycle [NPE] wormhole_b0.hpp; the
    // hardware peak is 32 (2 × 128-bit L1 ports per NoC [ISA-WH] TensixTile/L1.md), but one core
    // measures 28.6-29.7 GB/s at 1-64 KiB transactions [DMCOMMON] l1_read_bw.
    injectionBytesPerCycle: 28.1,
    absorptionBytesPerCycle: 28.1,
    // (derived) 0: the kernel's own issue instructions (argument stores, the MMIO store, the
    // loop) cost ~19 cycles per read in the interpreter, against the measured 18.4 cycles per
    // 16-B read (0.868 GB/s [DMCOMMON] l1_read_bw at 1 GHz). Nothing is left for the NIU.
    commandCycles: 0,
    // (derived) 0: with inject/eject 5+5 each way and the kernel's issue cost, the model's
    // same-core read already takes ~58 cycles against the measured 56 [DMCOMMON]; the remote read
    // adds W + H = 22 hops × 9, giving ~256 against 259. No separate NIU L1 access is visible.
    l1AccessCycles: 0,
};

export function wormholeChip(): ChipFields {
  return {
    clockHz: 1e9, // [ISA-WH] TensixTile/BabyRISCV/README.md "1 GHz"; [SPEC-WH]
    grid: { width: 10, height: 12 }, // [SOC-WH]/[NPE] arch-wormhole.yaml
    l1Bytes: 1_499_136, // 1464 KiB [ISA-WH] TensixTile/L1.md; worker_l1_size [SOC-WH]
    localRamBytes: {
      brisc: 4096, // 4 KiB [ISA-WH] TensixTile/BabyRISCV/README.md (hardware.md §2.2)
      ncrisc: 4096, // 4 KiB [ISA-WH] same table
      trisc: 2048, // 2 KiB each of T0/T1/T2 [ISA-WH] same table
    },
    dram: {
      channels: WH_DRAM_CHANNELS.map((c) => ({ ...c, endpoints: c.endpoints.map((e) => ({ ...e })) })),
      // Peak, not achieved: 24 GB/s per channel [ISA-WH] DRAMTile/README.md at 1 GHz = 24 B/cycle
      // (derived). The achieved fraction is the separate `efficiency`, so one reader on one channel
      // comes out at 24 × 0.93 = 22.3 B/cycle, the measured 22.3 GB/s.
      bytesPerCyclePerChannel: 24,
      efficiency: 0.93, // [ISA-WH] DRAMTile/README.md: one channel measured at 92.5–93.1% of peak
      // Not published (hardware.md §6). (derived) tt-metal's measured DRAM first-byte latency 358
      // minus its remote-L1 read latency 259 [DMCOMMON] = 99: the two reads share the issue cost
      // and the NoC round trip (on a torus a read's request + response travel W + H hops wherever
      // the target is, unless it shares a row or column) and differ in the access at the far end
      // (noc.l1AccessCycles is 0). The microbenchmarks check the sum against the 358.
      accessLatencyCycles: 99,
      bankBytes: 1_073_741_824, // 1 GiB banks [BHGUIDE]; dram_view_size
    },
    ethernet: cross(WH_TENSIX_COLUMNS, [0, 6]), // y=0 and y=6, x ∈ {1..4, 6..9} [NPE] arch-wormhole.yaml
    pcie: tiles('0-3'), // [NPE] arch-wormhole.yaml
    arc: tiles('0-10'), // [NPE] arch-wormhole.yaml
    routerOnly: tiles('0-2', '0-4', '0-8', '0-9'), // [NPE] arch-wormhole.yaml
    noc: { ...WORMHOLE_NOC },
    riscv: WORMHOLE_RISCV_COSTS, // hardware.md §2.2 [ISA-WH] TensixTile/BabyRISCV/README.md, see sim/riscv/costs.ts
    tile: { matmulCyclesPerTile: { LoFi: 16, HiFi2: 32, HiFi3: 48, HiFi4: 64 } }, // [GEMM] Cycle_per_tile
  };
}
