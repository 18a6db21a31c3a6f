// One point of a matmul sweep: run it, keep what the ranked table and the plot need. Runs in a
// worker thread (piscina) or inline; the result is the same either way.
import { runMatmul, type MatmulOptions } from '../ops/matmul.ts';
import type { RunSummary } from '../trace/summary.ts';

export type SweepPoint = Omit<MatmulOptions, 'print' | 'trace'>;

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

export default runPoint;
