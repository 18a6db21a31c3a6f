// The op references the layer reference is built from, against values worked out by hand and
// against Hugging Face's published llama3 frequency snapshot.
import { describe, expect, it } from 'vitest';
import { attentionReference } from '../../sim/ops/attention/reference.ts';
import { geluNewReference, siluReference } from '../../sim/ops/eltwise/reference.ts';
import { embeddingReference } from '../../sim/ops/embedding/reference.ts';
import { layerNormReference, rmsNormReference } from '../../sim/ops/layernorm/reference.ts';
import { matmulReference } from '../../sim/ops/matmul/reference.ts';
import { ropeInverseFrequencies, ropeTables, rotaryReference } from '../../sim/ops/rotary/reference.ts';
import { softmaxReference } from '../../sim/ops/softmax/reference.ts';
import { maxAbsDiff, randomArray, thrown } from './models-helpers.ts';

describe('matmul, norms, element functions', () => {
  it('matmul: [[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]]', () => {
    expect([...matmulReference([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], 2, 3, 2)]).toEqual([58, 64, 139, 154]);
  });

  it('layer norm: mean 2.5 and biased variance 1.25 of [1, 2, 3, 4], then gamma and beta', () => {
    const y = layerNormReference([1, 2, 3, 4], 1, 4, [1, 1, 2, 1], [0, 0, 0, 1], 0);
    const s = Math.sqrt(1.25);
    expect(maxAbsDiff(y, [-1.5 / s, -0.5 / s, (2 * 0.5) / s, 1.5 / s + 1])).toBeLessThan(1e-15);
  });

  it('RMS norm: [3, 4] / sqrt(12.5 + eps) · gamma, row by row', () => {
    const y = rmsNormReference([3, 4, 0, 2], 2, 2, [1, 2], 0.5);
    expect(maxAbsDiff(y, [3 / Math.sqrt(13), 8 / Math.sqrt(13), 0, 4 / Math.sqrt(2.5)])).toBeLessThan(1e-15);
  });

  it('gelu_new and silu at known points', () => {
    expect(geluNewReference(0)).toBe(0);
    expect(geluNewReference(1)).toBeCloseTo(0.5 * (1 + Math.tanh(0.7978845608028654 * 1.044715)), 15);
    expect(geluNewReference(-10)).toBeCloseTo(0, 12);
    expect(siluReference(0)).toBe(0);
    expect(siluReference(1)).toBeCloseTo(0.7310585786300049, 15);
  });

  it('embedding picks rows and names an id outside the vocabulary', () => {
    expect([...embeddingReference([0, 1, 10, 11, 20, 21], 3, 2, [2, 0])]).toEqual([20, 21, 0, 1]);
    const e = thrown(() => embeddingReference([0, 1, 10, 11], 2, 2, [1, 2]));
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain('token id 2');
  });
});

describe('softmax', () => {
  it('exp ratios, scale and an additive mask', () => {
    expect(maxAbsDiff(softmaxReference([0, Math.log(2), Math.log(3)], 1, 3), [1 / 6, 2 / 6, 3 / 6])).toBeLessThan(1e-15);
    expect(maxAbsDiff(softmaxReference([0, Math.log(4)], 1, 2, { scale: 0.5 }), [1 / 3, 2 / 3])).toBeLessThan(1e-15);
    expect(maxAbsDiff(softmaxReference([5, 0, 0], 1, 3, { mask: [-Infinity, 0, 0] }), [0, 0.5, 0.5])).toBeLessThan(1e-15);
  });

  it('causal rows are aligned to the end: row i of 2 over 3 columns sees columns ≤ i + 1', () => {
    const y = softmaxReference([0, 0, 7, 0, 0, 0], 2, 3, { causal: true });
    expect(maxAbsDiff(y, [0.5, 0.5, 0, 1 / 3, 1 / 3, 1 / 3])).toBeLessThan(1e-15);
  });
});

describe('attention', () => {
  it('one query, two keys: the softmax of scaled dot products weights the values', () => {
    // q·k = [1, 0] scaled by 2 → weights e²/(e²+1), 1/(e²+1)
    const out = attentionReference([1, 0], [1, 0, 0, 1], [10, 0, 0, 10], { batch: 1, heads: 1, kvHeads: 1, seq: 1, seqKv: 2, headDim: 2, scale: 2, causal: false });
    const w = Math.exp(2) / (Math.exp(2) + 1);
    expect(maxAbsDiff(out, [10 * w, 10 * (1 - w)])).toBeLessThan(1e-12);
  });

  it('GQA equals multi-head attention with each KV head repeated over its group', () => {
    const shape = { batch: 2, heads: 4, seq: 3, seqKv: 5, headDim: 4, scale: 0.5, causal: true };
    const q = randomArray(2 * 4 * 3 * 4, 1), k = randomArray(2 * 2 * 5 * 4, 2), v = randomArray(2 * 2 * 5 * 4, 3);
    const repeat = (t: Float64Array) => {
      const out = new Float64Array(2 * 4 * 5 * 4);
      for (let b = 0; b < 2; b++) for (let h = 0; h < 4; h++) out.set(t.subarray((b * 2 + (h >> 1)) * 20, (b * 2 + (h >> 1) + 1) * 20), (b * 4 + h) * 20);
      return out;
    };
    const gqa = attentionReference(q, k, v, { ...shape, kvHeads: 2 });
    const mha = attentionReference(q, repeat(k), repeat(v), { ...shape, kvHeads: 4 });
    expect(maxAbsDiff(gqa, mha)).toBeLessThan(1e-15);
  });

  it('causal: the first query sees only the first key when seq = seqKv', () => {
    const out = attentionReference([1, 1], [1, 5], [3, 9], { batch: 1, heads: 1, kvHeads: 1, seq: 2, seqKv: 2, headDim: 1, scale: 1, causal: true });
    expect(out[0]).toBe(3);
    const w = Math.exp(5) / (Math.exp(1) + Math.exp(5));
    expect(out[1]).toBeCloseTo(3 * (1 - w) + 9 * w, 12);
  });
});

describe('rotary', () => {
  it('position 0 is the identity, and each pair (x_i, x_{i+d/2}) turns by position × frequency', () => {
    const x = randomArray(8, 4);
    const { cos, sin } = ropeTables(8, [0, 3], 10000);
    expect(maxAbsDiff(rotaryReference(x, 1, 8, cos.subarray(0, 8), sin.subarray(0, 8)), x)).toBe(0);
    const y = rotaryReference(x, 1, 8, cos.subarray(8), sin.subarray(8));
    for (let i = 0; i < 4; i++) {
      const angle = 3 * 10000 ** (-(2 * i) / 8);
      expect(y[i]).toBeCloseTo(x[i] * Math.cos(angle) - x[i + 4] * Math.sin(angle), 14);
      expect(y[i + 4]).toBeCloseTo(x[i + 4] * Math.cos(angle) + x[i] * Math.sin(angle), 14);
    }
  });

  it('rows use the table rows in turn, so a [heads, seq, d] tensor takes the seq tables', () => {
    const x = randomArray(2 * 3 * 4, 5);
    const { cos, sin } = ropeTables(4, [0, 1, 2], 100);
    const all = rotaryReference(x, 6, 4, cos, sin);
    const secondHead = rotaryReference(x.subarray(12), 3, 4, cos, sin);
    expect(maxAbsDiff(all.subarray(12), secondHead)).toBe(0);
  });

  // Hugging Face's snapshot (tests/utils/test_modeling_rope_utils.py, test_llama3_rope_numerically):
  // head_dim 128, theta 10000, factor 10, original context 2048, low 1, high 4.
  it("llama3 scaling matches transformers' published inverse frequencies", () => {
    const expected = [
      1.0e0, 8.6596e-1, 7.4989e-1, 6.4938e-1, 5.6234e-1, 4.8697e-1, 4.217e-1, 3.6517e-1, 3.1623e-1, 2.7384e-1, 2.3714e-1, 2.0535e-1,
      1.7783e-1, 1.5399e-1, 1.3335e-1, 1.1548e-1, 1.0e-1, 8.6596e-2, 7.4989e-2, 6.4938e-2, 5.6234e-2, 4.8697e-2, 4.217e-2, 3.6517e-2,
      3.1623e-2, 2.7384e-2, 2.3714e-2, 2.0535e-2, 1.7783e-2, 1.5399e-2, 1.3335e-2, 1.073e-2, 7.7785e-3, 5.6009e-3, 3.9991e-3, 2.8248e-3,
      1.9675e-3, 1.3449e-3, 8.9549e-4, 5.7363e-4, 3.4539e-4, 2.7384e-4, 2.3714e-4, 2.0535e-4, 1.7783e-4, 1.5399e-4, 1.3335e-4, 1.1548e-4,
      1.0e-4, 8.6596e-5, 7.4989e-5, 6.4938e-5, 5.6234e-5, 4.8697e-5, 4.217e-5, 3.6517e-5, 3.1623e-5, 2.7384e-5, 2.3714e-5, 2.0535e-5,
      1.7783e-5, 1.5399e-5, 1.3335e-5, 1.1548e-5,
    ];
    const inv = ropeInverseFrequencies(128, 10000, { rope_type: 'llama3', factor: 10, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 2048 });
    expect(inv.length).toBe(64);
    // Five significant digits printed: relative error below 1e-4.
    inv.forEach((v, i) => expect(Math.abs(v - expected[i]) / expected[i]).toBeLessThan(1e-4));
  });
});
