import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { combinations, parseList } from '../../sim/sweep/axes.ts';
import type { SweepPoint } from '../../sim/sweep/matmul-point.ts';
import { sweepPlot } from '../../sim/sweep/plot.ts';
import { rank, runSweep } from '../../sim/sweep/sweep.ts';
import { meshsim } from '../support/cli.ts';

const point = (strategy: SweepPoint['strategy'], rows: number): SweepPoint => ({
  m: 128, k: 128, n: 128, dtype: 'bf16', fidelity: 'HiFi4', fp32Acc: false, arch: 'wormhole_n150', grid: { rows, cols: rows }, mode: 'timing', strategy, seed: 1,
});

describe('sweep axes', () => {
  it('parses lists, drops repeats, and names the option of a bad item', () => {
    expect(parseList('m', '64, 128,64', Number)).toEqual([64, 128]);
    expect(() => parseList('m', '64,,128', Number)).toThrow(/--m 64,,128: expected a comma-separated list without empty items/);
    expect(() => parseList('grid', '2x2,zz', (s) => { if (!/^\d+x\d+$/.test(s)) throw new Error('expected RxC'); return s; })).toThrow(/--grid: zz: expected RxC/);
  });

  it('runs every combination, the first axis slowest', () => {
    expect(combinations({ a: [1, 2], b: ['x', 'y', 'z'] })).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'z' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }, { a: 2, b: 'z' },
    ]);
  });
});

describe('sweep', () => {
  const points = [point('dp', 2), point('2d-mcast', 2), point('reuse', 4), point('2d-mcast', 4)];

  it('gives the same results on worker threads as inline, in the order of the points', async () => {
    const inline = await runSweep(points, 1);
    const threaded = await runSweep(points, 2);
    expect(threaded).toEqual(inline);
    expect(inline.map((r) => r.point.strategy)).toEqual(['dp', '2d-mcast', 'reuse', '2d-mcast']);
  });

  it('ranks by cycles and plots one bar per configuration', async () => {
    const ranked = rank(await runSweep(points, 1));
    const cycles = ranked.map((r) => r.summary.cycles);
    expect(cycles).toEqual([...cycles].sort((a, b) => a - b));
    const svg = sweepPlot(ranked, 'test');
    expect(svg.match(/<rect x="330"/g)).toHaveLength(points.length);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('a bad point in a worker is the same one-line input error as inline', async () => {
    const bad = { ...point('reuse', 1), m: 32 * 200, k: 32, n: 32 * 200 };
    await expect(runSweep([bad, point('dp', 2)], 2)).rejects.toThrow(/needs \d+ bytes of L1 even with K blocks of one tile/);
    await expect(runSweep([bad], 1)).rejects.toThrow(/needs \d+ bytes of L1 even with K blocks of one tile/);
  });
});

describe('meshsim sweep', () => {
  it('an input error in a worker exits 3 with one line', () => {
    const r = meshsim(['sweep', '--strategy', 'reuse,dp', '--grid', '1x1', '--m', '6400', '--n', '6400', '--k', '32', '--workers', '2']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^meshsim: matmul reuse: a 200×200-tile block of C per core needs/m);
  });

  it('prints a ranked table and writes sweep.json and sweep.svg', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-sweep-'));
    const r = meshsim(['sweep', '--m', '128', '--k', '128', '--n', '128', '--strategy', 'dp,2d-mcast', '--grid', '2x2,4x4', '--workers', '2', '--out', dir]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^1\s+2d-mcast\s+4x4/);
    const json = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    expect(json.results).toHaveLength(4);
    expect(readFileSync(join(dir, 'sweep.svg'), 'utf8')).toMatch(/<svg/);
  });
});
