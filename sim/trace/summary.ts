// What a run amounted to: time at the clock, throughput against the FPU peak, how busy each kind of
// resource was, and which one bounded the run (the busiest, if any is busy enough to be the limit).
import type { Device, RunResult } from '../host/device.ts';
import type { Fidelity } from '../arch/types.ts';
import { round6 } from './round.ts';

export interface Busy {
  name: string; // which one: 'FPU (mean over cores)', 'DRAM bank 3', 'NoC0 link (4,2)→(5,2)' ...
  utilisation: number; // busy cycles / run cycles
}

// What bounded a run: the busiest resource when it is busy enough to be the limit, else latency.
export const BOUNDS = ['fpu', 'unpack', 'pack', 'dram', 'noc', 'latency'] as const;
export type Bound = (typeof BOUNDS)[number];

export interface RunSummary {
  cycles: number;
  seconds: number;
  microseconds: number;
  tflops: number;
  peakTflops: number; // FPU peak of the cores that ran compute kernels, at the fidelity used
  utilization: number; // tflops / peakTflops (0 when nothing computed)
  fpu: Busy;
  unpack: Busy;
  pack: Busy;
  dram: Busy; // the busiest bank
  noc: Busy; // the busiest link of either NoC
  bound: Bound;
  bottleneck: string; // the same, said in words
}

// A resource this busy is the limit; below it the run is bound by latency and synchronisation.
const BOUND = 0.5;

export function summarize(device: Device, run: RunResult, flops: number, fidelity: Fidelity): RunSummary {
  const { clockHz } = device.preset;
  const cycles = Math.max(1, run.cycles);
  const seconds = cycles / clockHz;
  const engines = run.tileEngines;
  const mean = (pick: (e: RunResult['tileEngines'][number]) => number) => engines.reduce((s, e) => s + pick(e), 0) / Math.max(1, engines.length) / cycles;
  const busy = (name: string, utilisation: number): Busy => ({ name, utilisation: round6(utilisation) });
  const fpu = busy('FPU (mean over compute cores)', mean((e) => e.mathBusyCycles));
  const unpack = busy('unpackers (mean over compute cores)', mean((e) => e.unpackBusyCycles));
  const pack = busy('packers (mean over compute cores)', mean((e) => e.packBusyCycles));
  const bank = run.dram.reduce((a, b) => (b.busyCycles > a.busyCycles ? b : a), run.dram[0]);
  const dram = busy(`DRAM bank ${bank.bank}`, bank.busyCycles / cycles);
  const links = run.links.flatMap((ls, noc) => ls.map((l) => ({ l, noc })));
  const top = links.reduce((a, b) => (b.l.busyCycles > a.l.busyCycles ? b : a), links[0]);
  const noc = busy(`NoC${top.noc} link (${top.l.from.x},${top.l.from.y})→(${top.l.to.x},${top.l.to.y})`, top.l.busyCycles / cycles);
  const flopsPerTileCycle = (2 * 32 * 32 * 32) / device.preset.tile.matmulCyclesPerTile[fidelity];
  const kinds = { fpu, unpack, pack, dram, noc };
  const [busiestKind, busiest] = Object.entries(kinds).reduce((a, b) => (b[1].utilisation > a[1].utilisation ? b : a));
  const tflops = flops / seconds / 1e12;
  const peakTflops = (engines.length * flopsPerTileCycle * clockHz) / 1e12;
  return {
    cycles: run.cycles,
    seconds: round6(seconds),
    microseconds: round6(seconds * 1e6),
    tflops: round6(tflops),
    peakTflops: round6(peakTflops),
    utilization: peakTflops > 0 ? round6(tflops / peakTflops) : 0,
    fpu,
    unpack,
    pack,
    dram,
    noc,
    bound: busiest.utilisation >= BOUND ? (busiestKind as Bound) : 'latency',
    bottleneck: busiest.utilisation >= BOUND
      ? `${busiest.name}, ${(100 * busiest.utilisation).toFixed(0)}% busy`
      : `latency and synchronisation: the busiest resource (${busiest.name}) is ${(100 * busiest.utilisation).toFixed(0)}% busy`,
  };
}
