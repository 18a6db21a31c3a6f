// Small configs and weights for the model tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../../sim/random.ts';
import { parseModelConfig, type ModelConfig } from '../../sim/models/config.ts';
import type { TensorReader } from '../../sim/models/checkpoint.ts';
import type { TensorToWrite } from '../../sim/models/safetensors-writer.ts';
import type { ValueDtype } from '../../sim/models/safetensors.ts';
import { SeededTensors } from '../../sim/models/seeded.ts';
import { embeddingTensorSpecs, headTensorSpecs, layerTensorSpecs } from '../../sim/models/tensor-names.ts';
import { loadLayerWeights, type LayerWeights } from '../../sim/models/weights.ts';

// Temporary folders, removed when the test process ends.
const made: string[] = [];
process.on('exit', () => made.forEach((d) => rmSync(d, { recursive: true, force: true })));
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-models-'));
  made.push(dir);
  return dir;
}

export function gpt2Config(extra: Record<string, unknown> = {}): ModelConfig {
  return parseModelConfig({ model_type: 'gpt2', n_embd: 16, n_head: 2, n_layer: 2, n_positions: 32, vocab_size: 40, ...extra }, 'gpt2-test');
}

export function llamaConfig(extra: Record<string, unknown> = {}): ModelConfig {
  return parseModelConfig({
    model_type: 'llama', hidden_size: 16, num_attention_heads: 4, num_key_value_heads: 2, intermediate_size: 24,
    num_hidden_layers: 2, vocab_size: 40, max_position_embeddings: 64, rms_norm_eps: 1e-5, rope_theta: 10000,
    rope_scaling: { rope_type: 'llama3', factor: 8, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8 },
    ...extra,
  }, 'llama-test');
}

// Seeded weights whose norms and biases are perturbed too, so every term of a block matters.
export function randomLayer(config: ModelConfig, layer: number, seed = 7): LayerWeights {
  const w = loadLayerWeights(config, new SeededTensors(config, seed), layer) as unknown as Record<string, unknown>;
  const r = mulberry32(seed + 1000 * layer);
  for (const [key, v] of Object.entries(w)) {
    if (!(v instanceof Float32Array)) continue;
    if (/Gamma|Norm$/.test(key)) v.forEach((_, i) => (v[i] = 0.8 + 0.4 * r()));
    if (/B(eta)?$/.test(key)) v.forEach((_, i) => (v[i] = 0.1 * (r() - 0.5)));
  }
  return w as unknown as LayerWeights;
}

export function randomArray(n: number, seed: number, scale = 1): Float64Array {
  const r = mulberry32(seed);
  return Float64Array.from({ length: n }, () => scale * (2 * r() - 1));
}

// Every tensor a config implies, read from `reader`, ready for the safetensors writer.
export function allTensors(config: ModelConfig, reader: TensorReader, dtype: ValueDtype): Record<string, TensorToWrite> {
  const specs = [...embeddingTensorSpecs(config), ...headTensorSpecs(config)];
  for (let l = 0; l < config.layers; l++) specs.push(...layerTensorSpecs(config, l));
  return Object.fromEntries(specs.map((s) => [s.name, { dtype, shape: s.shape, data: reader.read(s.name) }]));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

// The error a call throws (fails the test if it throws none).
export function thrown(f: () => unknown): Error & { exitCode?: number } {
  try {
    f();
  } catch (e) {
    return e as Error & { exitCode?: number };
  }
  throw new Error('expected an error');
}
