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
  label?: string; // the op's role in a graph ('attn.c_attn'), when a caller labelled it
  strategy: string;
  startCycle: number;
  endCycle: number;
  cores: number; // cores that ran a kernel
  summary: RunSummary;
  output?: string; // where the output lives
}

const logs = new WeakMap<Device, { stats: OpStats; run: RunResult }[]>();
const labels = new WeakMap<Device, string>();

// Runs `fn` with the ops it runs on `device` labelled by their role in a graph (the layer's
// 'attn.c_attn' for a matmul), for tables and traces.
export function withOpLabel<T>(device: Device, label: string, fn: () => T): T {
  const outer = labels.get(device);
  labels.set(device, label);
  try {
    return fn();
  } finally {
    if (outer === undefined) labels.delete(device);
    else labels.set(device, outer);
  }
}

export function runOp(device: Device, program: Program, info: OpInfo): { stats: OpStats; run: RunResult } {
  const run = device.run(program);
  const cores = new Set(program.kernels.flatMap((k) => k.cores.map(coreKey))).size;
  const label = labels.get(device);
  const stats: OpStats = {
    name: info.name,
    ...(label !== undefined && { label }),
    strategy: info.strategy,
    startCycle: run.startCycle,
    endCycle: run.endCycle,
    cores,
    summary: summarize(device, run, info.flops ?? 0, info.fidelity ?? 'HiFi4'),
    output: info.output?.where,
  };
  device.trace?.op(label ?? info.name, info.strategy, run.startCycle, run.endCycle);
  let log = logs.get(device);
  if (!log) logs.set(device, (log = []));
  log.push({ stats, run });
  return { stats, run };
}

// The ops run on a device so far, in order.
export function opsRun(device: Device): OpStats[] {
  return (logs.get(device) ?? []).map((e) => e.stats);
}

// The same, with each op's run (its counters), from the `from`-th op on.
export function opRuns(device: Device, from = 0): { stats: OpStats; run: RunResult }[] {
  return (logs.get(device) ?? []).slice(from);
}

// The device counters of the last op run (harts, tile engines, links, banks), for a run's stats.
export function lastOpRun(device: Device): RunResult | undefined {
  return logs.get(device)?.at(-1)?.run;
}
