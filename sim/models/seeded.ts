// Seeded random weights, for runs without a checkpoint: a TensorReader over every tensor the config
// implies, under the same names and shapes a checkpoint would hold. Matrices and embeddings are
// normal with σ 0.02 (transformers' initializer_range), norm weights 1, biases 0. Each row of each
// tensor has its own stream, seeded from (seed, name, row): a tensor's values do not depend on
// which other tensors or layers were read, or in what order.
import { fillDraws } from '../random-fill.ts';
import type { TensorInfo, TensorReader } from './checkpoint.ts';
import type { ModelConfig } from './config.ts';
import { embeddingTensorSpecs, headTensorSpecs, layerTensorSpecs, type TensorSpec } from './tensor-names.ts';

export const SEEDED_STD = 0.02;

export class SeededTensors implements TensorReader {
  readonly source: string;
  private readonly specs = new Map<string, TensorSpec>();

  constructor(config: ModelConfig, readonly seed: number) {
    this.source = `seeded weights (seed ${seed})`;
    const all = [...embeddingTensorSpecs(config), ...headTensorSpecs(config)];
    for (let l = 0; l < config.layers; l++) all.push(...layerTensorSpecs(config, l));
    for (const s of all) this.specs.set(s.name, s);
  }

  info(name: string): TensorInfo | undefined {
    const s = this.specs.get(name);
    return s && { dtype: 'F32', shape: s.shape, file: this.source };
  }

  read(name: string): Float32Array {
    const s = this.specs.get(name);
    if (!s) throw new Error(`${this.source}: no tensor ${name}`);
    const count = s.shape.reduce((a, b) => a * b, 1);
    const out = new Float32Array(count);
    if (s.init === 'ones') out.fill(1);
    if (s.init !== 'normal') return out;
    const rowLength = s.shape.length > 1 ? count / s.shape[0] : count;
    const nameHash = fnv1a(name);
    for (let r = 0; r * rowLength < count; r++) {
      fillNormal(out.subarray(r * rowLength, (r + 1) * rowLength), mix32(nameHash ^ mix32(this.seed) ^ mix32(r + 0x9e3779b9)), SEEDED_STD);
    }
    return out;
  }
}

// Box–Muller pairs from the uniform stream mulberry32(seed), two draws a pair. The draws are made
// in bulk first (sim/random-fill.ts), DRAWS at a time: a call per draw took about a fifth of the
// time; the rest is the logarithm, cosine and sine.
const DRAWS = 1 << 14; // even: a pair never straddles two batches
const draws = new Float64Array(DRAWS);

export function fillNormal(out: Float32Array, seed: number, std: number): void {
  for (let first = 0; first < out.length; first += DRAWS) {
    const n = Math.min(DRAWS, out.length - first);
    const u = draws.subarray(0, n + (n & 1));
    fillDraws(u, seed, first);
    for (let i = 0; i < n; i += 2) {
      const radius = std * Math.sqrt(-2 * Math.log(1 - u[i])); // 1 − u ∈ (0, 1]: no log(0)
      const angle = 2 * Math.PI * u[i + 1];
      out[first + i] = radius * Math.cos(angle);
      if (i + 1 < n) out[first + i + 1] = radius * Math.sin(angle);
    }
  }
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

// murmur3's 32-bit finaliser: spreads every input bit over the output.
function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
