// The float64 op references: known values and the identities that define each op.
import { describe, expect, it } from 'vitest';
import { embeddingReference } from '../../sim/ops/embedding/reference.ts';
import { geluNewReference, siluReference } from '../../sim/ops/eltwise/reference.ts';
import { updateCacheReference } from '../../sim/ops/kv-cache/reference.ts';
import { layerNormReference, rmsNormReference } from '../../sim/ops/layernorm/reference.ts';
import { softmaxReference } from '../../sim/ops/softmax/reference.ts';

describe('op references', () => {
  it('layernorm: each row has mean 0 and variance 1 before gamma and beta, which then apply per column', () => {
    const x = [1, 2, 3, 4, -2, 0, 2, 8];
    const plain = layerNormReference(x, 2, 4, undefined, undefined, 0);
    for (let r = 0; r < 2; r++) {
      const row = plain.slice(r * 4, r * 4 + 4);
      const mean = row.reduce((a, b) => a + b) / 4;
      expect(mean).toBeCloseTo(0, 12);
      expect(row.reduce((a, b) => a + (b - mean) ** 2, 0) / 4).toBeCloseTo(1, 12);
    }
    const affine = layerNormReference(x, 2, 4, [2, 2, 2, 2], [1, 0, 0, 0], 0);
    expect(affine[0]).toBeCloseTo(2 * plain[0] + 1, 12);
    expect(affine[5]).toBeCloseTo(2 * plain[5], 12);
    // eps enters under the root: a constant row is 0, not NaN
    expect([...layerNormReference([3, 3], 1, 2, undefined, undefined, 1e-5)]).toEqual([0, 0]);
  });

  it('rmsnorm: x / rms(x) · gamma', () => {
    const out = rmsNormReference([3, 4], 1, 2, [1, 10], 0);
    const rms = Math.sqrt((9 + 16) / 2);
    expect(out[0]).toBeCloseTo(3 / rms, 12);
    expect(out[1]).toBeCloseTo((10 * 4) / rms, 12);
  });

  it('softmax: rows sum to 1, scale and mask apply before it, causal zeroes the future', () => {
    const x = [0, 1, 2, 3, 1, 1, 1, 1];
    const out = softmaxReference(x, 2, 4);
    expect(out[0] + out[1] + out[2] + out[3]).toBeCloseTo(1, 12);
    expect(out[3] / out[2]).toBeCloseTo(Math.E, 12);
    expect(softmaxReference([0, 1], 1, 2, { scale: 2 })[1] / softmaxReference([0, 1], 1, 2, { scale: 2 })[0]).toBeCloseTo(Math.E ** 2, 12);
    const masked = softmaxReference(x, 2, 4, { mask: [0, 0, -Infinity, -Infinity] });
    expect([masked[2], masked[3], masked[6], masked[7]]).toEqual([0, 0, 0, 0]);
    expect(masked[4]).toBeCloseTo(0.5, 12);
    const causal = softmaxReference([...x, ...x], 4, 4, { causal: true, rowsPerMatrix: 2 });
    expect([causal[0], causal[1], causal[8], causal[9]]).toEqual([1, 0, 1, 0]); // row 0 of each matrix sees column 0 only
    expect(causal[4] + causal[5]).toBeCloseTo(1, 12);
    expect(causal[6]).toBe(0);
  });

  it('gelu_new and silu at known points', () => {
    expect(geluNewReference(1)).toBeCloseTo(0.8411919906082768, 14);
    expect(geluNewReference(-3)).toBeCloseTo(-0.0036373920817729943, 14);
    expect(geluNewReference(0)).toBe(0);
    expect(siluReference(1)).toBeCloseTo(0.7310585786300049, 14);
    expect(siluReference(-2)).toBeCloseTo(-0.23840584404423515, 14);
  });

  it('embedding: rows of the table by id, refusing ids outside the vocabulary', () => {
    const table = [0, 1, 10, 11, 20, 21];
    expect([...embeddingReference(table, 3, 2, [2, 0, 2])]).toEqual([20, 21, 0, 1, 20, 21]);
    expect(() => embeddingReference(table, 3, 2, [3])).toThrow('token id 3 at 0 is outside the vocabulary of 3');
  });

  it('update cache: replaces one row per sequence and head, leaving the rest', () => {
    const shape = { batch: 2, kvHeads: 1, maxSeq: 3, headDim: 2 };
    const out = updateCacheReference(new Array(12).fill(0), shape, [1, 2, 3, 4], [0, 2]);
    expect([...out]).toEqual([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 4]);
    expect(() => updateCacheReference(new Array(12).fill(0), shape, [1, 2, 3, 4], [0, 3])).toThrow('position 3 of sequence 1 is outside the cache of 3');
  });
});
