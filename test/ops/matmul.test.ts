// meshsim matmul and runMatmul: seeded tensors through the matmul op, the summary and its check.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMatmul, type MatmulOptions } from '../../sim/ops/matmul/run.ts';
import { splitWork } from '../../sim/ops/work-split.ts';
import { meshsim } from '../support/cli.ts';

const base: MatmulOptions = { m: 128, k: 96, n: 160, dtype: 'bf16', fidelity: 'HiFi4', fp32Acc: false, arch: 'wormhole_n150', mode: 'functional', strategy: 'dp', seed: 3 };
// bf16 inputs and output: each rounds by 2^-9 relative, so the sum is within about 2^-7 of Σ|a·b|.
const BF16 = 2 ** -7;

describe('work split', () => {
  it('gives the first units % cores cores one more unit, and covers every unit once', () => {
    const shares = splitWork(81, 11);
    expect(shares.map((s) => s.count)).toEqual([8, 8, 8, 8, 7, 7, 7, 7, 7, 7, 7]);
    expect(shares.map((s) => s.first)).toEqual(shares.map((_, i) => shares.slice(0, i).reduce((t, s) => t + s.count, 0)));
    expect(splitWork(3, 64)).toEqual([{ core: 0, first: 0, count: 1 }, { core: 1, first: 1, count: 1 }, { core: 2, first: 2, count: 1 }]);
  });
});

describe('runMatmul', () => {
  it('dp: one output tile a core, every tile made once, within bf16 accuracy', () => {
    const r = runMatmul(base);
    expect(r.tiles).toEqual({ Mt: 4, Kt: 3, Nt: 5 });
    expect(r.cores).toBe(20); // 20 output tiles on an 8×8 grid
    expect(r.check!.samples).toBe(256);
    expect(r.check!.maxError).toBeLessThan(BF16);
    expect(r.run.tileEngines).toHaveLength(20);
    expect(r.run.tileEngines.reduce((s, e) => s + e.tiles, 0)).toBe(4 * 3 * 5);
  });

  it('timing mode gives the same cycles and counters; LoFi is less accurate than HiFi4', () => {
    const functional = runMatmul({ ...base, fidelity: 'LoFi', strategy: 'auto' });
    const timing = runMatmul({ ...base, fidelity: 'LoFi', strategy: 'auto', mode: 'timing' });
    expect(timing.run).toEqual(functional.run);
    expect(timing.summary).toEqual(functional.summary);
    expect(functional.check!.maxError).toBeGreaterThan(runMatmul({ ...base, strategy: 'auto' }).check!.maxError);
  });

  it('names a bottleneck and reports throughput against the FPU peak', () => {
    const { summary } = runMatmul({ ...base, mode: 'timing' });
    expect(summary.peakTflops).toBeCloseTo((20 * 65536 / 64) * 1e9 / 1e12, 6); // HiFi4: 64 cycles a tile
    const tflops = (2 * 128 * 96 * 160) / (summary.cycles / 1e9) / 1e12;
    expect(Math.abs(summary.tflops / tflops - 1)).toBeLessThan(1e-5); // written to 6 significant digits
    expect(summary.bottleneck).toMatch(/busy/);
  });

  it('checks a fused bias and activation against float64, and reports the config', () => {
    const r = runMatmul({ ...base, strategy: 'auto', bias: true, activation: 'relu', m: 70, n: 100, grid: { rows: 2, cols: 2 } });
    expect(r.check!.maxError).toBeLessThan(BF16);
    expect(r.config).toMatchObject({ variant: r.strategy, perCoreM: r.block.Mb, perCoreN: r.block.Nb });
  });
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

  it('takes program config overrides, prints the config (summary and --json), and refuses bad ones: exit 2 malformed, 3 not fitting', () => {
    const base = ['matmul', '--m', '256', '--k', '256', '--n', '256', '--grid', '2x2', '--quiet'];
    const r = meshsim([...base, '--per-core', '4x4', '--subblock', '2x2', '--in0-block-w', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}config {6}2d-mcast, in0_block_w 2, per_core 4×4, sub-block 2×2$/m);
    const j = meshsim([...base, '--mode', 'timing', '--json']);
    expect(JSON.parse(j.stdout).matmul.config).toMatchObject({ variant: '2d-mcast', perCoreM: 4, perCoreN: 4 });
    expect(meshsim([...base, '--per-core', '4']).code).toBe(2);
    expect(meshsim([...base, '--subblock', '0x2']).code).toBe(2);
    const k = meshsim([...base, '--in0-block-w', '3']);
    expect([k.code, k.stderr]).toEqual([3, expect.stringMatching(/in0_block_w 3 does not divide Kt 8/)]);
    const d = meshsim([...base, '--subblock', '4x4']);
    expect([d.code, d.stderr]).toEqual([3, expect.stringMatching(/sub-block 4×4 is 16 tiles, over half of Dst/)]);
  });

  it('runs a named strategy', () => {
    for (const strategy of ['1d-in1', 'dram-sharded']) {
      const r = meshsim(['matmul', '--m', '64', '--k', '64', '--n', '768', '--grid', '4x4', '--strategy', strategy]);
      expect([strategy, r.code, r.stdout]).toEqual([strategy, 0, expect.stringMatching(new RegExp(`strategy ${strategy}, functional`))]);
    }
  });

  it('rejects bad options with one line and exit 2 or 3', () => {
    expect(meshsim(['matmul', '--fidelity', 'HiFi9']).code).toBe(2);
    const big = meshsim(['matmul', '--grid', '9x9']);
    expect(big.code).toBe(3);
    expect(big.stderr.trim().split('\n')).toHaveLength(1);
  });
});
