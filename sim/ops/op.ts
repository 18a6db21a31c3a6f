// Running one op's program on the device and what it amounted to (after ttnn, where an op is one
// program on the device): its cycles, throughput, busy resources and bound, and where its output
// lives. Every op of a run is logged per device in order, so a layer can list them, and marked on
// the trace's "ops" track.
import type { Fidelity } from '../arch/types.ts';
import type { Device, RunResult } from '../host/device.ts';
import { coreKey, type Program } from '../host/program.ts';
import type { Tensor } from '../tensor/tensor.ts';
import { summarize, type RunSummary } from '../trace/summary.ts';

export interface OpInfo {
  name: string; // e.g. 'matmul', 'softmax'
  strategy: string; // the program factory that ran
  flops?: number; // math the op does (for TFLOP/s); 0 when it only moves data
  fidelity?: Fidelity; // the peak its utilisation is measured against
  output?: Tensor;
}

export interface OpStats {
  name: string;
  strategy: string;
  startCycle: number;
  endCycle: number;
  cores: number; // cores that ran a kernel
  summary: RunSummary;
  output?: string; // where the output lives
}

const logs = new WeakMap<Device, OpStats[]>();
const lastRuns = new WeakMap<Device, RunResult>();

export function runOp(device: Device, program: Program, info: OpInfo): { stats: OpStats; run: RunResult } {
  const run = device.run(program);
  const cores = new Set(program.kernels.flatMap((k) => k.cores.map(coreKey))).size;
  const stats: OpStats = {
    name: info.name,
    strategy: info.strategy,
    startCycle: run.startCycle,
    endCycle: run.endCycle,
    cores,
    summary: summarize(device, run, info.flops ?? 0, info.fidelity ?? 'HiFi4'),
    output: info.output?.where,
  };
  device.trace?.op(info.name, info.strategy, run.startCycle, run.endCycle);
  let log = logs.get(device);
  if (!log) logs.set(device, (log = []));
  log.push(stats);
  lastRuns.set(device, run);
  return { stats, run };
}

// The ops run on a device so far, in order.
export function opsRun(device: Device): readonly OpStats[] {
  return logs.get(device) ?? [];
}

// The device counters of the last op run (harts, tile engines, links, banks), for a run's stats.
export function lastOpRun(device: Device): RunResult | undefined {
  return lastRuns.get(device);
}
