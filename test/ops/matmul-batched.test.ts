// Batched matmul: a [batch, M, K] @ b [batch, K, N] (or one b [K, N] for every batch), the
// batches split over the cores (reuse, dp) or run one after another on the same blocks (2d-mcast, 1-D).
import { describe, expect, it } from 'vitest';
import { BF16_TOLERANCE, runCase, type Case } from './matmul-cases.ts';

// Three attention-head-sized products of 40×64 @ 64×72: partial tiles in M and N.
const heads: Case = { a: [3, 40, 64], b: [3, 64, 72], grid: { rows: 2, cols: 2 } };

describe('batched matmul', () => {
  for (const strategy of ['reuse', 'dp', '2d-mcast', '1d-in0', '1d-in1'] as const) {
    it(`${strategy}: one B per batch, against float64; the same cycles in timing mode`, () => {
      const r = runCase({ ...heads, op: { strategy } });
      expect(r.shape).toEqual([3, 40, 72]);
      expect(r.error).toBeLessThan(BF16_TOLERANCE);
      expect(runCase({ ...heads, mode: 'timing', op: { strategy } }).run.run).toEqual(r.run.run);
    });
  }

  it('one B shared by every batch, with a bias; leading dims are stacked', () => {
    expect(runCase({ ...heads, b: [64, 72], bias: true, op: { strategy: 'reuse' } }).error).toBeLessThan(BF16_TOLERANCE);
    const r = runCase({ a: [2, 2, 40, 64], b: [4, 64, 72], grid: heads.grid, op: { strategy: '2d-mcast' } });
    expect(r.shape).toEqual([2, 2, 40, 72]);
    expect(r.error).toBeLessThan(BF16_TOLERANCE);
  });

  it('reuse deals the blocks of every batch over the cores: more cores at work than one batch has blocks', () => {
    const r = runCase({ a: [12, 64, 64], b: [12, 64, 64], grid: { rows: 4, cols: 4 }, mode: 'timing', op: { strategy: 'reuse', config: { perCoreM: 2, perCoreN: 2 } } });
    expect(r.run.stats.cores).toBe(12); // one 2×2-tile block per batch, one batch a core
  });

  it('auto: a batch of B takes reuse; one shared B stacks the batches into M, so the 2-D grid fills', () => {
    const grid = { rows: 4, cols: 4 };
    expect(runCase({ a: [4, 64, 64], b: [4, 64, 512], grid, mode: 'timing' }).run.strategy).toBe('reuse');
    const shared = runCase({ a: [4, 64, 64], b: [64, 512], grid, mode: 'timing' }).run;
    expect(shared.strategy).toBe('2d-mcast'); // 8 stacked tile rows of A; one batch's 2 would take 1d-in0
    expect(shared.blocks).toMatchObject({ Mb: 2, Nb: 4 });
  });

  it('rejects a B with another number of matrices', () => {
    expect(() => runCase({ ...heads, b: [2, 64, 72], mode: 'timing' })).toThrow(/^matmul: b \[2, 64, 72\] holds 2 matrices, expected 1 or 3 \(the batch of a\)$/);
  });
});
