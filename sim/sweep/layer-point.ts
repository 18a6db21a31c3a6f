// The layer kind of sweep point: `meshsim run` (one transformer layer) with one combination of
// the swept options.
import type { GridSize } from '../arch/types.ts';
import type { LayerStrategy, Phase } from '../models/layer/plan.ts';
import { runTransformerLayer } from '../models/layer/run.ts';
import { parseWeightsDtype } from '../models/weights-dtype.ts';
import type { RunSummary } from '../trace/summary.ts';
import type { PointKind, PointResult } from './point.ts';

export interface LayerParams {
  model: string;
  phase: Phase;
  seq: number;
  batch: number;
  kvLen: number;
  arch: string;
  grid: GridSize;
  strategy: LayerStrategy;
  weightsDtype: string;
  mode: 'functional' | 'timing';
  seed: number;
}

export interface LayerResult extends PointResult {
  preset: string; // what ran (what `auto` chose)
  summary: RunSummary;
  maxRelError?: number; // functional mode
}

export const layerKind: PointKind<LayerParams, LayerResult> = {
  run(p) {
    const r = runTransformerLayer({ ...p, layer: 0, weightsDtype: parseWeightsDtype(p.weightsDtype) });
    return { cycles: r.summary.cycles, bottleneck: r.summary.bottleneck, preset: r.plan.preset, summary: r.summary, maxRelError: r.check?.maxRelError };
  },
  describe: (p) => ({
    model: p.model,
    phase: p.phase === 'decode' ? `decode kv ${p.kvLen}` : `prefill seq ${p.seq}`,
    batch: String(p.batch),
    strategy: p.strategy,
    weights: p.weightsDtype,
    grid: `${p.grid.rows}x${p.grid.cols}`,
    arch: p.arch,
  }),
  figures: (r) => ({
    ran: r.preset,
    µs: r.summary.microseconds.toFixed(1),
    'TFLOP/s': r.summary.tflops.toFixed(3),
    ...(r.maxRelError === undefined ? {} : { 'max rel error': r.maxRelError.toExponential(2) }),
  }),
  label: (p) => `${p.model} ${p.phase === 'decode' ? `decode kv${p.kvLen}` : `seq${p.seq}`} b${p.batch} ${p.strategy} ${p.weightsDtype} ${p.grid.rows}x${p.grid.cols}`,
};
