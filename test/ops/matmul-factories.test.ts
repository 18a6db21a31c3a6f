// The matmul op's program factories on DRAM-interleaved tensors: each against float64, with
// blocks that do not divide the output, K streamed in blocks, timing mode, and how they rank.
import { describe, expect, it } from 'vitest';
import { Device } from '../../sim/host/device.ts';
import { matmul } from '../../sim/ops/matmul/index.ts';
import { DRAM_INTERLEAVED, toDevice } from '../../sim/tensor/index.ts';
import { BF16_TOLERANCE, runCase, type Case } from './matmul-cases.ts';

// 100×96 @ 96×200: 4×3×7 tiles on a 2×3 grid, so every factory's blocks leave a partial one at the
// bottom or right edge. Kt = 3: the 2-D configs take all of K at once (in0_block_w 3), the 1-D
// ones ⌈3 / 6 cores⌉ = 1 tile a block, so K comes in 3 blocks.
const uneven: Case = { a: [100, 96], b: [96, 200], grid: { rows: 2, cols: 3 } };

describe('matmul factories', () => {
  const blocks = {
    '2d-mcast': { Mb: 2, Nb: 3, kb: 3 }, // 2×3 cores, the right column's blocks 1 tile wide
    '1d-in0': { Mb: 4, Nb: 2, kb: 1 }, // 4 cores of 6 (2 idle receivers), the last block 1 tile wide
    '1d-in1': { Mb: 1, Nb: 7, kb: 1 }, // 4 cores of 6, whole rows of C
    reuse: { Mb: 2, Nb: 3, kb: 3 },
    dp: { Mb: 1, Nb: 1, kb: 1 },
  } as const;
  for (const [strategy, expected] of Object.entries(blocks)) {
    it(`${strategy}: C within bf16 accuracy with partial edge blocks, the same cycles in timing mode`, () => {
      const functional = runCase({ ...uneven, op: { strategy: strategy as never } });
      expect(functional.run.strategy).toBe(strategy);
      expect(functional.run.blocks).toMatchObject(expected);
      expect(functional.shape).toEqual([100, 200]);
      expect(functional.error).toBeLessThan(BF16_TOLERANCE);
      const timing = runCase({ ...uneven, mode: 'timing', op: { strategy: strategy as never } });
      expect(timing.run.run).toEqual(functional.run.run);
    });
  }

  it('streams K in blocks of in0_block_w tiles: the same values, different cycles', () => {
    const shape: Case = { a: [64, 256], b: [256, 64], grid: { rows: 2, cols: 2 } };
    const byBlock = [1, 2, 8].map((in0BlockW) => runCase({ ...shape, op: { strategy: '2d-mcast', config: { in0BlockW } } }));
    for (const r of byBlock) expect(r.error).toBeLessThan(BF16_TOLERANCE);
    expect(byBlock.map((r) => r.run.blocks.kb)).toEqual([1, 2, 8]);
    expect(new Set(byBlock.map((r) => r.run.stats.summary.cycles)).size).toBe(3);
  });

  it('2d-mcast: receivers right of column cols/2 write C on NoC1, the others on NoC0 (tt-metal split_half)', () => {
    const device = new Device({ arch: 'wormhole_n150', grid: { rows: 4, cols: 4 }, mode: 'timing' });
    const a = toDevice(device, undefined, [256, 64], 'bf16', DRAM_INTERLEAVED, 'a');
    const b = toDevice(device, undefined, [64, 256], 'bf16', DRAM_INTERLEAVED, 'b');
    matmul(a, b, { strategy: '2d-mcast' });
    // A receiver of both sides sends data only as C's writes (its semaphore increments are headers).
    const injected = (logical: { x: number; y: number }, noc: 0 | 1) => {
      const xy = device.workerCore(logical);
      return device.nocs[noc].portStats().find((p) => p.at.x === xy.x && p.at.y === xy.y)!.injectedBytes;
    };
    const cBlock = 2 * 2 * 2048; // 8×8 tiles of C over 4×4 cores, bf16
    expect([injected({ x: 3, y: 1 }, 0), injected({ x: 3, y: 1 }, 1)]).toEqual([0, cBlock]);
    expect([injected({ x: 2, y: 1 }, 0), injected({ x: 2, y: 1 }, 1)]).toEqual([cBlock, 0]);
  });

  it('a per-core block too big for L1 is made an output block at a time (tt-metal\'s out_block), partial at the edge', () => {
    const r = runCase({ a: [500, 128], b: [128, 500], grid: { rows: 1, cols: 1 }, op: { strategy: '2d-mcast' } });
    expect(r.run.blocks).toMatchObject({ perCoreM: 16, perCoreN: 16, Mb: 8, Nb: 16 }); // two output blocks, the second partial
    expect(r.error).toBeLessThan(BF16_TOLERANCE);
  });

  it('fp32 accumulation: sub-blocks of at most 4 tiles (a Dst half), partial sums kept in fp32 between K blocks', () => {
    const r = runCase({ a: [64, 256], b: [256, 256], grid: { rows: 1, cols: 1 }, op: { strategy: '2d-mcast', fp32Acc: true } });
    expect(r.run.blocks.subH * r.run.blocks.subW).toBeLessThanOrEqual(4);
    expect(r.run.blocks.kb).toBeLessThan(8); // K in more than one block
    // Only the bf16 inputs and the one rounding of C to bf16: within 2^-8, where bf16 partials need 2^-7.
    expect(r.error).toBeLessThan(2 ** -8);
  });

  it('auto takes 1d-in0 for a wide N and small M, 1d-in1 for a tall M and small N, else 2d-mcast', () => {
    const grid = { rows: 4, cols: 4 };
    const auto = (a: number[], b: number[]) => runCase({ a, b, grid, mode: 'timing' }).run.strategy;
    expect(auto([32, 64], [64, 512])).toBe('1d-in0'); // M within one tile
    expect(auto([512, 64], [64, 32])).toBe('1d-in1'); // N within one tile
    expect(auto([256, 64], [64, 256])).toBe('2d-mcast');
  });

  it('on GPT-2\'s [1, 128, 768] × [768, 2304] over 8×8, the strategies rank as the data movement says', () => {
    const cycles = Object.fromEntries(['1d-in0', '2d-mcast', 'reuse', 'dp', '1d-in1'].map((strategy) =>
      [strategy, runCase({ a: [1, 128, 768], b: [768, 2304], grid: { rows: 8, cols: 8 }, mode: 'timing', op: { strategy: strategy as never } }).run.stats.summary.cycles]));
    // Small M: multicasting A (to 36 cores, in K blocks of one tile) or A and B (over a 4-row 2-D
    // grid) beats reading blocks without multicast, which beats no reuse; 1d-in1 puts all of N on 4 cores.
    expect(cycles['1d-in0']).toBeLessThan(cycles.reuse);
    expect(cycles['2d-mcast']).toBeLessThan(cycles.reuse);
    expect(cycles.reuse).toBeLessThan(cycles.dp);
    expect(cycles.dp).toBeLessThan(cycles['1d-in1']);
  });
});

describe('matmul bad input', () => {
  const grid = { rows: 2, cols: 2 };
  it('names the operand whose inner dimension does not match', () => {
    expect(() => runCase({ a: [64, 96], b: [64, 64], grid })).toThrow(/^matmul: b \[64, 64\] has 64 rows, expected 96 \(the columns of a \[64, 96\]\)$/);
  });
  it('refuses a deallocated input, and a refused config leaves no output allocated', () => {
    const device = new Device({ arch: 'wormhole_n150', grid, mode: 'timing' });
    const a = toDevice(device, undefined, [64, 96], 'bf16', DRAM_INTERLEAVED, 'x');
    const b = toDevice(device, undefined, [96, 64], 'bf16', DRAM_INTERLEAVED, 'w');
    const before = device.dram.buffers.length;
    expect(() => matmul(a, b, { strategy: '2d-mcast', config: { in0BlockW: 2 } })).toThrow(/in0_block_w 2 does not divide Kt 3/);
    expect(device.dram.buffers.length).toBe(before);
    b.deallocate();
    expect(() => matmul(a, b)).toThrow(/^matmul: w has been deallocated$/);
  });

  it('lists the known strategies for an unknown one', () => {
    expect(() => runCase({ a: [64, 64], b: [64, 64], grid, op: { strategy: 'fast' as never } })).toThrow(/^matmul: unknown strategy 'fast' \(known: auto, dp, reuse, 2d-mcast, 1d-in0, 1d-in1, dram-sharded\)$/);
  });
  it('says how many bytes of L1 the blocks need, and on which core', () => {
    const big: Case = { a: [64, 32 * 64], b: [32 * 64, 64 * 32], grid: { rows: 1, cols: 1 }, mode: 'timing', op: { strategy: 'reuse', config: { in0BlockW: 64 } } };
    expect(() => runCase(big)).toThrow(/^matmul reuse: a 2×64-tile block of C per core needs \d+ bytes of L1 with K blocks of 64 tiles, and 1\d+ are free on core \(0,0\) \[noc 1,1\]; use smaller per-core blocks or in0_block_w$/);
    // The auto-configuration's own check, before any program is made.
    expect(() => runCase({ ...big, op: { strategy: '2d-mcast', config: { in0BlockW: 64 } } })).toThrow(/^matmul 2×64×64 tiles, 2d-mcast: the CBs of a 2×64 block with in0_block_w 64 take \d+ bytes of L1 on each core, over the \d+ bytes free$/);
  });
  it('rejects config overrides that do not divide the shape or overfill Dst, and blocks needing more cores than the grid', () => {
    const c: Case = { a: [128, 96], b: [96, 128], grid, mode: 'timing' };
    expect(() => runCase({ ...c, op: { strategy: '2d-mcast', config: { in0BlockW: 2 } } })).toThrow(/^matmul 4×3×4 tiles, 2d-mcast: in0_block_w 2 does not divide Kt 3$/);
    expect(() => runCase({ ...c, op: { strategy: '1d-in0', config: { outSubblockH: 3 } } })).toThrow(/^matmul 4×3×4 tiles, 1d-in0: out_subblock_h 3 does not divide per_core_M 4$/);
    expect(() => runCase({ ...c, op: { strategy: '2d-mcast', config: { perCoreM: 1, perCoreN: 1 } } })).toThrow(/^matmul 4×3×4 tiles, 2d-mcast: per-core blocks of 1×1 tiles need 4×4 cores, more than the 2×2 grid$/);
    // reuse's own blocks, with the same checks.
    expect(() => runCase({ ...c, op: { strategy: 'reuse', config: { in0BlockW: 2 } } })).toThrow(/^matmul reuse: in0BlockW 2 does not divide K's 3 tiles$/);
    expect(() => runCase({ ...c, op: { strategy: 'reuse', config: { outSubblockH: 2, outSubblockW: 3 } } })).toThrow(/^matmul reuse: sub-block 2×3 does not divide the per-core block of 2×2 tiles$/);
    expect(() => runCase({ ...c, op: { strategy: 'reuse', config: { perCoreM: 4, perCoreN: 4, outSubblockH: 4, outSubblockW: 4 } } })).toThrow(/^matmul reuse: sub-block 4×4 is over the 8 tiles of a Dst half$/);
  });
});
