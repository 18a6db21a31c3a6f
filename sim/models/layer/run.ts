// One transformer layer on the mesh, end to end: the model's config and weights, the inputs, the
// plan (a preset, or `auto`: every preset that fits, in timing mode, keeping the fastest), the
// layer graph on the device, and in functional mode the check of its output and KV cache against
// the float64 reference of the same graph.
import { combineRuns } from '../../host/combine-runs.ts';
import { Device, type DeviceOptions, type Mode, type RunResult } from '../../host/device.ts';
import type { GridSize } from '../../arch/types.ts';
import { opRuns, type OpStats } from '../../ops/op.ts';
import { fromDevice, toDevice } from '../../tensor/host.ts';
import { DRAM_INTERLEAVED } from '../../tensor/memory-config.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { summarize, type RunSummary } from '../../trace/summary.ts';
import { badInput, ExitCode, MeshsimError } from '../../errors.ts';
import type { ModelConfig } from '../config.ts';
import { loadModelConfig } from '../model-option.ts';
import { layerReference } from '../reference/layer.ts';
import type { KvCache } from '../reference/kv-cache.ts';
import type { WeightDtypes } from '../weights-dtype.ts';
import { checkLayerWeights, loadLayerWeights, openWeights, type LayerWeights } from '../weights.ts';
import { checkHostMemory } from '../../memory-budget.ts';
import { runBlock } from './block.ts';
import { layerRunBytes, type RunShape } from './host-memory.ts';
import { freeLayerWeights, uploadLayerWeights } from './device-weights.ts';
import { layerInputs, readLayerInputs, type InputOptions, type LayerInputs } from './inputs.ts';
import { applyOpStrategies, candidatePresets, MATMUL_ROLES, presetPlan, type LayerPlan, type LayerPreset, type LayerStrategy, type Phase } from './plan.ts';

export interface LayerRunOptions {
  model: string; // built-in name or config.json path
  weights?: string; // .safetensors (or index); seeded without
  layer: number;
  phase: Phase;
  batch: number;
  seq: number;
  kvLen: number;
  arch: string;
  grid?: GridSize;
  strategy: LayerStrategy;
  opStrategy?: string;
  weightsDtype: WeightDtypes;
  mode: Mode;
  seed: number;
  input?: string;
  kvCache?: string;
  given?: InputOptions['given']; // the shape options set on the command line
  device?: Pick<DeviceOptions, 'trace' | 'nocTrace' | 'maxCycles' | 'onProgress' | 'print'>;
}

export interface LayerCheck {
  maxAbsError: number;
  maxRelError: number; // max |device − reference| / max |reference|, over the output and the cache
  tolerance: number;
  passed: boolean;
}

export interface LayerRunResult {
  config: ModelConfig;
  plan: LayerPlan;
  auto?: { preset: LayerPreset; cycles: number }[]; // what `auto` measured, fastest first
  device: Device;
  phase: Phase;
  batch: number;
  seq: number;
  past: number;
  run: RunResult; // the layer's ops as one run
  summary: RunSummary;
  ops: OpStats[];
  check?: LayerCheck;
  output?: Float32Array; // [batch, seq, hidden]
  cache?: KvCache; // the cache after the layer (K after rotary), float32 values
}

// Max relative error allowed, by the coarsest weight format: bf16 keeps 8 bits of mantissa, bfp8_b
// 7 with a shared exponent per 16 values, bfp4_b 3 (hardware.md §3); errors compound over the ~12 ops.
const TOLERANCE: Record<string, number> = { bf16: 0.05, bfp8_b: 0.08, bfp4_b: 0.25 };

export function layerTolerance(dtypes: WeightDtypes): number {
  return Math.max(...Object.values(dtypes).map((d) => TOLERANCE[d]));
}

export function runTransformerLayer(o: LayerRunOptions): LayerRunResult {
  const config = loadModelConfig(o.model);
  const functional = o.mode === 'functional';
  const read = readLayerInputs(config, o);
  if (functional) checkRunMemory(config, layerRunBytes(config, runShape(o, read)), `--layer ${o.layer}`);
  const inputs = layerInputs(config, { ...o, functional }, read);
  const reader = openWeights(config, o.weights, o.seed);
  const weights = functional ? loadLayerWeights(config, reader, o.layer) : undefined;
  if (!functional) checkLayerWeights(config, reader, o.layer); // a timing run reads no values, but the file must fit
  if (o.strategy !== 'auto') return runPlanned(o, config, inputs, weights, plan(o, o.strategy));
  const tried: { preset: LayerPreset; cycles: number }[] = [];
  for (const preset of candidatePresets(o.phase)) {
    try {
      const r = runPlanned({ ...o, mode: 'timing', device: { maxCycles: o.device?.maxCycles } }, config, inputs, undefined, plan(o, preset));
      tried.push({ preset, cycles: r.run.cycles });
    } catch (e) {
      if (!(e instanceof MeshsimError) || e.exitCode !== ExitCode.badInput) throw e; // a preset that does not fit the grid is skipped
    }
  }
  if (tried.length === 0) throw badInput(`--strategy auto: no preset fits ${config.source} on this grid (tried ${candidatePresets(o.phase).join(', ')})`);
  tried.sort((a, b) => a.cycles - b.cycles);
  const result = runPlanned(o, config, inputs, weights, plan(o, tried[0].preset));
  return { ...result, auto: tried };
}

function plan(o: LayerRunOptions, preset: LayerPreset): LayerPlan {
  return applyOpStrategies(presetPlan(preset, o.phase), o.opStrategy, o.phase);
}

function runPlanned(o: LayerRunOptions, config: ModelConfig, inputs: LayerInputs, weights: LayerWeights | undefined, p: LayerPlan): LayerRunResult {
  const device = new Device({ arch: o.arch, grid: o.grid, mode: o.mode, ...o.device });
  const { batch, seq } = inputs;
  const past = inputs.past?.positions ?? 0;
  const x = toDevice(device, inputs.x, layerInputShape(o.phase, batch, seq, config.hidden), 'bf16', DRAM_INTERLEAVED, 'layer input');
  const step = stepLayer(device, { config, layer: o.layer, plan: p, phase: o.phase, dtypes: o.weightsDtype, weights, x, past: inputs.past, batch, seq });
  const result: LayerRunResult = { config, plan: p, device, phase: o.phase, batch, seq, past, ...opsSummary(device, step.ops) };
  if (o.mode === 'functional' && weights && inputs.x) {
    const output = fromDevice(step.out);
    const cache = readCache(step, config, batch, past + seq);
    const ref = layerReference(config, weights, inputs.x, batch, seq, inputs.past);
    result.check = compareValues([[output, ref.output], [cache.k, ref.cache.k], [cache.v, ref.cache.v]], layerTolerance(o.weightsDtype));
    result.output = output;
    result.cache = cache;
  }
  for (const t of [step.out, x, step.kCache, step.vCache]) t.deallocate();
  return result;
}

// The shape a run's options give (an --input's or --kv-cache's own, when given), read before any
// values are made.
export function layerShape(config: ModelConfig, o: LayerRunOptions): RunShape {
  return runShape(o, readLayerInputs(config, o));
}

const runShape = (o: LayerRunOptions, read: LayerInputs): RunShape => ({
  batch: read.batch, seq: read.seq, past: o.phase === 'decode' ? (read.past?.positions ?? o.kvLen) : 0,
});

export function checkRunMemory(config: ModelConfig, bytes: number, what: string): void {
  checkHostMemory(bytes, `a functional run of ${config.source} (${what})`, '--mode timing moves no values');
}

const layerInputShape = (phase: Phase, batch: number, seq: number, hidden: number) => (phase === 'decode' ? [1, batch, hidden] : [batch, seq, hidden]);

export interface LayerStepInput {
  config: ModelConfig;
  layer: number;
  plan: LayerPlan;
  phase: Phase;
  dtypes: WeightDtypes;
  weights?: LayerWeights; // values (functional mode)
  x: Tensor;
  past?: KvCache; // decode: the cache before the new token (values in functional mode)
  batch: number;
  seq: number;
}

export interface LayerStep {
  out: Tensor;
  kCache: Tensor; // [batch, kvHeads, capacity, headDim], capacity = positions rounded up to tiles
  vCache: Tensor;
  ops: { stats: OpStats; run: RunResult }[];
}

// One layer on a device that may already hold others: its weights are uploaded, its KV cache made
// (from `past` in decode), the block run, and the weights freed again.
export function stepLayer(device: Device, s: LayerStepInput): LayerStep {
  const { config: c, batch, seq } = s;
  const past = s.past?.positions ?? 0;
  const dramSharded = new Set(MATMUL_ROLES.filter((r) => s.plan.matmul[r] === 'dram-sharded'));
  const w = uploadLayerWeights(device, c, s.weights, s.dtypes, dramSharded, s.layer);
  const capacity = 32 * Math.ceil((past + seq) / 32);
  const shape = [batch, c.kvHeads, capacity, c.headDim];
  const widen = (values: Float64Array | undefined) => (values?.length ? widenCache(values, batch * c.kvHeads, past, capacity, c.headDim) : undefined);
  const kCache = toDevice(device, widen(s.past?.k), shape, 'bf16', DRAM_INTERLEAVED, `layer ${s.layer} K cache`);
  const vCache = toDevice(device, widen(s.past?.v), shape, 'bf16', DRAM_INTERLEAVED, `layer ${s.layer} V cache`);
  const first = opRuns(device).length;
  const out = runBlock({ config: c, layer: s.layer, plan: s.plan, phase: s.phase, weights: w, x: s.x, kCache, vCache, past });
  freeLayerWeights(w);
  return { out, kCache, vCache, ops: opRuns(device, first) };
}

// Ops run back to back, as one run with its summary (FLOPs summed over the ops).
export function opsSummary(device: Device, ops: { stats: OpStats; run: RunResult }[]): { run: RunResult; summary: RunSummary; ops: OpStats[] } {
  const run = combineRuns(ops.map((e) => e.run));
  const flops = ops.reduce((a, e) => a + e.stats.summary.tflops * 1e12 * e.stats.summary.seconds, 0);
  return { run, summary: summarize(device, run, flops, 'HiFi2'), ops: ops.map((e) => e.stats) };
}

function readCache(step: LayerStep, c: ModelConfig, batch: number, positions: number): KvCache {
  const capacity = step.kCache.shape[2];
  const read = (t: Tensor) => narrowCache(fromDevice(t), batch * c.kvHeads, capacity, positions, c.headDim);
  return { batch, kvHeads: c.kvHeads, positions, headDim: c.headDim, k: read(step.kCache), v: read(step.vCache) };
}

export function compareValues(pairs: [ArrayLike<number>, ArrayLike<number>][], tolerance: number): LayerCheck {
  let maxAbsError = 0, maxRelError = 0;
  for (const [got, want] of pairs) {
    let scale = 0, err = 0;
    for (let i = 0; i < want.length; i++) {
      scale = Math.max(scale, Math.abs(want[i]));
      err = Math.max(err, Math.abs(got[i] - want[i]));
    }
    maxAbsError = Math.max(maxAbsError, err);
    maxRelError = Math.max(maxRelError, err / Math.max(scale, 1e-30));
  }
  return { maxAbsError, maxRelError, tolerance, passed: maxRelError <= tolerance };
}

// [n, positions, d] → [n, capacity, d], zeros after; and back.
function widenCache(values: Float64Array, n: number, positions: number, capacity: number, d: number): Float32Array {
  const out = new Float32Array(n * capacity * d);
  for (let i = 0; i < n; i++) out.set(values.subarray(i * positions * d, (i + 1) * positions * d), i * capacity * d);
  return out;
}

function narrowCache(values: Float32Array, n: number, capacity: number, positions: number, d: number): Float64Array {
  const out = new Float64Array(n * positions * d);
  for (let i = 0; i < n; i++) out.set(values.subarray(i * capacity * d, i * capacity * d + positions * d), i * positions * d);
  return out;
}
