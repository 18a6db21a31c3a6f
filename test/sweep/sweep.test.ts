import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { combinations } from '../../sim/sweep/axes.ts';
import { definitionId, type SweepDefinition } from '../../sim/sweep/definition.ts';
import { readJournal } from '../../sim/sweep/journal.ts';
import type { MatmulParams } from '../../sim/sweep/matmul-point.ts';
import { sweepPlot } from '../../sim/sweep/plot.ts';
import type { PointRecord, SweepPoint } from '../../sim/sweep/point.ts';
import { runPoints } from '../../sim/sweep/pool.ts';
import { rank, sweepCsv } from '../../sim/sweep/results.ts';
import { runSweepSession } from '../../sim/sweep/session.ts';
import { runPoint } from '../../sim/sweep/worker.ts';
import { progressLine } from '../../sim/sweep/progress.ts';
import { meshsim } from '../support/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-sweep-'));
const params = (strategy: MatmulParams['strategy'], rows: number, m = 128): MatmulParams => ({
  m, k: 128, n: 128, dtype: 'bf16', fidelity: 'HiFi4', fp32Acc: false, arch: 'wormhole_n150', grid: { rows, cols: rows }, mode: 'timing', strategy, seed: 1,
});
const point = (p: MatmulParams): SweepPoint => ({ kind: 'matmul', params: p as unknown as Record<string, unknown> });
const points = [point(params('dp', 2)), point(params('2d-mcast', 2)), point(params('reuse', 4)), point(params('2d-mcast', 4))];
const definition: SweepDefinition = { kind: 'matmul', points, inputs: {} };
const silent = () => {};

async function collect(todo: SweepPoint[], workers: number, pointTimeoutMs?: number): Promise<PointRecord[]> {
  const records: PointRecord[] = [];
  await runPoints(todo.map((p, index) => ({ index, point: p })), { workers, pointTimeoutMs, onRecord: (r) => records.push(r) });
  return records.sort((a, b) => a.index - b.index);
}

describe('sweep axes', () => {
  it('runs every combination, the first axis slowest', () => {
    expect(combinations({ a: [1, 2], b: ['x', 'y', 'z'] })).toEqual([
      { a: 1, b: 'x' }, { a: 1, b: 'y' }, { a: 1, b: 'z' }, { a: 2, b: 'x' }, { a: 2, b: 'y' }, { a: 2, b: 'z' },
    ]);
  });
});

describe('sweep engine', () => {
  it('gives each point the same result alone, in a sweep with any worker count, and in any shard', async () => {
    const alone = points.map(runPoint);
    const one = (await collect(points, 1)).map((r) => r.result);
    const two = (await collect(points, 2)).map((r) => r.result);
    const shards = await Promise.all([0, 1].map((index) => runSweepSession(definition, { workers: 1, shard: { index, count: 2 }, log: silent })));
    const sharded = shards.flatMap((s) => s.ranked).sort((a, b) => a.index - b.index).map((r) => r.result);
    expect(one).toEqual(alone);
    expect(two).toEqual(alone);
    expect(sharded).toEqual(alone);
    expect(shards.map((s) => s.ranked.map((r) => r.index).sort())).toEqual([[0, 2], [1, 3]]);
  });

  it('ranks by cycles and plots one bar per finished point, and writes a row per point to the CSV', async () => {
    const ranked = rank(await collect(points, 1));
    const cycles = ranked.map((r) => r.result!.cycles);
    expect(cycles).toEqual([...cycles].sort((a, b) => a - b));
    const svg = sweepPlot(ranked, 'test');
    expect(svg.match(/<rect x="330"/g)).toHaveLength(points.length);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const csv = sweepCsv(ranked).trim().split('\n');
    expect(csv[0]).toBe('index,strategy,grid,m×k×n,dtype,fidelity,arch,cycles,TFLOP/s,of peak,bottleneck,status,error');
    expect(csv.slice(1).map((row) => Number(row.split(',')[7]))).toEqual(cycles);
  });

  it('records a failing point with its message and exit code, and goes on with the others', async () => {
    const bad = point({ ...params('reuse', 1), m: 32 * 200, n: 32 * 200, k: 32 });
    const records = await collect([bad, points[0]], 2);
    expect(records[0].failure).toMatchObject({ kind: 'input', exitCode: 3 });
    expect(records[0].failure!.message).toMatch(/needs \d+ bytes of L1 even with K blocks of one tile/);
    expect(records[1].result!.cycles).toBe(runPoint(points[0]).cycles);
    expect(rank(records).map((r) => r.index)).toEqual([1, 0]); // failures after the finished
  });

  it('records a point whose worker thread dies, starts a new thread, and runs the other points', async () => {
    const todo = [1, 2, 3, 4].map((cycles) => ({ kind: 'matmul', params: { cycles, die: cycles === 2 } }));
    const records: PointRecord[] = [];
    const workerModule = new URL('./dying-worker.mjs', import.meta.url).href;
    await runPoints(todo.map((point, index) => ({ index, point })), { workers: 1, workerModule, onRecord: (r) => records.push(r) });
    expect(records.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(records[1].failure).toMatchObject({ kind: 'crash', exitCode: 70, message: expect.stringMatching(/^the worker thread running this point died: /) });
    expect(records.filter((r) => r.result).map((r) => r.result!.cycles)).toEqual([1, 3, 4]);
  });

  it('ends the worker thread of a point past its time limit, records it, and runs the next point', async () => {
    const long = point({ ...params('dp', 1, 2048), k: 2048, n: 2048 }); // about 15 s of one core
    const records = await collect([long, points[1], points[0]], 1, 2000);
    expect(records[0].failure).toMatchObject({ kind: 'timeout', exitCode: 5, message: 'stopped after 2 s (--point-timeout); its worker thread was ended' });
    expect(records.slice(1).map((r) => r.result?.cycles)).toEqual([runPoint(points[1]).cycles, runPoint(points[0]).cycles]);
  });

  it('gives a definition one id, another to any change of point or input file', () => {
    const id = definitionId(definition);
    expect(definitionId({ ...definition, points: [...points] })).toBe(id);
    expect(definitionId({ ...definition, points: points.slice(1) })).not.toBe(id);
    expect(definitionId({ ...definition, inputs: { 'my.json': 'ab' } })).not.toBe(id);
  });
});

describe('the progress line', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
  };

  it('redraws points done, failed, elapsed and left in place on a terminal, and clears itself', () => {
    const tty = stream(true);
    const p = progressLine(4, tty.stream);
    p.update(1, 0);
    p.update(2, 1);
    p.end();
    expect(tty.written[0]).toMatch(/^\r\x1b\[Ksweep: 0\/4 points, 0 failed, \d+s elapsed, about \? left$/);
    expect(tty.written[2]).toMatch(/^\r\x1b\[Ksweep: 3\/4 points, 1 failed, \d+s elapsed, about \d+s left$/);
    expect(tty.written.at(-1)).toBe('\r\x1b[K');
  });

  it('writes nothing when stderr is not a terminal', () => {
    const piped = stream(false);
    const p = progressLine(4, piped.stream);
    p.update(1, 0);
    p.end();
    expect(piped.written).toEqual([]);
  });
});

describe('meshsim sweep', () => {
  const base = ['sweep', '--m', '128', '--k', '128', '--n', '128', '--strategy', 'dp,2d-mcast', '--grid', '2x2,4x4'];

  it('prints a ranked table and writes sweep.jsonl, sweep.json, sweep.csv and sweep.svg', () => {
    const dir = join(tmp, 'out');
    const r = meshsim([...base, '--workers', '2', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^1\s+2d-mcast\s+4x4/);
    const json = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    expect(json).toMatchObject({ kind: 'matmul', points: 4, finished: 4, failed: 0, missing: [], complete: true });
    expect(json.results.map((x: PointRecord) => x.result!.cycles)).toEqual(rows.map((row) => Number(row.split(/\s+/)[7])));
    const journal = readJournal(join(dir, 'sweep.jsonl'));
    expect(journal.header).toMatchObject({ kind: 'matmul', points: 4, shard: null, sweep: json.sweep });
    expect(journal.records.map((x) => x.index).sort()).toEqual([0, 1, 2, 3]);
    expect(readFileSync(join(dir, 'sweep.csv'), 'utf8').trim().split('\n')).toHaveLength(5);
    expect(readFileSync(join(dir, 'sweep.svg'), 'utf8')).toMatch(/<svg/);
  });

  it('sweeps the weights\' format as an axis: each point runs with its B format, named in the table', () => {
    const r = meshsim(['sweep', '--m', '128', '--k', '256', '--n', '256', '--grid', '2x2', '--strategy', '2d-mcast', '--weight-dtype', 'bf16,bfp4_b', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const results = JSON.parse(r.stdout).results as { point: { params: { weightDtype: string } }; result: { cycles: number } }[];
    expect(results.map((x) => x.point.params.weightDtype).sort()).toEqual(['bf16', 'bfp4_b']);
    const cycles = Object.fromEntries(results.map((x) => [x.point.params.weightDtype, x.result.cycles]));
    expect(cycles.bfp4_b).toBeLessThan(cycles.bf16); // a quarter of B's bytes to read, multicast and unpack
    expect(meshsim(['sweep', '--m', '128', '--k', '256', '--n', '256', '--grid', '2x2', '--strategy', '2d-mcast', '--weight-dtype', 'bfp4_b']).stdout).toMatch(/bf16, B bfp4_b/);
  });

  it('the compiled CLI\'s worker threads (dist/) give what the sources\' give', () => {
    const args = [...base, '--workers', '2', '--json'];
    const compiled = meshsim(args);
    const sources = meshsim(args, 60_000, { MESHSIM_FROM_SOURCES: '1' });
    expect(compiled.code, compiled.stderr).toBe(0);
    expect(JSON.parse(compiled.stdout).failed).toBe(0);
    expect(compiled.stdout).toBe(sources.stdout);
  });

  it('a failing point is in the table and the files with its message; the sweep exits 8 naming it', () => {
    const dir = join(tmp, 'failing');
    const r = meshsim(['sweep', '--strategy', 'reuse,dp', '--grid', '1x1', '--m', '6400', '--n', '6400', '--k', '32', '--workers', '2', '--out', dir]);
    expect(r.code).toBe(8);
    expect(r.stdout).toMatch(/^-\s+reuse\s+1x1\s+6400×32×6400 .*FAILED \(input\): matmul reuse: a 200×200-tile block of C per core needs/m);
    expect(r.stdout).toMatch(/^1\s+dp\s+1x1/m);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^meshsim: 1 of 2 sweep points failed: point 0 \(reuse 1x1 6400×32×6400 bf16 HiFi4\): matmul reuse: a 200×200-tile block/);
    const json = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    expect(json.results[1].failure).toMatchObject({ kind: 'input', exitCode: 3 });
  });

  it('merges shards into the same ranking as the whole sweep, refusing a shard given twice or of another sweep', () => {
    const whole = join(tmp, 'whole');
    expect(meshsim([...base, '--out', whole]).code).toBe(0);
    const shards = [0, 1].map((i) => join(tmp, `shard${i}`));
    // --resume into a directory with no journal yet starts the sweep there (as a batch job does).
    shards.forEach((dir, i) => expect(meshsim([...base, '--shard', `${i}/2`, i ? '--resume' : '--out', dir]).code).toBe(0));
    const merged = join(tmp, 'merged');
    const r = meshsim(['sweep', 'merge', ...shards, '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).results;
    expect(results(merged)).toEqual(results(whole));
    const twice = meshsim(['sweep', 'merge', shards[0], shards[0]]);
    expect(twice.code).toBe(3);
    expect(twice.stderr).toMatch(/shard 0\/2 overlaps shard 0\/2/);
    const other = meshsim(['sweep', 'merge', shards[0], join(tmp, 'failing')]);
    expect(other.code).toBe(3);
    expect(other.stderr).toMatch(/from a different sweep/);
    const part = meshsim(['sweep', 'merge', shards[1]]);
    expect(part.code).toBe(8);
    expect(part.stderr).toMatch(/warning: shards 0\/2 were not given/);
  });
});
