// The float64 layer references: tiny cases worked out by hand, and invariants that hold for any
// weights (causality, prefill = decode, GQA = repeated heads, rotary at 0 = identity).
import { describe, expect, it } from 'vitest';
import { geluNewReference } from '../../sim/ops/eltwise/reference.ts';
import { rmsNormReference } from '../../sim/ops/layernorm/reference.ts';
import { matmulReference } from '../../sim/ops/matmul/reference.ts';
import { ropeTables, rotaryReference } from '../../sim/ops/rotary/reference.ts';
import type { LlamaConfig, ModelConfig } from '../../sim/models/config.ts';
import type { TensorReader } from '../../sim/models/checkpoint.ts';
import { loadModelConfig } from '../../sim/models/model-option.ts';
import type { KvCache } from '../../sim/models/reference/kv-cache.ts';
import { decodeReference, layerReference, prefillReference } from '../../sim/models/reference/layer.ts';
import { embedReference, headReference } from '../../sim/models/reference/model-ends.ts';
import { SeededTensors } from '../../sim/models/seeded.ts';
import { loadEmbeddingWeights, loadHeadWeights, loadLayerWeights, type Gpt2LayerWeights, type LayerWeights, type LlamaLayerWeights } from '../../sim/models/weights.ts';
import { gpt2Config, llamaConfig, maxAbsDiff, randomArray, randomLayer, thrown } from './models-helpers.ts';

const f32 = (...v: number[]) => new Float32Array(v);
const identity2 = f32(1, 0, 0, 1);
const gelu1 = geluNewReference(1); // and gelu_new(−1) = gelu_new(1) − 1
const row = (a: Float64Array, r: number, width: number) => [...a.subarray(r * width, (r + 1) * width)];

describe('hand-computed blocks', () => {
  it('GPT-2: hidden 2, one head, identity projections, a bias on v', () => {
    const config = gpt2Config({ n_embd: 2, n_head: 1, n_inner: 2, layer_norm_epsilon: 1e-14 });
    const w: Gpt2LayerWeights = {
      family: 'gpt2', layer: 0, ln1Gamma: f32(1, 1), ln1Beta: f32(0, 0), ln2Gamma: f32(1, 1), ln2Beta: f32(0, 0),
      qkvW: f32(1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1), qkvB: f32(0, 0, 0, 0, 0.5, 0),
      outW: identity2, outB: f32(0, 0), fcW: identity2, fcB: f32(0, 0), projW: identity2, projB: f32(0, 0),
    };
    // ln_1: [1,3] → [−1,1], [3,1] → [1,−1]; q = k = that, v = that + [0.5, 0].
    // Token 1 weighs key 0 by 1/(1+e^{4/√2}) (scores −2, 2, scaled by 1/√2): d = w₁ − w₀.
    const w1 = 1 / (1 + Math.exp(-4 / Math.SQRT2));
    const d = w1 - (1 - w1);
    // After attention the residual is [0.5, 4] and [3.5 + d, 1 − d]: ln_2 gives [−1, 1] and [1, −1].
    const { output, cache } = prefillReference(config, w, [1, 3, 3, 1], 1, 2);
    expect(maxAbsDiff(output, [0.5 + gelu1 - 1, 4 + gelu1, 3.5 + d + gelu1, 1 - d + gelu1 - 1])).toBeLessThan(1e-9);
    expect(maxAbsDiff(cache.k, [-1, 1, 1, -1])).toBeLessThan(1e-9);
    expect(maxAbsDiff(cache.v, [-0.5, 1, 1.5, -1])).toBeLessThan(1e-9);
  });

  it('Llama: hidden 2, one head, rotary turning position 1 by one radian, SwiGLU', () => {
    const config = llamaConfig({ hidden_size: 2, num_attention_heads: 1, num_key_value_heads: 1, intermediate_size: 2, rms_norm_eps: 1e-14, rope_scaling: null }) as LlamaConfig;
    const w: LlamaLayerWeights = {
      family: 'llama', layer: 0, inputNorm: f32(1, 1), postNorm: f32(1, 1),
      qW: identity2, kW: identity2, vW: identity2, oW: identity2, gateW: identity2, upW: identity2, downW: identity2,
    };
    const x = [3, 4, 4, -3];
    const n = [[3 / Math.sqrt(12.5), 4 / Math.sqrt(12.5)], [4 / Math.sqrt(12.5), -3 / Math.sqrt(12.5)]];
    const turn = ([a, b]: number[], t: number) => [a * Math.cos(t) - b * Math.sin(t), b * Math.cos(t) + a * Math.sin(t)];
    const k1 = turn(n[1], 1); // head_dim 2: one frequency, θ⁰ = 1
    const s0 = (k1[0] * n[0][0] + k1[1] * n[0][1]) / Math.SQRT2, s1 = 2 / Math.SQRT2; // |n|² = 2
    const p1 = Math.exp(s1) / (Math.exp(s0) + Math.exp(s1));
    const attn = [n[0], [(1 - p1) * n[0][0] + p1 * n[1][0], (1 - p1) * n[0][1] + p1 * n[1][1]]];
    const silu = (v: number) => v / (1 + Math.exp(-v));
    const expected = attn.flatMap((a, r) => {
      const h = [x[2 * r] + a[0], x[2 * r + 1] + a[1]];
      const rms = Math.sqrt((h[0] ** 2 + h[1] ** 2) / 2);
      return h.map((v) => v + silu(v / rms) * (v / rms));
    });
    const { output, cache } = prefillReference(config, w, x, 1, 2);
    expect(maxAbsDiff(output, expected)).toBeLessThan(1e-12);
    expect(maxAbsDiff(cache.k, [...n[0], ...k1])).toBeLessThan(1e-12); // K after rotary
    expect(maxAbsDiff(cache.v, n.flat())).toBeLessThan(1e-12);
  });
});

const families: [string, ModelConfig][] = [
  ['GPT-2', gpt2Config()],
  ['Llama (GQA, llama3 rotary, q/k/v/o biases)', llamaConfig({ attention_bias: true, mlp_bias: true })],
  ['qwen2', llamaConfig({ model_type: 'qwen2' })],
];

describe.each(families)('%s invariants', (_, config) => {
  const w = randomLayer(config, 1);
  const h = config.hidden;
  const x = randomArray(2 * 6 * h, 21);

  it('is causal: changing token 3 changes no earlier output and no other sequence', () => {
    const base = prefillReference(config, w, x, 2, 6).output;
    const changed = Float64Array.from(x);
    for (let c = 0; c < h; c++) changed[(6 + 3) * h + c] += c % 2 ? 0.5 : -0.3; // not a constant shift, which LayerNorm removes
    const out = prefillReference(config, w, changed, 2, 6).output;
    expect(maxAbsDiff(out.subarray(0, 9 * h), base.subarray(0, 9 * h))).toBe(0);
    for (let s = 3; s < 6; s++) expect(maxAbsDiff(row(out, 6 + s, h), row(base, 6 + s, h))).toBeGreaterThan(1e-6);
  });

  it("prefill's last row equals decode of that token against the prefix's cache", () => {
    const full = prefillReference(config, w, x, 2, 6);
    const prefix = Float64Array.from({ length: 2 * 5 * h }, (_, i) => x[Math.floor(i / (5 * h)) * 6 * h + (i % (5 * h))]);
    const last = Float64Array.from({ length: 2 * h }, (_, i) => x[(Math.floor(i / h) * 6 + 5) * h + (i % h)]);
    const decoded = decodeReference(config, w, last, prefillReference(config, w, prefix, 2, 5).cache);
    expect(maxAbsDiff(decoded.output, [...row(full.output, 5, h), ...row(full.output, 11, h)])).toBeLessThan(1e-12);
    expect(decoded.cache.positions).toBe(6);
    expect(maxAbsDiff(decoded.cache.k, full.cache.k)).toBeLessThan(1e-12);
    expect(maxAbsDiff(decoded.cache.v, full.cache.v)).toBeLessThan(1e-12);
  });

  it('gives each sequence of a batch the result it gets alone', () => {
    const both = prefillReference(config, w, x, 2, 6);
    const second = prefillReference(config, w, x.subarray(6 * h), 1, 6);
    expect(maxAbsDiff(both.output.subarray(6 * h), second.output)).toBe(0);
    expect(maxAbsDiff(both.cache.k.subarray(both.cache.k.length / 2), second.cache.k)).toBe(0);
  });
});

describe('Llama specifics', () => {
  const config = llamaConfig() as LlamaConfig;
  const w = randomLayer(config, 0) as LlamaLayerWeights;
  const x = randomArray(3 * 16, 31);

  it('GQA with 1 KV head equals multi-head attention whose KV heads repeat it', () => {
    const gqa = llamaConfig({ num_key_value_heads: 1 });
    const mha = llamaConfig({ num_key_value_heads: 4 });
    const one = randomLayer(gqa, 0) as LlamaLayerWeights;
    const repeat = (m: Float32Array) => {
      const out = new Float32Array(16 * 16); // [hidden, 4 heads · 4]: the one head's 4 columns, 4 times
      for (let r = 0; r < 16; r++) for (let c = 0; c < 16; c++) out[r * 16 + c] = m[r * 4 + (c % 4)];
      return out;
    };
    const many: LlamaLayerWeights = { ...one, kW: repeat(one.kW), vW: repeat(one.vW) };
    const a = prefillReference(gqa, one, x, 1, 3), b = prefillReference(mha, many, x, 1, 3);
    expect(maxAbsDiff(a.output, b.output)).toBeLessThan(1e-14);
  });

  it('caches K after rotary: position 0 as projected, position p turned by p', () => {
    const { cache } = prefillReference(config, w, x, 1, 3);
    const k = matmulReference(rmsNormReference(x, 3, 16, w.inputNorm, config.normEps), w.kW, 3, 16, 8);
    const head1 = (t: ArrayLike<number>, s: number) => Array.from({ length: 4 }, (_, d) => t[s * 8 + 4 + d]); // [seq, kv·d] → head 1
    expect(maxAbsDiff(cache.k.subarray(12, 16), head1(k, 0))).toBeLessThan(1e-15); // [1, kv, 3, 4]: head 1, position 0
    const { cos, sin } = ropeTables(4, [2], config.ropeTheta, config.ropeScaling);
    expect(maxAbsDiff(cache.k.subarray(20, 24), rotaryReference(head1(k, 2), 1, 4, cos, sin))).toBeLessThan(1e-15);
    expect(maxAbsDiff(cache.k.subarray(20, 24), head1(k, 2))).toBeGreaterThan(1e-6);
  });

  it('continues a prefill in chunks: 2 positions, then 1 after their cache', () => {
    const full = prefillReference(config, w, x, 1, 3);
    const first = prefillReference(config, w, x.subarray(0, 32), 1, 2);
    const rest = layerReference(config, w, x.subarray(32), 1, 1, first.cache);
    expect(maxAbsDiff(rest.output, full.output.subarray(32))).toBeLessThan(1e-12);
  });

  it('refuses a run longer than a sliding window it does not model', () => {
    const mistral = llamaConfig({ model_type: 'mistral', sliding_window: 4 });
    const m = randomLayer(mistral, 0);
    expect(prefillReference(mistral, m, randomArray(4 * 16, 1), 1, 4).output.length).toBe(64);
    const e = thrown(() => prefillReference(mistral, m, randomArray(5 * 16, 1), 1, 5));
    expect(e.message).toBe('llama-test: sliding_window 4 is not modelled: a run may span at most 4 positions, this one spans 5');
    expect(e.exitCode).toBe(3);
  });
});

// Embedding → every layer → final norm and LM head, from a cache or not.
function runModel(config: ModelConfig, layers: LayerWeights[], reader: TensorReader, ids: number[], caches: (KvCache | undefined)[]) {
  const start = caches[0]?.positions ?? 0;
  let x = embedReference(config, loadEmbeddingWeights(config, reader), ids, 1, ids.length, start);
  const next = layers.map((w, l) => {
    const r = layerReference(config, w, x, 1, ids.length, caches[l]);
    x = r.output;
    return r.cache;
  });
  return { logits: headReference(config, loadHeadWeights(config, reader), x, ids.length), caches: next };
}

describe.each([
  ['tiny', loadModelConfig('tiny')],
  ['GPT-2-shaped', gpt2Config()],
])('whole %s model', (_, config) => {
  const reader = new SeededTensors(config, 42);
  const layers = Array.from({ length: config.layers }, (_, l) => loadLayerWeights(config, reader, l));
  const ids = [3, 17, 9, 30, 1];

  it('gives the last token the same logits by prefill and by decode after the prefix', () => {
    const full = runModel(config, layers, reader, ids, []);
    const prefix = runModel(config, layers, reader, ids.slice(0, 4), []);
    const decoded = runModel(config, layers, reader, ids.slice(4), prefix.caches);
    expect(decoded.logits.length).toBe(config.vocab);
    expect(maxAbsDiff(decoded.logits, full.logits.subarray(4 * config.vocab))).toBeLessThan(1e-12);
    expect(maxAbsDiff(full.logits.subarray(0, config.vocab), full.logits.subarray(config.vocab, 2 * config.vocab))).toBeGreaterThan(1e-6);
  });
});

describe('model ends', () => {
  it("adds GPT-2's learned position to each token, from the run's start position", () => {
    const config = gpt2Config();
    const tokens = Float32Array.from({ length: 40 * 16 }, (_, i) => i);
    const positions = Float32Array.from({ length: 32 * 16 }, (_, i) => 1000 * i);
    const x = embedReference(config, { tokens, positions }, [2, 5], 1, 2, 7);
    expect(x[0]).toBe(2 * 16 + 1000 * 7 * 16);
    expect(x[16 + 3]).toBe(5 * 16 + 3 + 1000 * (8 * 16 + 3));
    expect(thrown(() => embedReference(config, { tokens, positions }, [2, 5], 1, 2, 31)).message).toBe('gpt2-test: position 32 is past n_positions 32');
    const bad = thrown(() => embedReference(config, { tokens, positions }, [2, 40], 1, 2));
    expect(bad.message).toBe('token id 40 (at 1) is outside the vocabulary of gpt2-test (0 to 39)');
    expect(bad.exitCode).toBe(3);
  });

  it('normalises, then multiplies by lm_headᵀ', () => {
    const config = llamaConfig({ hidden_size: 4, num_attention_heads: 1, num_key_value_heads: 1, vocab_size: 2, rms_norm_eps: 1e-14 });
    const logits = headReference(config, { normGamma: f32(1, 1, 1, 1), lmHead: f32(1, 0, 0, 0, 0, 1, 1, 0) }, [2, 2, -2, 2], 1);
    expect(maxAbsDiff(logits, [1, 0])).toBeLessThan(1e-12); // rms 2: x/2 = [1, 1, −1, 1]
  });
});
