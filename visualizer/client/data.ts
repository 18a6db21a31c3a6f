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
  kind: string; // 'brisc' | 'ncrisc' | 'trisc' | 'unpack' | 'math' | 'pack' | other
  spans: number[]; // start, end, index into names; sorted by start
}

export interface CounterSeries {
  samples: number[]; // window index (from windows.first), GB/s; the value holds until the next sample
}

export interface LinkSeries extends CounterSeries {
  noc: number;
  id: number; // index into run.links[noc]
}

export interface BankSeries extends CounterSeries {
  bank: number;
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
  run: Pick<RunResult, 'startCycle' | 'endCycle' | 'cycles' | 'harts' | 'tileEngines' | 'links' | 'dram'>;
  timeline: { tracks: Track[]; names: string[]; droppedSpans: number };
  windows: { cycles: number; first: number; count: number; links: LinkSeries[]; banks: BankSeries[] };
}

export const DATA_ELEMENT_ID = 'meshsim-data';

// Per-window values of a counter (step function of its samples), as a dense array.
export function expand(series: CounterSeries, count: number): Float64Array {
  const out = new Float64Array(count);
  const s = series.samples;
  for (let i = 0; i < s.length; i += 2) {
    const from = Math.max(0, s[i]);
    const to = i + 2 < s.length ? Math.min(count, s[i + 2]) : count;
    for (let w = from; w < to; w++) out[w] = s[i + 1];
  }
  return out;
}

export function linkName(noc: number, l: { from: { x: number; y: number }; to: { x: number; y: number } }): string {
  return `NoC${noc} link (${l.from.x},${l.from.y})→(${l.to.x},${l.to.y})`;
}
