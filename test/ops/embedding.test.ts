// The embedding gather against embeddingReference: exact (only bf16 values move), with repeated
// ids, counts that are and are not multiples of 32, and a hidden size that is not.
import { describe, expect, it } from 'vitest';
import { embedding } from '../../sim/ops/embedding/index.ts';
import { embeddingReference } from '../../sim/ops/embedding/reference.ts';
import { Device, type Mode } from '../../sim/host/device.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice } from '../../sim/tensor/index.ts';
import type { Tensor } from '../../sim/tensor/tensor.ts';

const device = (mode: Mode = 'functional') => new Device({ arch: 'wormhole_n150', grid: { rows: 2, cols: 2 }, mode });

function table(d: Device, V: number, H: number): Tensor {
  const rand = mulberry32(11);
  return toDevice(d, Float32Array.from({ length: V * H }, () => rand() * 2 - 1), [V, H], 'bf16', DRAM_INTERLEAVED, 'wte');
}

const tokens = (n: number, V: number, seed: number) => {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => Math.floor(rand() * V));
};

describe('embedding', () => {
  const cases = [
    { name: '5 tokens, H = 64', V: 100, H: 64, ids: [3, 99, 3, 0, 64] },
    { name: '40 tokens, H = 80 (not a multiple of 32)', V: 300, H: 80, ids: tokens(40, 300, 1) },
    { name: 'GPT-2-ish: 128 tokens, H = 768', V: 1000, H: 768, ids: tokens(128, 1000, 2) },
  ];
  for (const c of cases) {
    it(`gathers the rows of the ids: ${c.name}`, () => {
      const d = device();
      const t = table(d, c.V, c.H);
      const out = embedding(t, c.ids);
      expect(out.shape).toEqual([1, c.ids.length, c.H]);
      const want = embeddingReference(fromDevice(t), c.V, c.H, c.ids);
      const got = fromDevice(out);
      expect(got.length).toBe(want.length);
      expect(got.findIndex((v, i) => v !== want[i])).toBe(-1);
      expect(opsRun(d).map((o) => [o.name, o.strategy])).toEqual([['embedding', 'rows']]);
    });
  }

  it('has the same cycles in timing and functional mode (the ids steer the reads in both)', () => {
    const run = (mode: Mode) => {
      const d = device(mode);
      embedding(table(d, 500, 96), tokens(70, 500, 3));
      return opsRun(d).map((o) => o.summary.cycles);
    };
    const functional = run('functional');
    expect(run('timing')).toEqual(functional);
    expect(run('functional')).toEqual(functional);
  });

  it('names a token id outside the vocabulary', () => {
    const d = device('timing');
    const t = toDevice(d, undefined, [50, 64], 'bf16', DRAM_INTERLEAVED);
    expect(() => embedding(t, [1, 50])).toThrow('embedding: token id 50 at 1 is outside the vocabulary, expected 0 to 49');
    expect(() => embedding(t, [])).toThrow('embedding: no token ids, expected at least one');
  });
});
