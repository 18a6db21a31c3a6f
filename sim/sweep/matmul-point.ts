// One point of a matmul sweep: run it, keep what the ranked table and the plot need. Runs on a
// worker thread (piscina) or inline; the result is the same either way.
import { runMatmul, type MatmulOptions } from '../ops/matmul.ts';
import type { RunSummary } from '../trace/summary.ts';
import { MeshsimError, type ExitCodeValue } from '../errors.ts';

export type SweepPoint = Omit<MatmulOptions, 'print' | 'trace' | 'nocTrace' | 'onProgress'>;

export interface SweepResult {
  point: SweepPoint;
  cores: number;
  summary: RunSummary;
  maxError?: number;
}

export function runPoint(point: SweepPoint): SweepResult {
  const r = runMatmul(point);
  return { point, cores: r.cores, summary: r.summary, maxError: r.check?.maxError };
}

// On a worker thread: a user error comes back as a value, since an Error crossing the thread
// boundary loses its exit code.
export type PointOutcome = { result: SweepResult } | { error: string; exitCode: ExitCodeValue };

export function runPointOnWorker(point: SweepPoint): PointOutcome {
  try {
    return { result: runPoint(point) };
  } catch (e) {
    if (e instanceof MeshsimError) return { error: e.message, exitCode: e.exitCode };
    throw e;
  }
}
