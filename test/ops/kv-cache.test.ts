// KV-cache writes against updateCacheReference: decode's one row per user and kv head at distinct
// positions, and prefill's fill at aligned and unaligned starts (the rest of the cache untouched).
// Only bf16 values move, so results are exact.
import { describe, expect, it } from 'vitest';
import { Device, type Mode } from '../../sim/host/device.ts';
import { fillCache, updateCache } from '../../sim/ops/kv-cache/index.ts';
import { updateCacheReference } from '../../sim/ops/kv-cache/reference.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice } from '../../sim/tensor/index.ts';
import type { Tensor } from '../../sim/tensor/tensor.ts';

const device = (mode: Mode = 'functional') => new Device({ arch: 'wormhole_n150', grid: { rows: 2, cols: 2 }, mode });

function input(d: Device, shape: number[], seed: number, name = 'x'): Tensor {
  const rand = mulberry32(seed);
  return toDevice(d, Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rand() * 2 - 1), shape, 'bf16', DRAM_INTERLEAVED, name);
}

const values = (t: Tensor) => Float64Array.from(fromDevice(t));

// Exact equality, element by element (toEqual on large typed arrays is slow).
function expectSame(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  expect(got.findIndex((v, i) => v !== want[i])).toBe(-1);
}

// The cache with rows start..start+S−1 of every matrix replaced by x's, as S decode updates.
function filled(cache: Float64Array, x: Float64Array, B: number, KV: number, L: number, S: number, D: number, start: number): Float64Array {
  let out = cache;
  for (let s = 0; s < S; s++) {
    const rows = new Float64Array(B * KV * D);
    for (let m = 0; m < B * KV; m++) rows.set(x.subarray((m * S + s) * D, (m * S + s + 1) * D), m * D);
    out = updateCacheReference(out, { batch: B, kvHeads: KV, maxSeq: L, headDim: D }, rows, Array(B).fill(start + s));
  }
  return out;
}

describe('updateCache (decode)', () => {
  const cases = [
    { name: '3 users, 2 kv heads, D = 32', B: 3, KV: 2, L: 96, D: 32, positions: [0, 45, 95] },
    { name: 'Llama 3.2 1B: 8 kv heads of 64, 4 users', B: 4, KV: 8, L: 128, D: 64, positions: [7, 31, 32, 100] },
    { name: '40 kv heads (two head tiles), D = 128', B: 2, KV: 40, L: 32, D: 128, positions: [31, 1] },
  ];
  for (const c of cases) {
    it(`writes one row per user and kv head at the user's position: ${c.name}`, () => {
      const d = device();
      const cache = input(d, [c.B, c.KV, c.L, c.D], 1, 'k cache');
      const before = values(cache);
      const x = input(d, [1, c.B, c.KV, c.D], 2);
      updateCache(cache, x, c.positions);
      const want = updateCacheReference(before, { batch: c.B, kvHeads: c.KV, maxSeq: c.L, headDim: c.D }, values(x), c.positions);
      expectSame(values(cache), want);
      expect(opsRun(d).map((o) => [o.name, o.strategy, o.output])).toEqual([['update_cache', 'rows', 'DRAM interleaved']]);
    });
  }
});

describe('fillCache (prefill)', () => {
  const cases = [
    { name: 'start 0, whole tiles', B: 2, KV: 2, L: 128, S: 64, D: 64, start: 0 },
    { name: 'start 32, S not a multiple of 32', B: 1, KV: 3, L: 128, S: 40, D: 32, start: 32 },
    { name: 'start 45 (rows between tiles; the tile of rows 64..95 covered whole)', B: 2, KV: 1, L: 128, S: 70, D: 64, start: 45 },
    { name: 'start 70, a few rows inside one tile', B: 1, KV: 2, L: 96, S: 5, D: 32, start: 70 },
  ];
  for (const c of cases) {
    it(`writes rows start..start+S-1 and leaves the rest: ${c.name}`, () => {
      const d = device();
      const cache = input(d, [c.B, c.KV, c.L, c.D], 3, 'v cache');
      const before = values(cache);
      const x = input(d, [c.B, c.KV, c.S, c.D], 4);
      fillCache(cache, x, c.start);
      expectSame(values(cache), filled(before, values(x), c.B, c.KV, c.L, c.S, c.D, c.start));
      expect(opsRun(d).map((o) => [o.name, o.strategy])).toEqual([['fill_cache', c.start % 32 === 0 ? 'tiles' : 'rows']]);
    });
  }
});

describe('cycles', () => {
  it('are the same in timing and functional mode, and repeat exactly', () => {
    const run = (mode: Mode) => {
      const d = device(mode);
      const cache = input(d, [2, 2, 96, 64], 5, 'cache');
      fillCache(cache, input(d, [2, 2, 40, 64], 6), 0);
      fillCache(cache, input(d, [2, 2, 7, 64], 7), 40);
      updateCache(cache, input(d, [1, 2, 2, 64], 8), [47, 90]);
      return opsRun(d).map((o) => o.summary.cycles);
    };
    const functional = run('functional');
    expect(run('timing')).toEqual(functional);
    expect(run('functional')).toEqual(functional);
  });
});

describe('bad input', () => {
  const d = device('timing');
  const cache = toDevice(d, undefined, [2, 2, 64, 32], 'bf16', DRAM_INTERLEAVED, 'cache');
  it('names a position past the cache length', () => {
    const x = toDevice(d, undefined, [1, 2, 2, 32], 'bf16', DRAM_INTERLEAVED);
    expect(() => updateCache(cache, x, [3, 64])).toThrow('updateCache: position 64 of user 1 is past the cache of 64 positions, expected 0 to 63');
    expect(() => updateCache(cache, x, [3])).toThrow('updateCache: 1 positions, expected one per user (2)');
  });
  it('names prefill rows that run past the cache', () => {
    const x = toDevice(d, undefined, [2, 2, 40, 32], 'bf16', DRAM_INTERLEAVED);
    expect(() => fillCache(cache, x, 30)).toThrow('fillCache: rows 30..69 do not fit the cache of 64 positions, expected a start from 0 to 24');
  });
  it('names x that does not match the cache', () => {
    const x = toDevice(d, undefined, [2, 1, 8, 32], 'bf16', DRAM_INTERLEAVED);
    expect(() => fillCache(cache, x)).toThrow('fillCache: x has shape [2, 1, 8, 32], expected [2, 2, S, 32]');
  });
});
