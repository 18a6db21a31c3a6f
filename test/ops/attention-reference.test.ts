// The float64 attention reference: the properties that define scaled dot-product attention.
import { describe, expect, it } from 'vitest';
import { attentionReference, type AttentionShape } from '../../sim/ops/attention/reference.ts';
import { mulberry32 } from '../../sim/random.ts';

const random = (n: number, seed: number) => {
  const rand = mulberry32(seed);
  return Float64Array.from({ length: n }, () => rand() * 2 - 1);
};

describe('attentionReference', () => {
  it('averages V when every score is equal, and a causal first query sees only the first key', () => {
    const shape: AttentionShape = { batch: 1, heads: 1, kvHeads: 1, seq: 3, seqKv: 3, headDim: 2, scale: 1, causal: false };
    const q = new Float64Array(6); // all-zero queries: equal scores
    const v = Float64Array.from([1, 2, 3, 4, 5, 6]);
    expect(Array.from(attentionReference(q, random(6, 1), v, shape))).toEqual([3, 4, 3, 4, 3, 4]);
    const causal = attentionReference(q, random(6, 1), v, { ...shape, causal: true });
    expect(Array.from(causal)).toEqual([1, 2, 2, 3, 3, 4]); // row i averages v[0..i]
  });

  it('weights keys by softmax(scale · q·k)', () => {
    const shape: AttentionShape = { batch: 1, heads: 1, kvHeads: 1, seq: 1, seqKv: 2, headDim: 1, scale: 0.5, causal: false };
    const out = attentionReference([2], [1, -1], [10, 20], shape);
    const [a, b] = [Math.exp(0.5 * 2), Math.exp(-0.5 * 2)];
    expect(out[0]).toBeCloseTo((10 * a + 20 * b) / (a + b), 12);
  });

  it('gives grouped-query attention the result of repeating each K/V head over its group', () => {
    const [batch, heads, kvHeads, seq, d] = [2, 4, 2, 5, 3];
    const q = random(batch * heads * seq * d, 2);
    const k = random(batch * kvHeads * seq * d, 3);
    const v = random(batch * kvHeads * seq * d, 4);
    const repeat = (t: Float64Array) => {
      const out = new Float64Array(batch * heads * seq * d);
      for (let b = 0; b < batch; b++) for (let h = 0; h < heads; h++) out.set(t.subarray((b * kvHeads + (h >> 1)) * seq * d, (b * kvHeads + (h >> 1) + 1) * seq * d), (b * heads + h) * seq * d);
      return out;
    };
    const shape = { batch, heads, kvHeads, seq, seqKv: seq, headDim: d, scale: 0.7, causal: true };
    const gqa = attentionReference(q, k, v, shape);
    const mha = attentionReference(q, repeat(k), repeat(v), { ...shape, kvHeads: heads });
    expect(Array.from(gqa)).toEqual(Array.from(mha));
  });

  it('equals an additive −inf mask above the shifted diagonal when causal, and a decode query sees every key', () => {
    const [seq, seqKv, d] = [3, 7, 4];
    const q = random(seq * d, 5);
    const k = random(seqKv * d, 6);
    const v = random(seqKv * d, 7);
    const mask = Float64Array.from({ length: seq * seqKv }, (_, x) => (x % seqKv > Math.floor(x / seqKv) + seqKv - seq ? -Infinity : 0));
    const shape = { batch: 1, heads: 1, kvHeads: 1, seq, seqKv, headDim: d, scale: 0.5, causal: false };
    const causal = attentionReference(q, k, v, { ...shape, causal: true });
    const masked = attentionReference(q, k, v, { ...shape, mask });
    causal.forEach((x, i) => expect(x).toBeCloseTo(masked[i], 12));
    const decode = { ...shape, seq: 1 };
    expect(Array.from(attentionReference(q.subarray(0, d), k, v, { ...decode, causal: true }))).toEqual(Array.from(attentionReference(q.subarray(0, d), k, v, decode)));
  });

  it('refuses kv heads that do not divide the heads, and wrong sizes', () => {
    const shape = { batch: 1, heads: 3, kvHeads: 2, seq: 1, seqKv: 1, headDim: 1, scale: 1, causal: false };
    expect(() => attentionReference([1, 2, 3], [1, 2], [1, 2], shape)).toThrow(/2 kv heads do not divide 3 heads/);
    expect(() => attentionReference([1], [1], [1], { ...shape, heads: 1, kvHeads: 1, seq: 2 })).toThrow(/q has 1 values, expected 2/);
  });
});
