import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MATMUL_STRATEGIES, runMatmul, type MatmulOptions } from '../../sim/ops/matmul.ts';
import { PRESETS } from '../../sim/arch/index.ts';
import { splitWork } from '../../sim/ops/work-split.ts';
import { meshsim } from '../support/cli.ts';

const base: MatmulOptions = { m: 128, k: 96, n: 160, dtype: 'bf16', fidelity: 'HiFi4', fp32Acc: false, arch: 'wormhole_n150', mode: 'functional', strategy: 'dp', seed: 3 };

describe('work split', () => {
  it('gives the first units % cores cores one more unit, and covers every unit once', () => {
    const shares = splitWork(81, 11);
    expect(shares.map((s) => s.count)).toEqual([8, 8, 8, 8, 7, 7, 7, 7, 7, 7, 7]);
    expect(shares.map((s) => s.first)).toEqual(shares.map((_, i) => shares.slice(0, i).reduce((t, s) => t + s.count, 0)));
    expect(splitWork(3, 64)).toEqual([{ core: 0, first: 0, count: 1 }, { core: 1, first: 1, count: 1 }, { core: 2, first: 2, count: 1 }]);
  });
});

describe('matmul on the mesh, data-parallel over output tiles', () => {
  it('computes C = A @ B over many cores within bf16 accuracy', () => {
    const r = runMatmul(base);
    expect(r.tiles).toEqual({ Mt: 4, Kt: 3, Nt: 5 });
    expect(r.cores).toBe(20); // 20 output tiles on an 8×8 grid
    expect(r.check!.samples).toBe(256);
    expect(r.check!.maxError).toBeLessThan(2 ** -7);
    expect(r.run.tileEngines).toHaveLength(20);
    expect(r.run.tileEngines.reduce((s, e) => s + e.tiles, 0)).toBe(4 * 3 * 5);
  });

  it('pads shapes that are not multiples of 32', () => {
    const r = runMatmul({ ...base, m: 70, k: 50, n: 33, grid: { rows: 2, cols: 2 } });
    expect(r.tiles).toEqual({ Mt: 3, Kt: 2, Nt: 2 });
    expect(r.cores).toBe(4);
    expect(r.check!.maxError).toBeLessThan(2 ** -7);
  });

  it('timing mode gives the same cycles and counters; LoFi is less accurate than HiFi4', () => {
    const functional = runMatmul({ ...base, fidelity: 'LoFi' });
    const timing = runMatmul({ ...base, fidelity: 'LoFi', mode: 'timing' });
    expect(timing.run).toEqual(functional.run);
    expect(timing.summary).toEqual(functional.summary);
    expect(functional.check!.maxError).toBeGreaterThan(runMatmul(base).check!.maxError);
  });

  it('names a bottleneck and reports throughput against the FPU peak', () => {
    const { summary } = runMatmul({ ...base, mode: 'timing' });
    expect(summary.peakTflops).toBeCloseTo((20 * 65536 / 64) * 1e9 / 1e12, 6); // HiFi4: 64 cycles a tile
    const tflops = (2 * 128 * 96 * 160) / (summary.cycles / 1e9) / 1e12;
    expect(Math.abs(summary.tflops / tflops - 1)).toBeLessThan(1e-5); // written to 6 significant digits
    expect(summary.bottleneck).toMatch(/busy/);
  });
});

describe('block strategies: reuse and 2d-mcast', () => {
  for (const strategy of ['reuse', '2d-mcast'] as const) {
    it(`${strategy}: correct on an uneven shape, with blocks padded and sub-blocks inside a Dst half`, () => {
      const r = runMatmul({ ...base, strategy, m: 200, k: 130, n: 300, grid: { rows: 3, cols: 4 } });
      expect(r.tiles).toEqual({ Mt: 7, Kt: 5, Nt: 10 });
      expect(r.block).toEqual({ Mb: 3, Nb: 3, kb: 5, subH: 3, subW: 1 }); // 3×3 blocks on 3×4 cores, all of K at once
      expect(r.cores).toBe(12);
      expect(r.check!.maxError).toBeLessThan(2 ** -7);
    });

    it(`${strategy}: a single row or column of cores (nothing to multicast to)`, () => {
      for (const grid of [{ rows: 1, cols: 3 }, { rows: 3, cols: 1 }, { rows: 1, cols: 1 }]) {
        expect(runMatmul({ ...base, strategy, grid }).check!.maxError).toBeLessThan(2 ** -7);
      }
    });

    it(`${strategy}: the same cycles in timing mode; fp32 accumulation keeps sub-blocks to 4 tiles`, () => {
      const opts = { ...base, strategy, m: 256, n: 256, fp32Acc: true };
      const functional = runMatmul(opts);
      expect(functional.block!.subH * functional.block!.subW).toBeLessThanOrEqual(4);
      expect(runMatmul({ ...opts, mode: 'timing' }).run).toEqual(functional.run);
    });
  }

  it('on 512×512×512 over 8×8, multicasting beats reading blocks, which beats no reuse', () => {
    const cycles = (strategy: 'dp' | 'reuse' | '2d-mcast') =>
      runMatmul({ ...base, m: 512, k: 512, n: 512, strategy, mode: 'timing' }).summary.cycles;
    const [dp, reuse, mcast] = [cycles('dp'), cycles('reuse'), cycles('2d-mcast')];
    expect(reuse).toBeLessThan(dp);
    expect(mcast).toBeLessThan(reuse / 2);
  });

  for (const strategy of ['reuse', '2d-mcast'] as const) {
    it(`${strategy}: K in blocks when A and B blocks do not fit in L1, partial sums kept between them`, () => {
      const opts = { ...base, strategy, m: 128, k: 32 * 64, n: 128, grid: { rows: 1, cols: 1 } };
      const r = runMatmul(opts);
      expect(r.block).toMatchObject({ Mb: 4, Nb: 4, kb: 32 }); // 64 K tiles would need 2 MiB
      expect(r.check!.maxError).toBeLessThan(2 ** -6); // partials rounded to bf16 between blocks
      expect(runMatmul({ ...opts, mode: 'timing' }).run).toEqual(r.run);
    });
  }

  it('auto takes 2d-mcast, or dp when no block fits in L1', () => {
    expect(runMatmul({ ...base, strategy: 'auto', mode: 'timing' }).strategy).toBe('2d-mcast');
    const huge = runMatmul({ ...base, strategy: 'auto', m: 32 * 200, k: 32, n: 32 * 200, grid: { rows: 1, cols: 1 }, mode: 'timing' });
    expect(huge.strategy).toBe('dp');
  });

  it('a block of C too large for L1 even with one-tile K blocks is a clear input error', () => {
    expect(() => runMatmul({ ...base, strategy: 'reuse', m: 32 * 200, k: 32, n: 32 * 200, grid: { rows: 1, cols: 1 }, mode: 'timing' }))
      .toThrow(/matmul reuse: a 200×200-tile block of C per core needs \d+ bytes of L1 even with K blocks of one tile, and \d+ are free; use a larger --grid or --strategy dp/);
  });
});

describe('every preset runs every strategy', () => {
  for (const arch of Object.keys(PRESETS)) {
    it(arch, () => {
      for (const strategy of MATMUL_STRATEGIES) {
        const r = runMatmul({ ...base, arch, strategy, m: 96, k: 64, n: 96 });
        expect([strategy, r.check!.maxError < 2 ** -7]).toEqual([strategy, true]);
      }
    });
  }
});

describe('meshsim matmul', () => {
  it('prints the summary and writes stats.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-matmul-'));
    const r = meshsim(['matmul', '--m', '64', '--k', '64', '--n', '96', '--grid', '2x2', '--out', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^matmul 64×64×96 bf16 HiFi4 on wormhole_n150 2×2, strategy auto → 2d-mcast, functional mode$/m);
    expect(r.stdout).toMatch(/^ {2}check {7}max error \d\.\d+e-\d+ of Σ\|a·b\|/m);
    const stats = JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8'));
    expect(stats.summary.cycles).toBe(Number(/cycles\s+(\d+)/.exec(r.stdout)![1]));
    expect(stats.run.tileEngines).toHaveLength(4);
  });

  it('rejects bad options with one line and exit 2 or 3', () => {
    expect(meshsim(['matmul', '--fidelity', 'HiFi9']).code).toBe(2);
    const big = meshsim(['matmul', '--grid', '9x9']);
    expect(big.code).toBe(3);
    expect(big.stderr.trim().split('\n')).toHaveLength(1);
  });
});
