// The matmul kind of sweep point: `meshsim matmul` with one combination of the swept options.
import type { GridSize } from '../arch/types.ts';
import { runMatmul, type ConcreteStrategy, type MatmulOptions } from '../ops/matmul/run.ts';
import type { RunSummary } from '../trace/summary.ts';
import type { PointKind, PointResult } from './point.ts';

export type MatmulParams = Omit<MatmulOptions, 'print' | 'trace' | 'nocTrace' | 'onProgress' | 'grid'> & { grid: GridSize };

export interface MatmulResult extends PointResult {
  strategy: ConcreteStrategy; // what ran (what `auto` chose)
  cores: number;
  summary: RunSummary;
  maxError?: number; // functional mode
}

export const matmulKind: PointKind<MatmulParams, MatmulResult> = {
  run(params) {
    const r = runMatmul(params);
    return { cycles: r.summary.cycles, bottleneck: r.summary.bottleneck, strategy: r.strategy, cores: r.cores, summary: r.summary, maxError: r.check?.maxError };
  },
  describe: (p) => ({
    strategy: p.strategy,
    grid: `${p.grid.rows}x${p.grid.cols}`,
    'm×k×n': `${p.m}×${p.k}×${p.n}`,
    dtype: p.dtype + (weights(p) ? `, B ${weights(p)}` : ''),
    fidelity: `${p.fidelity}${p.fp32Acc ? '+fp32' : ''}`,
    arch: p.arch,
  }),
  figures: (r) => ({
    'TFLOP/s': r.summary.tflops.toFixed(3),
    'of peak': `${((100 * r.summary.tflops) / r.summary.peakTflops).toFixed(1)}%`,
    ...(r.maxError === undefined ? {} : { 'max error': r.maxError.toExponential(2) }),
  }),
  label: (p) => `${p.strategy} ${p.grid.rows}x${p.grid.cols} ${p.m}×${p.k}×${p.n} ${p.dtype}${weights(p) ? ` B ${weights(p)}` : ''} ${p.fidelity}`,
};

// B's format where it is not A's.
function weights(p: MatmulParams): string | undefined {
  return p.weightDtype !== p.dtype ? p.weightDtype : undefined;
}
