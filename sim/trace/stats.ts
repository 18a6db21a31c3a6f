// stats.json, schema version 1 (schema/stats-v1.schema.json; README "stats.json"): one builder for
// every command that runs the device (matmul, program, and the op and layer commands), so they
// all write the same document and `--json` prints exactly what `--out` stores.
import type { ArchPreset, Coord, GridSize } from '../arch/types.ts';
import type { Processor } from '../core/tensix-core.ts';
import type { ExitCodeValue, MeshsimError } from '../errors.ts';
import type { Mode, RunResult } from '../host/device.ts';
import type { LinkStats } from '../noc/network.ts';
import type { RunSummary } from './summary.ts';

export const STATS_SCHEMA = { name: 'meshsim-stats', version: 1 } as const;

// Who wrote a document: meshsim's version and the command line as typed.
export interface Invocation {
  meshsim: string;
  command: string[];
}

// One op of a run (a matmul, a softmax, ...): its name, the partitioning that ran, its cycles.
// The trace carries the same as slices on the "ops" track.
export interface OpRecord {
  name: string;
  label?: string; // its role in the layer ('attn.c_attn')
  strategy: string;
  startCycle: number;
  endCycle: number;
  summary?: RunSummary; // the op's own utilisation and bound, in runs of several ops
  cores?: number; // cores that ran a kernel (sim/ops/op.ts OpStats)
  output?: string; // where its output lives
}

export interface TraceInfo {
  file: string; // beside stats.json
  spans: number; // spans the run produced
  written: number; // slices written (fewer when aggregated)
  aggregated: boolean; // past --trace-max-spans: short spans merged per window (README "trace.json")
}

export interface HartRecord {
  core: Coord; // logical column, row
  noc: Coord; // NoC0 coordinates
  processor: Processor;
}

export interface StatsV1 {
  schema: typeof STATS_SCHEMA;
  meshsim: string;
  command: string[];
  kind: string; // 'matmul' | 'program' | 'op' | 'run'
  options: Record<string, unknown>; // as given, paths relative to the working directory
  arch: ArchPreset;
  grid: GridSize;
  mode: Mode;
  summary: RunSummary;
  ops: OpRecord[];
  run: {
    startCycle: number;
    endCycle: number;
    cycles: number;
    harts: (HartRecord & { kernel: string; instructions: number; endCycle: number })[];
    tileEngines: { core: Coord; noc: Coord; tiles: number; unpackBusyCycles: number; mathBusyCycles: number; packBusyCycles: number }[];
    links: LinkStats[][];
    dram: RunResult['dram'];
  };
  trace?: TraceInfo;
  [section: string]: unknown; // the kind's own section, named after it ("matmul": { strategy, tiles, ... }; a run's is "layer")
}

export interface StatsInput {
  kind: string;
  invocation: Invocation;
  options: Record<string, unknown>;
  arch: ArchPreset;
  grid: GridSize;
  mode: Mode;
  summary: RunSummary;
  run: RunResult;
  ops: OpRecord[];
  detail: Record<string, unknown>; // the kind's own section
  section?: string; // its name, when the kind's own is taken ('run' is the counters: a layer run's is 'layer')
}

export function statsDocument(i: StatsInput): StatsV1 {
  const r = i.run;
  return {
    schema: STATS_SCHEMA,
    meshsim: i.invocation.meshsim,
    command: i.invocation.command,
    kind: i.kind,
    options: i.options,
    arch: i.arch,
    grid: i.grid,
    mode: i.mode,
    summary: i.summary,
    [i.section ?? i.kind]: i.detail,
    ops: i.ops,
    run: {
      startCycle: r.startCycle,
      endCycle: r.endCycle,
      cycles: r.cycles,
      harts: r.harts.map((h) => ({ core: h.core, noc: h.noc, processor: h.processor, kernel: h.kernel, instructions: h.instructions, endCycle: h.endCycle })),
      tileEngines: r.tileEngines.map((e) => ({
        core: e.logical, noc: e.noc, tiles: e.tiles, unpackBusyCycles: e.unpackBusyCycles, mathBusyCycles: e.mathBusyCycles, packBusyCycles: e.packBusyCycles,
      })),
      links: r.links,
      dram: r.dram,
    },
  };
}

// A failed run under --json: the same schema, with the error instead of the results. Limits and
// deadlocks list every hart still running or waiting (the one-line message names only a few).
export function errorDocument(invocation: Invocation, e: MeshsimError): Record<string, unknown> {
  return {
    schema: STATS_SCHEMA,
    meshsim: invocation.meshsim,
    command: invocation.command,
    error: { message: e.message, exitCode: e.exitCode satisfies ExitCodeValue, ...e.details },
  };
}
