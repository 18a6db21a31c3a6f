// What a run amounted to: time at the clock, throughput against the FPU peak, how busy each kind of
// resource was, and which one bounded the run (the busiest, if any is busy enough to be the limit).
import type { Device, RunResult } from '../host/device.ts';
import type { Fidelity } from '../arch/types.ts';

export interface Busy {
  name: string; // which one: 'FPU (mean over cores)', 'DRAM bank 3', 'NoC0 link (4,2)→(5,2)' ...
  utilisation: number; // busy cycles / run cycles
}

export interface RunSummary {
  cycles: number;
  microseconds: number;
  tflops: number;
  peakTflops: number; // FPU peak of the cores that ran compute kernels, at the fidelity used
  fpu: Busy;
  unpack: Busy;
  pack: Busy;
  dram: Busy; // the busiest bank
  noc: Busy; // the busiest link of either NoC
  bottleneck: string;
}

// A resource this busy is the limit; below it the run is bound by latency and synchronisation.
const BOUND = 0.5;

export function summarize(device: Device, run: RunResult, flops: number, fidelity: Fidelity): RunSummary {
  const { clockHz } = device.preset;
  const cycles = Math.max(1, run.cycles);
  const seconds = cycles / clockHz;
  const engines = run.tileEngines;
  const mean = (pick: (e: RunResult['tileEngines'][number]) => number) => engines.reduce((s, e) => s + pick(e), 0) / Math.max(1, engines.length) / cycles;
  const fpu = { name: 'FPU (mean over compute cores)', utilisation: mean((e) => e.mathBusyCycles) };
  const unpack = { name: 'unpackers (mean over compute cores)', utilisation: mean((e) => e.unpackBusyCycles) };
  const pack = { name: 'packers (mean over compute cores)', utilisation: mean((e) => e.packBusyCycles) };
  const bank = run.dram.reduce((a, b) => (b.busyCycles > a.busyCycles ? b : a), run.dram[0]);
  const dram = { name: `DRAM bank ${bank.bank}`, utilisation: bank.busyCycles / cycles };
  const links = run.links.flatMap((ls, noc) => ls.map((l) => ({ l, noc })));
  const top = links.reduce((a, b) => (b.l.busyCycles > a.l.busyCycles ? b : a), links[0]);
  const noc = { name: `NoC${top.noc} link (${top.l.from.x},${top.l.from.y})→(${top.l.to.x},${top.l.to.y})`, utilisation: top.l.busyCycles / cycles };
  const flopsPerTileCycle = (2 * 32 * 32 * 32) / device.preset.tile.matmulCyclesPerTile[fidelity];
  const busiest = [fpu, unpack, pack, dram, noc].reduce((a, b) => (b.utilisation > a.utilisation ? b : a));
  return {
    cycles: run.cycles,
    microseconds: seconds * 1e6,
    tflops: flops / seconds / 1e12,
    peakTflops: (engines.length * flopsPerTileCycle * clockHz) / 1e12,
    fpu,
    unpack,
    pack,
    dram,
    noc,
    bottleneck: busiest.utilisation >= BOUND
      ? `${busiest.name}, ${(100 * busiest.utilisation).toFixed(0)}% busy`
      : `latency and synchronisation: the busiest resource (${busiest.name}) is ${(100 * busiest.utilisation).toFixed(0)}% busy`,
  };
}
