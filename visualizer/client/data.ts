// The data embedded in report.html, built by ../build-report.ts from stats.json and trace.json.
// Times are cycles; spans and counter samples are flat number arrays to keep the file small.
import type { RunSummary } from '../../sim/trace/summary.ts';
import type { RunResult } from '../../sim/host/device.ts';

export type TileKind = 'active' | 'tensix' | 'dram' | 'ethernet' | 'pcie' | 'arc' | 'router' | 'harvested' | 'empty';

export interface MeshTile {
  x: number; // NoC0 coordinates
  y: number;
  kind: TileKind;
  core?: string; // active Tensix: the trace's core name, e.g. 'core (0,0) [noc 1,1]'
  logical?: { x: number; y: number }; // active Tensix: column and row in the compute grid
  banks?: number[]; // DRAM endpoint: the banks reached through it
}

export interface Track {
  name: string; // e.g. 'core (0,0) [noc 1,1] ncrisc'
  group: string; // e.g. 'core (0,0) [noc 1,1]'
  kind: string; // 'brisc' | 'ncrisc' | 'trisc' | 'unpack' | 'math' | 'pack' | 'noc0' | 'noc1' | other
  // start, end, index into names, cycles inside spans (less than end - start where spans were
  // merged: per-window slices of a large trace, or neighbours merged to keep the report small).
  spans: number[];
}

// What a span is, for its colour: the kernel, each kind of wait, zones, tile-engine stages, NoC data.
export const SPAN_CLASSES = ['kernel', 'cb_wait_front', 'cb_reserve_back', 'read_barrier', 'write_barrier', 'semaphore', 'zone', 'unpack', 'math', 'pack', 'noc', 'other'] as const;
export type SpanClass = (typeof SPAN_CLASSES)[number];

export function spanClass(kind: string, name: string, cat?: string): SpanClass {
  if (kind === 'unpack' || kind === 'math' || kind === 'pack') return kind;
  if (kind.startsWith('noc') || cat === 'noc') return 'noc';
  if (cat === 'zone') return 'zone';
  if (name.endsWith('.elf')) return 'kernel';
  if (name.startsWith('cb_wait_front')) return 'cb_wait_front';
  if (name.startsWith('cb_reserve_back')) return 'cb_reserve_back';
  if (name.startsWith('noc_async_read_barrier')) return 'read_barrier';
  if (name.startsWith('noc_async_write_barrier')) return 'write_barrier';
  if (name.startsWith('noc_semaphore_wait')) return 'semaphore';
  return cat === 'wait' ? 'semaphore' : cat === 'kernel' ? 'kernel' : 'zone';
}

export interface CounterSeries {
  samples: number[]; // window index (from windows.first), value: pairs for the windows with a value
}

export interface LinkSeries extends CounterSeries {
  noc: number;
  id: number; // index into run.links[noc]
}

export interface BankSeries extends CounterSeries {
  bank: number;
}

export interface CoreSeries extends CounterSeries {
  core: string; // busy fraction of its FPU per window
}

// A multicast tree: its links, and its GB/s per window.
export interface TreeSeries extends CounterSeries {
  name: string;
  noc: number;
  src: { x: number; y: number };
  links: number[]; // ids into run.links[noc]
}

export interface OpSpan {
  name: string;
  strategy: string;
  startCycle: number;
  endCycle: number;
}

export interface ReportData {
  source: string; // the directory the report was built from
  arch: {
    name: string;
    description: string;
    clockHz: number;
    width: number;
    height: number;
    linkBytesPerCycle: number;
    dramBytesPerCyclePerChannel: number;
  };
  grid: { rows: number; cols: number };
  tiles: MeshTile[];
  // What ran: a matmul (meshsim matmul) or a kernel developer's program (meshsim program).
  workload: {
    title: string;
    details: string; // one line: mode, seed, tiles, blocks ...
    summary: RunSummary;
    flops: boolean; // whether throughput means anything (a matmul's useful FLOPs)
    check?: { samples: number; maxError: number };
  };
  ops: OpSpan[];
  run: {
    startCycle: number;
    endCycle: number;
    cycles: number;
    harts: { name: string; instructions: number; endCycle: number }[];
    tileEngines: { core: string; tiles: number; unpackBusyCycles: number; mathBusyCycles: number; packBusyCycles: number }[];
    links: RunResult['links'];
    dram: RunResult['dram'];
  };
  // merged: spans closer than this many cycles were merged into one bar (0: every span as is);
  // aggregatedWindow: the trace itself merged short spans per window of this many cycles.
  timeline: { tracks: Track[]; names: string[]; merged: number; aggregatedWindow: number };
  windows: { cycles: number; first: number; count: number; links: LinkSeries[]; banks: BankSeries[]; cores: CoreSeries[]; trees: TreeSeries[] };
}

export const DATA_ELEMENT_ID = 'meshsim-data';

// Per-window values of a counter, as a dense array (zero where it has no sample).
export function expand(series: CounterSeries, count: number): Float64Array {
  const out = new Float64Array(count);
  const s = series.samples;
  for (let i = 0; i < s.length; i += 2) if (s[i] >= 0 && s[i] < count) out[s[i]] = s[i + 1];
  return out;
}

export function linkName(noc: number, l: { from: { x: number; y: number }; to: { x: number; y: number } }): string {
  return `NoC${noc} link (${l.from.x},${l.from.y})→(${l.to.x},${l.to.y})`;
}
