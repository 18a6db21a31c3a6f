// One transformer layer on the mesh, end to end: the model's config and weights, the inputs, the
// plan (a preset, or `auto`: every preset that fits, in timing mode, keeping the fastest), the
// layer graph on the device, and in functional mode the check of its output and KV cache against
// the float64 reference of the same graph.
import type { DataFormat } from '../../compute/formats.ts';
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
import { loadLayerWeights, openWeights, type LayerWeights } from '../weights.ts';
import { runBlock } from './block.ts';
import { freeLayerWeights, uploadLayerWeights } from './device-weights.ts';
import { layerInputs, type LayerInputs } from './inputs.ts';
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

export function runTransformerLayer(o: LayerRunOptions): LayerRunResult {
  const config = loadModelConfig(o.model);
  const functional = o.mode === 'functional';
  const inputs = layerInputs(config, { ...o, functional });
  const weights = functional ? loadLayerWeights(config, openWeights(config, o.weights, o.seed), o.layer) : undefined;
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
  const dramSharded = new Set(MATMUL_ROLES.filter((r) => p.matmul[r] === 'dram-sharded'));
  const w = uploadLayerWeights(device, config, weights, o.weightsDtype, dramSharded, o.layer);
  const decode = o.phase === 'decode';
  const x = toDevice(device, inputs.x, decode ? [1, batch, config.hidden] : [batch, seq, config.hidden], 'bf16', DRAM_INTERLEAVED, 'layer input');
  const capacity = 32 * Math.ceil((past + seq) / 32);
  const cacheShape = [batch, config.kvHeads, capacity, config.headDim];
  const widen = (values: Float64Array | undefined) => values && values.length ? widenCache(values, batch * config.kvHeads, past, capacity, config.headDim) : undefined;
  const kCache = toDevice(device, widen(inputs.past?.k), cacheShape, 'bf16', DRAM_INTERLEAVED, 'K cache');
  const vCache = toDevice(device, widen(inputs.past?.v), cacheShape, 'bf16', DRAM_INTERLEAVED, 'V cache');
  const first = opRuns(device).length;
  const out = runBlock({ config, layer: o.layer, plan: p, phase: o.phase, weights: w, x, kCache, vCache, past });
  const entries = opRuns(device, first);
  const run = combineRuns(entries.map((e) => e.run));
  const flops = entries.reduce((s, e) => s + e.stats.summary.tflops * 1e12 * e.stats.summary.seconds, 0);
  const result: LayerRunResult = {
    config, plan: p, device, phase: o.phase, batch, seq, past, run, summary: summarize(device, run, flops, 'HiFi2'), ops: entries.map((e) => e.stats),
  };
  if (o.mode === 'functional' && weights && inputs.x) {
    const positions = past + seq;
    const output = fromDevice(out);
    const cache: KvCache = {
      batch, kvHeads: config.kvHeads, positions, headDim: config.headDim,
      k: narrowCache(fromDevice(kCache), batch * config.kvHeads, capacity, positions, config.headDim),
      v: narrowCache(fromDevice(vCache), batch * config.kvHeads, capacity, positions, config.headDim),
    };
    const ref = layerReference(config, weights, inputs.x, batch, seq, inputs.past);
    const worst = Object.values(o.weightsDtype).reduce((a, b) => (TOLERANCE[b] > TOLERANCE[a] ? b : a), 'bf16' as DataFormat);
    result.check = compare([[output, ref.output], [cache.k, ref.cache.k], [cache.v, ref.cache.v]], TOLERANCE[worst]);
    result.output = output;
    result.cache = cache;
  }
  for (const t of [out, x, kCache, vCache] as Tensor[]) t.deallocate();
  freeLayerWeights(w);
  return result;
}

function compare(pairs: [ArrayLike<number>, ArrayLike<number>][], tolerance: number): LayerCheck {
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
