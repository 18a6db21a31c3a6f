// Head split and merge, prefill (whole tiles) and decode (rows between tiles), against the float64
// head reshapes of the block references. They only move bf16 values, so results are exact.
import { describe, expect, it } from 'vitest';
import { Device, type Mode } from '../../sim/host/device.ts';
import { mergeHeads, splitHeads } from '../../sim/models/reference/linear.ts';
import { concatHeads, concatHeadsDecode, splitQkvHeads, splitQkvHeadsDecode } from '../../sim/ops/heads/index.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice } from '../../sim/tensor/index.ts';
import type { Tensor } from '../../sim/tensor/tensor.ts';

const device = (mode: Mode = 'functional', rows = 2, cols = 2) => new Device({ arch: 'wormhole_n150', grid: { rows, cols }, mode });

// A seeded bf16 tensor and the values it holds (rounded to bf16 by the write).
function input(d: Device, shape: number[], seed = 1): { t: Tensor; values: Float64Array } {
  const rand = mulberry32(seed);
  const values = Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rand() * 2 - 1);
  const t = toDevice(d, values, shape, 'bf16', DRAM_INTERLEAVED, 'input');
  return { t, values: d.mode === 'functional' ? Float64Array.from(fromDevice(t)) : new Float64Array(0) };
}

const values = (t: Tensor) => Float64Array.from(fromDevice(t));

// Exact equality, element by element (toEqual on large typed arrays is slow).
function expectSame(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  expect(got.findIndex((v, i) => v !== want[i])).toBe(-1);
}
const lastCycles = (d: Device) => opsRun(d).map((o) => o.summary.cycles);

describe('splitQkvHeads / concatHeads (prefill, whole tiles)', () => {
  const cases = [
    { name: 'GQA, rows not a multiple of 32', B: 2, S: 40, H: 4, KV: 2, D: 32 },
    { name: 'MHA, D = 64', B: 1, S: 64, H: 3, KV: 3, D: 64 },
    { name: 'GPT-2 small, S = 128', B: 1, S: 128, H: 12, KV: 12, D: 64 },
  ];
  for (const c of cases) {
    it(`splits q, k, v and merges them back: ${c.name}`, () => {
      const d = device();
      const W = (c.H + 2 * c.KV) * c.D;
      const { t, values: x } = input(d, [c.B, c.S, W]);
      const { q, k, v } = splitQkvHeads(t, { heads: c.H, kvHeads: c.KV, headDim: c.D });
      expect([q.shape, k.shape, v.shape]).toEqual([[c.B, c.H, c.S, c.D], [c.B, c.KV, c.S, c.D], [c.B, c.KV, c.S, c.D]]);
      expectSame(values(q), splitHeads(x, c.B, c.S, W, 0, c.H, c.D));
      expectSame(values(k), splitHeads(x, c.B, c.S, W, c.H * c.D, c.KV, c.D));
      expectSame(values(v), splitHeads(x, c.B, c.S, W, (c.H + c.KV) * c.D, c.KV, c.D));
      const merged = concatHeads(q);
      expect(merged.shape).toEqual([c.B, c.S, c.H * c.D]);
      expectSame(values(merged), mergeHeads(values(q), c.B, c.S, c.H, c.D));
      expect(opsRun(d).map((o) => [o.name, o.strategy])).toEqual([['split_qkv_heads', 'tiles'], ['concat_heads', 'tiles']]);
    });
  }
});

describe('splitQkvHeadsDecode / concatHeadsDecode (rows between tiles)', () => {
  const cases = [
    { name: 'GQA, 3 users', B: 3, H: 4, KV: 2, D: 32 },
    { name: '40 heads (two head tiles), 33 users (two user tiles)', B: 33, H: 40, KV: 8, D: 32 },
    { name: 'GPT-2 small, 8 users', B: 8, H: 12, KV: 12, D: 64 },
  ];
  for (const c of cases) {
    it(`splits one row per user into head matrices and merges them back: ${c.name}`, () => {
      const d = device();
      const W = (c.H + 2 * c.KV) * c.D;
      const { t, values: x } = input(d, [1, c.B, W], 2);
      const { q, k, v } = splitQkvHeadsDecode(t, { heads: c.H, kvHeads: c.KV, headDim: c.D });
      expect([q.shape, k.shape, v.shape]).toEqual([[1, c.B, c.H, c.D], [1, c.B, c.KV, c.D], [1, c.B, c.KV, c.D]]);
      // [1, B, H, D] holds user b's heads as rows: the prefill split of B sequences of one row.
      expectSame(values(q), splitHeads(x, c.B, 1, W, 0, c.H, c.D));
      expectSame(values(k), splitHeads(x, c.B, 1, W, c.H * c.D, c.KV, c.D));
      expectSame(values(v), splitHeads(x, c.B, 1, W, (c.H + c.KV) * c.D, c.KV, c.D));
      const merged = concatHeadsDecode(q);
      expect(merged.shape).toEqual([1, c.B, c.H * c.D]);
      expectSame(values(merged), mergeHeads(values(q), c.B, 1, c.H, c.D));
    });
  }

  it('zeroes the padding rows of partly filled tiles (heads past H, users past B)', () => {
    const d = device();
    const { t } = input(d, [1, 3, 8 * 32], 3);
    const { q } = splitQkvHeadsDecode(t, { heads: 4, kvHeads: 2, headDim: 32 });
    const tiles = d.readBuffer(q.dram);
    expect(tiles.length).toBe(3 * 2048);
    // Rows 4..31 of each user's tile: bytes past row 3 in faces 0 and 1, and all of faces 2 and 3.
    for (let b = 0; b < 3; b++) {
      const tile = tiles.subarray(b * 2048, (b + 1) * 2048);
      for (const face of [0, 1]) expect(tile.subarray(face * 512 + 4 * 32, (face + 1) * 512).every((x) => x === 0)).toBe(true);
      expect(tile.subarray(1024).every((x) => x === 0)).toBe(true);
    }
  });
});

describe('cycles', () => {
  it('are the same in timing and functional mode, and repeat exactly', () => {
    const run = (mode: Mode) => {
      const d = device(mode);
      const { t } = input(d, [1, 64, 8 * 32], 4);
      const { q } = splitQkvHeads(t, { heads: 4, kvHeads: 2, headDim: 32 });
      concatHeads(q);
      const { t: t1 } = input(d, [1, 5, 8 * 32], 5);
      const { q: q1 } = splitQkvHeadsDecode(t1, { heads: 4, kvHeads: 2, headDim: 32 });
      concatHeadsDecode(q1);
      return lastCycles(d);
    };
    const functional = run('functional');
    expect(functional.every((c) => c > 0)).toBe(true);
    expect(run('timing')).toEqual(functional);
    expect(run('functional')).toEqual(functional);
  });
});

describe('bad input', () => {
  const d = device('timing');
  const qkv = toDevice(d, undefined, [1, 32, 8 * 32], 'bf16', DRAM_INTERLEAVED, 'qkv');
  it('names heads that do not divide into kv groups', () => {
    expect(() => splitQkvHeads(qkv, { heads: 3, kvHeads: 2, headDim: 32 })).toThrow('splitQkvHeads: heads 3 is not a multiple of kvHeads 2, expected whole query groups');
  });
  it('names a head dim that is not whole tile columns', () => {
    expect(() => splitQkvHeads(toDevice(d, undefined, [1, 32, 6 * 48], 'bf16', DRAM_INTERLEAVED), { heads: 4, kvHeads: 1, headDim: 48 })).toThrow(
      'splitQkvHeads: head dim 48, expected a positive multiple of 32 (whole tile columns)',
    );
    expect(() => concatHeadsDecode(toDevice(d, undefined, [1, 2, 4, 16], 'bf16', DRAM_INTERLEAVED))).toThrow('concatHeadsDecode: head dim 16, expected a positive multiple of 32');
  });
  it('names a qkv width that does not match the heads', () => {
    expect(() => splitQkvHeadsDecode(qkv, { heads: 4, kvHeads: 4, headDim: 32 })).toThrow('splitQkvHeadsDecode: qkv has 256 columns, expected (heads 4 + 2·kvHeads 4)·headDim 32 = 384');
  });
  it('names a tensor that is not bf16', () => {
    const f = toDevice(d, undefined, [1, 2, 4, 32], 'fp32', DRAM_INTERLEAVED);
    expect(() => concatHeads(f)).toThrow('concatHeads: x is fp32, expected bf16');
  });
});
