// The whole model on the mesh: the embedding of token ids (plus GPT-2's learned positions), the
// stack of decoder layers, the final norm and the LM head — one prefill (time to first token) or
// one decode step (time per step, tokens/s/user). In timing mode, layers of one shape are
// simulated until two in a row take the same cycles, and the rest counted at that figure (the
// output says so); in functional mode every layer runs and the logits are checked against the
// float64 reference of the whole model.
import { Device } from '../../host/device.ts';
import { add } from '../../ops/eltwise/index.ts';
import { embedding } from '../../ops/embedding/index.ts';
import { layerNorm, rmsNorm } from '../../ops/layernorm/index.ts';
import { matmul } from '../../ops/matmul/index.ts';
import { opRuns, withOpLabel } from '../../ops/op.ts';
import { fromDevice, toDevice } from '../../tensor/host.ts';
import { DRAM_INTERLEAVED } from '../../tensor/memory-config.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { badInput } from '../../errors.ts';
import { mulberry32 } from '../../random.ts';
import type { ModelConfig } from '../config.ts';
import { loadModelConfig } from '../model-option.ts';
import { embedReference, headReference } from '../reference/model-ends.ts';
import { layerReference } from '../reference/layer.ts';
import { loadEmbeddingWeights, loadHeadWeights, loadLayerWeights, openWeights, transpose, type EmbeddingWeights, type HeadWeights } from '../weights.ts';
import { layerInputs } from './inputs.ts';
import { applyOpStrategies, presetPlan, type LayerPlan, type LayerPreset } from './plan.ts';
import { modelRunBytes } from './host-memory.ts';
import { checkRunMemory, compareValues, layerShape, layerTolerance, opsSummary, stepLayer, type LayerCheck, type LayerRunOptions, type LayerRunResult } from './run.ts';

export interface ModelRunResult extends Omit<LayerRunResult, 'check' | 'output' | 'cache' | 'auto'> {
  layers: number;
  simulatedLayers: number; // layers actually run; the rest counted at the last one's cycles
  layerCycles: number[]; // per simulated layer
  totalCycles: number; // the whole step, extrapolated layers included
  seconds: number;
  tokensPerSecondPerUser?: number; // decode
  timeToFirstToken?: number; // prefill, seconds
  check?: LayerCheck; // logits against the float64 model
}

// logits: the LM head over every row (as Hugging Face's forward), or over the last token's only
// (what a server computes for the first token: the last hidden state is gathered first).
export function runTransformerModel(o: LayerRunOptions & { layers: number; logits?: 'all' | 'last' }, preset: LayerPreset): ModelRunResult {
  const config = loadModelConfig(o.model);
  if (o.input) throw badInput('--input: a whole-model run (--layers) starts from token ids, not hidden states; --input goes with a single --layer');
  const functional = o.mode === 'functional';
  const layers = o.layers;
  if (!Number.isInteger(layers) || layers < 1 || layers > config.layers) throw badInput(`--layers ${layers}: ${config.source} has ${config.layers} layers, expected all or 1 to ${config.layers}`);
  const decode = o.phase === 'decode';
  const shape = layerShape(config, o); // checks positions and batch
  const { batch, seq } = shape;
  if (!decode && batch > 1) throw badInput(`--layers with --phase prefill runs one prompt at a time: --batch ${batch}, expected 1`);
  if (functional) checkRunMemory(config, modelRunBytes(config, shape), `--layers ${layers}`);
  const plan: LayerPlan = applyOpStrategies(presetPlan(preset, o.phase), o.opStrategy, o.phase);
  const device = new Device({ arch: o.arch, grid: o.grid, mode: o.mode, ...o.device });
  const reader = functional ? openWeights(config, o.weights, o.seed) : undefined;
  const past = decode ? o.kvLen : 0;
  const rand = mulberry32(o.seed);
  const ids = Array.from({ length: batch * seq }, () => Math.floor(rand() * config.vocab));
  const positions = decode ? Array.from({ length: batch }, () => past) : Array.from({ length: seq }, (_, i) => i);

  const first = opRuns(device).length;
  const embeddings = reader && loadEmbeddingWeights(config, reader);
  let x = embed(device, config, embeddings, ids, positions);
  // Functional mode: the float64 model runs beside the device, layer by layer on the same weights.
  let ref: ArrayLike<number> | undefined = embeddings && embedReference(config, embeddings, ids, batch, seq, positions[0]);
  const layerCycles: number[] = [];
  let simulated = 0;
  for (let l = 0; l < layers; l++) {
    const n = layerCycles.length;
    if (!functional && n >= 2 && layerCycles[n - 1] === layerCycles[n - 2]) break;
    const weights = reader && loadLayerWeights(config, reader, l);
    const cache = decode ? layerInputs(config, { ...o, functional, seed: o.seed + 1000 * (l + 1), input: undefined, kvCache: undefined }).past : undefined;
    const start = opRuns(device).length;
    const step = stepLayer(device, { config, layer: l, plan, phase: o.phase, dtypes: o.weightsDtype, weights, x, past: cache, batch, seq });
    const ops = opRuns(device, start);
    layerCycles.push(ops[ops.length - 1].run.endCycle - ops[0].run.startCycle);
    if (ref && weights) ref = layerReference(config, weights, ref, batch, seq, cache).output;
    x.deallocate();
    x = step.out;
    simulated++;
  }
  const headWeights = reader && loadHeadWeights(config, reader, embeddings); // a tied LM head is the token table already loaded
  const lastOnly = o.logits === 'last' && seq > 1; // prefill is one prompt (batch 1); decode has one row per user already
  if (lastOnly) {
    const last = withOpLabel(device, 'last token', () => embedding(x, [seq - 1]));
    x.deallocate();
    x = last;
    if (ref) ref = Array.prototype.slice.call(ref, (seq - 1) * config.hidden, seq * config.hidden);
  }
  const logits = head(device, config, headWeights, x);
  const ops = opRuns(device, first);
  const all = opsSummary(device, ops);
  const skipped = layers - simulated;
  const totalCycles = all.run.cycles + skipped * layerCycles[layerCycles.length - 1];
  const seconds = totalCycles / device.preset.clockHz;
  const result: ModelRunResult = {
    config, plan, device, phase: o.phase, batch, seq, past, ...all,
    layers, simulatedLayers: simulated, layerCycles, totalCycles, seconds,
    ...(decode ? { tokensPerSecondPerUser: 1 / seconds } : { timeToFirstToken: seconds }),
  };
  if (ref && headWeights) {
    // Logits compound every layer's error: twice the layer's tolerance.
    result.check = compareValues([[fromDevice(logits), headReference(config, headWeights, ref, lastOnly ? 1 : batch * seq)]], layerTolerance(o.weightsDtype) * 2);
  }
  logits.deallocate();
  x.deallocate();
  return result;
}

function embed(device: Device, c: ModelConfig, w: EmbeddingWeights | undefined, ids: number[], positions: number[]): Tensor {
  const table = toDevice(device, w?.tokens, [c.vocab, c.hidden], 'bf16', DRAM_INTERLEAVED, c.family === 'gpt2' ? 'wte' : 'embed_tokens');
  let x = withOpLabel(device, 'embedding', () => embedding(table, ids));
  if (c.family === 'gpt2') {
    const wpe = toDevice(device, w?.positions, [c.maxPositions, c.hidden], 'bf16', DRAM_INTERLEAVED, 'wpe');
    const pos = withOpLabel(device, 'position embedding', () => embedding(wpe, positions));
    const sum = withOpLabel(device, 'embedding + positions', () => add(x, pos));
    for (const t of [x, pos, wpe]) t.deallocate();
    x = sum;
  }
  table.deallocate();
  return x;
}

// The final norm and the LM head over every row (Hugging Face computes every row's logits too).
function head(device: Device, c: ModelConfig, w: HeadWeights | undefined, x: Tensor): Tensor {
  const gamma = toDevice(device, w?.normGamma, [1, c.hidden], 'bf16', DRAM_INTERLEAVED, 'final norm weight');
  const beta = w?.normBeta || c.family === 'gpt2' ? toDevice(device, w?.normBeta, [1, c.hidden], 'bf16', DRAM_INTERLEAVED, 'final norm bias') : undefined;
  const lm = toDevice(device, w && transpose(w.lmHead, c.vocab, c.hidden), [c.hidden, c.vocab], 'bf16', DRAM_INTERLEAVED, 'lm_head');
  const normed = withOpLabel(device, c.family === 'gpt2' ? 'ln_f' : 'norm', () => (c.family === 'gpt2' ? layerNorm(x, { gamma, beta, eps: c.normEps }) : rmsNorm(x, { gamma, eps: c.normEps })));
  // The LM head's width (the vocabulary) rarely fits a preset's blocks: the matmul picks its own config.
  const logits = withOpLabel(device, 'lm_head', () => matmul(normed, lm, { strategy: 'auto' }));
  for (const t of [normed, gamma, beta, lm]) t?.deallocate();
  return logits;
}

