// attentionDecode: one query row per (user, head) against a KV cache, split over cores along the
// cached positions ('split-L', with a reducer per (user, kv head)) or not ('single'), against the
// float64 attentionReference per user (attentionDecodeReference: a single query row against cache
// rows 0 .. length-1).
import { describe, expect, it } from 'vitest';
import { Device } from '../../sim/host/device.ts';
import { attentionDecode, type DecodeStrategy } from '../../sim/ops/attention/decode.ts';
import { planDecode } from '../../sim/ops/attention/decode-plan.ts';
import { DECODE_TOLERANCE } from '../../sim/ops/attention/decode-entry.ts';
import { attentionDecodeReference } from '../../sim/ops/attention/decode-reference.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice } from '../../sim/tensor/index.ts';
import { expectMeshsimError } from '../support/errors.ts';

interface Case {
  users: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  maxLength: number;
  length: number;
  grid: [number, number];
  strategy: DecodeStrategy;
}

// bf16 values and HiFi2 multiplies: a few 2^-8 of the output's largest value (decode-entry.ts).
const TOLERANCE = DECODE_TOLERANCE;
// Cached positions past the length hold values this large: any weight on them would show.
const STALE = 40;

function inputs(c: Case, seed: number) {
  const rand = mulberry32(seed);
  const uniform = (n: number) => Float32Array.from({ length: n }, () => rand() * 2 - 1);
  const q = uniform(c.users * c.heads * c.headDim);
  const cache = () => {
    const values = uniform(c.users * c.kvHeads * c.maxLength * c.headDim);
    for (let m = 0; m < c.users * c.kvHeads; m++) values.fill(STALE, (m * c.maxLength + c.length) * c.headDim, (m + 1) * c.maxLength * c.headDim);
    return values;
  };
  return { q, k: cache(), v: cache() };
}

function run(c: Case, mode: 'functional' | 'timing', seed = 1) {
  const device = new Device({ arch: 'wormhole_n150', grid: { rows: c.grid[0], cols: c.grid[1] }, mode });
  const values = mode === 'functional' ? inputs(c, seed) : undefined;
  const q = toDevice(device, values?.q, [1, c.users, c.heads, c.headDim], 'bf16', DRAM_INTERLEAVED, 'q');
  const k = toDevice(device, values?.k, [c.users, c.kvHeads, c.maxLength, c.headDim], 'bf16', DRAM_INTERLEAVED, 'k cache');
  const v = toDevice(device, values?.v, [c.users, c.kvHeads, c.maxLength, c.headDim], 'bf16', DRAM_INTERLEAVED, 'v cache');
  const out = attentionDecode(q, k, v, { length: c.length, scale: 1 / Math.sqrt(c.headDim), strategy: c.strategy });
  return { out, values, stats: opsRun(device).at(-1)! };
}

function expectClose(c: Case) {
  const { out, values, stats } = run(c, 'functional');
  const got = fromDevice(out);
  const want = attentionDecodeReference(values!.q, values!.k, values!.v, { ...c, scale: 1 / Math.sqrt(c.headDim) });
  const scale = Math.max(...want.map(Math.abs));
  const worst = Math.max(...want.map((w, i) => Math.abs(w - got[i])));
  expect(out.shape).toEqual([1, c.users, c.heads, c.headDim]);
  expect(worst).toBeLessThanOrEqual(TOLERANCE * scale);
  return stats;
}

const base = { headDim: 64, grid: [4, 4] as [number, number] };

describe('attentionDecode', () => {
  it('split-L, MHA: 2 users × 4 heads over 16 cores (2 per head), length 100 of 128', () => {
    const stats = expectClose({ ...base, users: 2, heads: 4, kvHeads: 4, maxLength: 128, length: 100, strategy: 'split-L' });
    expect([stats.strategy, stats.cores]).toEqual(['split-L', 16]);
  });

  it('split-L, GQA: 2 users, 16 heads on 2 kv heads, D 128, 4 cores per kv head (a reducer, 3 workers), length 161', () => {
    expectClose({ ...base, headDim: 128, users: 2, heads: 16, kvHeads: 2, maxLength: 192, length: 161, strategy: 'split-L' });
  });

  it('split-L, MQA: one user, 4 heads on 1 kv head over all 16 cores (15 workers: more partials than a Dst half)', () => {
    const stats = expectClose({ ...base, users: 1, heads: 4, kvHeads: 1, maxLength: 640, length: 600, strategy: 'split-L' });
    expect(stats.cores).toBe(16);
  });

  it('single, GQA: 3 users, 8 heads on 2 kv heads, one core per pair, length 257 (several blocks)', () => {
    const stats = expectClose({ ...base, users: 3, heads: 8, kvHeads: 2, maxLength: 300, length: 257, strategy: 'single' });
    expect(stats.cores).toBe(6);
  });

  it('more pairs than cores: 4 users × 4 heads on 2x2, each core takes 4 pairs in turn, each a full and a partial block (both strategies)', () => {
    for (const strategy of ['split-L', 'single'] as const) {
      const stats = expectClose({ ...base, headDim: 32, grid: [2, 2], users: 4, heads: 4, kvHeads: 4, maxLength: 320, length: 300, strategy });
      expect(stats.cores).toBe(4);
    }
  });

  it('a length that is a whole number of tiles, and a length of one', () => {
    expectClose({ ...base, users: 2, heads: 4, kvHeads: 2, maxLength: 96, length: 64, strategy: 'split-L' });
    expectClose({ ...base, users: 2, heads: 4, kvHeads: 2, maxLength: 96, length: 1, strategy: 'split-L' });
  });

  it('a GPT-2-small decode step: 12 heads, D 64, 128 cached positions', () => {
    expectClose({ ...base, users: 1, heads: 12, kvHeads: 12, maxLength: 160, length: 128, strategy: 'split-L' });
  });

  it('timing mode gives the cycles functional mode does, and the same run twice gives the same bits', () => {
    const c: Case = { ...base, users: 2, heads: 8, kvHeads: 2, maxLength: 200, length: 161, strategy: 'split-L' };
    const functional = run(c, 'functional');
    expect(run(c, 'timing').stats.summary.cycles).toBe(functional.stats.summary.cycles);
    const again = run(c, 'functional');
    expect(again.stats.summary.cycles).toBe(functional.stats.summary.cycles);
    expect(fromDevice(again.out)).toEqual(fromDevice(functional.out));
    const single = { ...c, strategy: 'single' as const };
    expect(run(single, 'timing').stats.summary.cycles).toBe(run(single, 'functional').stats.summary.cycles);
  });

  it('a head dim of 256 over the whole grid: the split stops where the reducer\'s L1 is full', () => {
    const device = new Device({ arch: 'wormhole_n150', mode: 'timing' });
    const q = toDevice(device, undefined, [1, 1, 8, 256], 'bf16', DRAM_INTERLEAVED, 'q');
    const k = toDevice(device, undefined, [1, 1, 2048, 256], 'bf16', DRAM_INTERLEAVED, 'k cache');
    attentionDecode(q, k, k, { length: 2048, scale: 1 / 16 });
    const cores = opsRun(device).at(-1)!.cores;
    expect(cores).toBeGreaterThan(16);
    expect(cores).toBeLessThan(64);
  });

  it('split-L is faster than single for a long cache (1024 positions)', () => {
    const c: Case = { ...base, users: 2, heads: 8, kvHeads: 2, maxLength: 1024, length: 1024, strategy: 'split-L' };
    const split = run(c, 'timing').stats;
    const single = run({ ...c, strategy: 'single' }, 'timing').stats;
    expect(split.cores).toBe(16);
    expect(single.cores).toBe(4);
    expect(split.summary.cycles).toBeLessThan(0.75 * single.summary.cycles);
  });
});

describe('planDecode', () => {
  it('split-L gives each pair floor(cores / pairs) cores, at most one per position tile; the first chunk reduces', () => {
    const { jobs, split } = planDecode('split-L', 2, 3, 16);
    expect(split).toBe(3);
    expect(jobs.map((j) => [j.core, j.firstPair, j.firstTile, j.tiles, j.role, j.reducer])).toEqual([
      [0, 0, 0, 1, 'reducer', 0], [1, 0, 1, 1, 'worker', 0], [2, 0, 2, 1, 'worker', 0],
      [3, 1, 0, 1, 'reducer', 3], [4, 1, 1, 1, 'worker', 3], [5, 1, 2, 1, 'worker', 3],
    ]);
    expect(jobs[0].workers).toBe(2);
    expect(jobs.map((j) => j.slot)).toEqual([0, 0, 1, 0, 0, 1]);
  });

  it('caps the split where the partials would not fit the reducer\'s L1', () => {
    expect(planDecode('split-L', 1, 100, 64, 30).split).toBe(30);
  });

  it('with more pairs than cores, or single, each core takes whole pairs', () => {
    for (const [strategy, pairs, cores] of [['split-L', 10, 4], ['single', 3, 16]] as const) {
      const { jobs, split } = planDecode(strategy, pairs, 5, cores);
      expect(split).toBe(1);
      expect(jobs.every((j) => j.role === 'alone' && j.firstTile === 0 && j.tiles === 5)).toBe(true);
      expect(jobs.reduce((n, j) => n + j.pairs, 0)).toBe(pairs);
    }
  });
});

describe('attentionDecode bad input', () => {
  const device = new Device({ arch: 'wormhole_n150', grid: { rows: 2, cols: 2 }, mode: 'timing' });
  const t = (shape: number[], dtype: 'bf16' | 'fp32' = 'bf16') => toDevice(device, undefined, shape, dtype, DRAM_INTERLEAVED, 'x');
  const q = t([1, 2, 4, 64]);
  const k = t([2, 2, 64, 64]);
  const cases: [string, () => unknown, RegExp][] = [
    ['an unknown strategy', () => attentionDecode(q, k, k, { length: 10, scale: 0.125, strategy: 'tree' }), /attention_decode: unknown strategy 'tree': expected one of split-L, single/],
    ['a length past the cache', () => attentionDecode(q, k, k, { length: 65, scale: 0.125 }), /attention_decode: length 65: expected a whole number from 1 to the cache's 64 positions/],
    ['a q of the wrong rank', () => attentionDecode(t([2, 4, 64]), k, k, { length: 10, scale: 0.125 }), /attention_decode: q has shape \[2, 4, 64\]: expected 4 dims \(\[1, B, H, D\]\)/],
    ['kv heads that do not divide the heads', () => attentionDecode(t([1, 2, 6, 64]), t([2, 4, 64, 64]), t([2, 4, 64, 64]), { length: 10, scale: 0.125 }), /kCache has 4 kv heads: expected a divisor of q's 6 heads/],
    ['a cache of another head dim', () => attentionDecode(q, t([2, 2, 64, 32]), t([2, 2, 64, 32]), { length: 10, scale: 0.125 }), /kCache has shape \[2, 2, 64, 32\]: expected \[2, KV, Lmax, 64\]/],
    ['a v cache unlike the k cache', () => attentionDecode(q, k, t([2, 2, 32, 64]), { length: 10, scale: 0.125 }), /vCache has shape \[2, 2, 32, 64\]: expected the shape of kCache/],
    ['a GQA group across a tile boundary', () => attentionDecode(t([1, 1, 48, 64]), t([1, 4, 64, 64]), t([1, 4, 64, 64]), { length: 10, scale: 0.125 }), /q has 48 heads over 4 kv heads: expected each kv head's 12 query rows within one 32-row tile/],
    ['a head dim that is not whole tiles', () => attentionDecode(t([1, 2, 4, 48]), t([2, 2, 64, 48]), t([2, 2, 64, 48]), { length: 10, scale: 0.125 }), /q has head dim 48: expected a multiple of 32 up to 256/],
    ['an fp32 q', () => attentionDecode(t([1, 2, 4, 64], 'fp32'), k, k, { length: 10, scale: 0.125 }), /attention_decode: q is fp32: expected bf16/],
  ];
  for (const [what, call, message] of cases) {
    it(`refuses ${what} in one line`, () => {
      expect(expectMeshsimError(call, 3, message).message).not.toContain('\n');
    });
  }
});
