// The DRAM-sharded matmul (tt-metal's decode matmul): weights width-sharded over the DRAM banks,
// one reader core per bank, A multicast to them.
import { describe, expect, it } from 'vitest';
import { Device } from '../../sim/host/device.ts';
import { readerCores } from '../../sim/ops/matmul/dram-sharded.ts';
import { BF16_TOLERANCE, runCase, type Case } from './matmul-cases.ts';

// 12 banks on Wormhole: N = 768 is 2 tiles a bank; M = 40 is 2 tile rows, the second partial.
const decode: Case = { a: [1, 40, 128], b: [128, 768], bMemory: { kind: 'dram-sharded', shardCols: 64 }, grid: { rows: 4, cols: 4 } };

describe('dram-sharded matmul', () => {
  it('computes C within bf16 accuracy, with a bias and activation; auto takes it for sharded weights', () => {
    const r = runCase({ ...decode, bias: true, op: { activation: 'gelu_new' } });
    expect(r.run.strategy).toBe('dram-sharded');
    expect(r.run.blocks).toMatchObject({ Mb: 2, Nb: 2 });
    expect(r.shape).toEqual([1, 40, 768]);
    expect(r.error).toBeLessThan(BF16_TOLERANCE);
  });

  it('one reader core per bank, the nearest free one; the same cycles in timing mode', () => {
    const device = new Device({ arch: 'wormhole_n150', grid: { rows: 4, cols: 4 }, mode: 'timing' });
    const functional = runCase({ ...decode, op: { strategy: 'dram-sharded' } });
    const timing = runCase({ ...decode, mode: 'timing', op: { strategy: 'dram-sharded' } });
    expect(timing.run.run).toEqual(functional.run.run);
    const engines = functional.run.run.tileEngines;
    expect(engines).toHaveLength(12);
    const readers = readerCores(device, 12);
    expect(new Set(readers.map((c) => `${c.x},${c.y}`)).size).toBe(12);
    expect(engines.map((e) => e.logical).sort((p, q) => p.y - q.y || p.x - q.x)).toEqual([...readers].sort((p, q) => p.y - q.y || p.x - q.x));
    // Bank 0's reader is the core fewest NoC0 hops from its endpoint (NoC0 brings the B reader its data).
    const hops = (c: { x: number; y: number }) => device.nocs[0].hops(device.dram.endpoint(0), c);
    for (const c of device.cores) expect(hops(c.xy)).toBeGreaterThanOrEqual(hops(device.workerCore(readers[0])));
  });

  it('each bank serves its own shard of B once, and its share of A once (the sender reads A for all)', () => {
    const { dram } = runCase({ ...decode, mode: 'timing' }).run.run;
    // B: 4 K tiles × 2 columns a bank; A: 2×4 tiles interleaved, page p in bank p % 12.
    expect(dram.map((d) => d.bytesRead)).toEqual(dram.map((d) => (4 * 2 + (d.bank < 8 ? 1 : 0)) * 2048));
  });

  it('takes N over the banks in shards of N / banks rounded up (the last partial), and refuses other shards and interleaved weights', () => {
    const uneven = runCase({ ...decode, b: [128, 640], bMemory: { kind: 'dram-sharded', shardCols: 64 } });
    expect(uneven.error).toBeLessThan(BF16_TOLERANCE);
    expect(() => runCase({ ...decode, b: [128, 640], bMemory: { kind: 'dram-sharded', shardCols: 96 }, mode: 'timing' }))
      .toThrow(/^matmul dram-sharded: b's 640 columns \(20 tiles\) in shards of 96 columns do not split over the 12 DRAM banks: expected shards of 64 columns$/);
    expect(() => runCase({ ...decode, bMemory: { kind: 'dram-sharded', shardCols: 128 }, mode: 'timing' }))
      .toThrow(/do not split over the 12 DRAM banks: expected shards of 64 columns$/);
    expect(() => runCase({ ...decode, bMemory: undefined, op: { strategy: 'dram-sharded' }, mode: 'timing' }))
      .toThrow(/^matmul dram-sharded: b is DRAM interleaved: expected DRAM width-sharded weights$/);
  });
});
