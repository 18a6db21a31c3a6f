// Memory-config conversions as programs: values survive every round trip exactly, each conversion
// is an op that takes cycles, the same cycles in timing mode, and bad configs are named.
import { describe, expect, it } from 'vitest';
import { Device } from '../../sim/host/device.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { mulberry32 } from '../../sim/random.ts';
import { interleavedToSharded, reshard, shardedToInterleaved } from '../../sim/tensor/convert.ts';
import { DRAM_INTERLEAVED, describeMemory, fromDevice, shardedL1, toDevice, type MemoryConfig } from '../../sim/tensor/index.ts';

// Values bf16 holds exactly, so round trips compare for equality.
function bf16Values(count: number): Float32Array {
  const rand = mulberry32(5);
  return Float32Array.from({ length: count }, () => Math.round((rand() * 2 - 1) * 128) / 64);
}

const range = (rows: number, cols: number, x = 0, y = 0) => ({ start: { x, y }, end: { x: x + cols - 1, y: y + rows - 1 } });

// x interleaved → `first` → each of `then` (reshards) → interleaved; the values at every step and the op log.
function roundTrip(mode: 'functional' | 'timing', shape: number[], first: MemoryConfig, then: MemoryConfig[] = []) {
  const device = new Device({ arch: 'wormhole_n150', mode });
  const values = bf16Values(shape.reduce((a, b) => a * b, 1));
  const x = toDevice(device, values, shape, 'bf16', DRAM_INTERLEAVED, 'x');
  const steps = [interleavedToSharded(x, first)];
  for (const m of then) steps.push(reshard(steps[steps.length - 1], m));
  steps.push(shardedToInterleaved(steps[steps.length - 1]));
  return { values, steps, ops: opsRun(device).map((o) => [o.name, o.strategy, o.summary.cycles, o.output] as const) };
}

function check(shape: number[], first: MemoryConfig, then: MemoryConfig[] = []) {
  const f = roundTrip('functional', shape, first, then);
  for (const t of f.steps) expect(fromDevice(t)).toEqual(f.values);
  expect(f.steps.map((t) => t.where)).toEqual([first, ...then, DRAM_INTERLEAVED].map(describeMemory));
  for (const [, , cycles] of f.ops) expect(cycles).toBeGreaterThan(0);
  expect(roundTrip('timing', shape, first, then).ops).toEqual(f.ops);
  return f.ops;
}

describe('interleaved ⇄ sharded', () => {
  it('height shards, the last one partly empty, batched and padded', () => {
    const ops = check([2, 70, 100], shardedL1('height', range(2, 2), [64, 128]));
    expect(ops.map(([name, strategy, , output]) => [name, strategy, output])).toEqual([
      ['interleaved_to_sharded', 'height-sharded', 'L1 height-sharded on 2×2 cores (shards 64×128)'],
      ['sharded_to_interleaved', 'height-sharded', 'DRAM interleaved'],
    ]);
  });

  it('width and block shards, row- and column-major', () => {
    check([64, 256], shardedL1('width', range(1, 4), [64, 64]));
    check([128, 192], shardedL1('block', range(2, 3), [64, 64]));
    check([128, 192], shardedL1('block', range(3, 2), [64, 64], 'col-major'));
  });

  it('GPT-2 activations [1, 128, 768] height-sharded over 4 cores of an 8x8 grid', () => {
    check([1, 128, 768], shardedL1('height', range(1, 4), [32, 768]));
  });
});

describe('reshard', () => {
  it('moves tiles between L1s: height to block (on other cores) to col-major height to width', () => {
    check([128, 192], shardedL1('height', range(2, 2), [32, 192]), [
      shardedL1('block', range(2, 3, 2, 3), [64, 64]),
      shardedL1('height', range(2, 2), [64, 192], 'col-major'),
      shardedL1('width', range(2, 3), [128, 32]),
    ]);
  });
});

describe('bad input', () => {
  const device = new Device({ arch: 'wormhole_n150', mode: 'timing' });
  const x = toDevice(device, undefined, [64, 64], 'bf16', DRAM_INTERLEAVED, 'x');
  const sharded = shardedL1('height', range(1, 2), [32, 64]);
  it('names the conversion, the operand and the memory expected', () => {
    expect(() => interleavedToSharded(x, DRAM_INTERLEAVED)).toThrow('interleaved_to_sharded: memory is DRAM interleaved: expected L1 sharded');
    expect(() => shardedToInterleaved(x)).toThrow('sharded_to_interleaved: x is DRAM interleaved: expected L1 sharded');
    const s = interleavedToSharded(x, sharded);
    expect(() => interleavedToSharded(s, sharded)).toThrow('interleaved_to_sharded: x is L1 height-sharded on 1×2 cores (shards 32×64): expected DRAM interleaved');
    expect(() => reshard(s, DRAM_INTERLEAVED)).toThrow('reshard: memory is DRAM interleaved: expected L1 sharded');
  });
});
