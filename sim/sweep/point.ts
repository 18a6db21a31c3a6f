// What a sweep is made of, whatever it sweeps: a point is a kind of run (a matmul, a layer) and
// that kind's parameters; each kind (sim/sweep/kinds.ts) says how to run a point and how to show
// its result. A finished point is a record: its result, or why it failed.
import { ExitCode } from '../errors.ts';

export interface SweepPoint {
  kind: string;
  params: Record<string, unknown>; // JSON: points travel to worker threads and into sweep.jsonl
}

export interface PointResult {
  cycles: number; // what the sweep ranks by
  bottleneck: string; // what bounded the run, in the summary's words (the plot colours by it)
  [figure: string]: unknown; // the kind's own figures, as JSON
}

export interface PointKind<P = Record<string, unknown>, R extends PointResult = PointResult> {
  run(params: P): R; // on a worker thread; a MeshsimError is the point's failure
  describe(params: P): Record<string, string>; // the point as table columns: { strategy: "dp", grid: "8x8" }
  figures(result: R): Record<string, string>; // the result as table columns besides cycles and bottleneck
  label(params: P): string; // one line for the plot
}

// Why a point failed, from its error's exit code (README "Exit codes"); `crash` is a worker that
// died or an internal error, `timeout` a point stopped by --point-timeout.
export const FAILURES = ['input', 'fault', 'limit', 'deadlock', 'tool', 'crash', 'timeout'] as const;
export type FailureKind = (typeof FAILURES)[number];

export interface PointFailure {
  kind: FailureKind;
  exitCode: number;
  message: string;
}

export function failureOf(exitCode: number, message: string): PointFailure {
  const kinds: Record<number, FailureKind> = {
    [ExitCode.badInput]: 'input', [ExitCode.fault]: 'fault', [ExitCode.limit]: 'limit', [ExitCode.deadlock]: 'deadlock', [ExitCode.toolMissing]: 'tool',
  };
  return { kind: kinds[exitCode] ?? 'crash', exitCode, message };
}

// One line of sweep.jsonl after its header: `index` is the point's place in the whole sweep.
export type PointRecord = { index: number; point: SweepPoint } & ({ result: PointResult; failure?: undefined } | { failure: PointFailure; result?: undefined });

// A point's identity: its kind and parameters with keys in a fixed order.
export function pointKey(point: SweepPoint): string {
  return canonicalJson(point);
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
