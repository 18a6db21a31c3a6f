// layerNorm / rmsNorm on the device against the float64 references, per partitioning: values within
// a bf16 tolerance, padded columns that do not disturb the statistics, timing == functional cycles,
// bit-identical reruns, and bad input named in one line.
import { describe, expect, it } from 'vitest';
import type { ArchPreset } from '../../sim/arch/types.ts';
import { untilize } from '../../sim/compute/formats.ts';
import { Device } from '../../sim/host/device.ts';
import { LAYERNORM_ENTRIES } from '../../sim/ops/layernorm/entry.ts';
import { layerNorm, rmsNorm } from '../../sim/ops/layernorm/index.ts';
import { layerNormReference, rmsNormReference } from '../../sim/ops/layernorm/reference.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, shardedL1, toDevice, type MemoryConfig } from '../../sim/tensor/index.ts';

// bf16 throughout (x, E[x], x − E[x], its square, rsqrt, each product): about four roundings of
// 2⁻⁹ relative, and the output's own (an ulp of 2⁻⁷·|y|), so the bound grows with |y|.
const tolerance = (ref: number) => 0.02 + 0.015 * Math.abs(ref);

function normal(count: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: count }, () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand()));
}

interface Case {
  op: 'layernorm' | 'rmsnorm';
  arch: string | ArchPreset;
  shape: number[];
  memory?: MemoryConfig;
  affine?: boolean; // gamma (≈ 1) and beta (≈ 0)
}

function run(c: Case, mode: 'functional' | 'timing') {
  const device = new Device({ arch: c.arch, mode });
  const cols = c.shape[c.shape.length - 1];
  const rows = c.shape.slice(0, -1).reduce((a, b) => a * b, 1);
  const x = normal(rows * cols, 1);
  const g = c.affine ? normal(cols, 2).map((v) => 1 + 0.1 * v) : undefined;
  const b = c.affine && c.op === 'layernorm' ? normal(cols, 3).map((v) => 0.1 * v) : undefined;
  const param = (v: Float32Array | undefined, name: string) => v && toDevice(device, v, [1, cols], 'bf16', DRAM_INTERLEAVED, name);
  const xt = toDevice(device, x, c.shape, 'bf16', c.memory ?? DRAM_INTERLEAVED, 'x');
  const [gamma, beta] = [param(g, 'gamma'), param(b, 'beta')];
  const y = c.op === 'layernorm' ? layerNorm(xt, { gamma, beta, eps: 1e-5 }) : rmsNorm(xt, { gamma, eps: 1e-5 });
  const ref = c.op === 'layernorm' ? layerNormReference(x, rows, cols, g, b, 1e-5) : rmsNormReference(x, rows, cols, g, 1e-5);
  return { device, y, ref, stats: opsRun(device)[0] };
}

function check(c: Case) {
  const f = run(c, 'functional');
  const out = fromDevice(f.y);
  let worst = 0;
  for (let i = 0; i < out.length; i++) worst = Math.max(worst, Math.abs(out[i] - f.ref[i]) / tolerance(f.ref[i]));
  expect(worst).toBeLessThanOrEqual(1);
  expect(run(c, 'timing').stats.summary.cycles).toBe(f.stats.summary.cycles);
  expect(f.stats.summary.cycles).toBeGreaterThan(0);
  return f;
}

const GPT2 = [1, 128, 768];

describe('interleaved', () => {
  it('layerNorm of GPT-2 [1, 128, 768] on an 8x8 wormhole_n150, over the tile-rows', () => {
    const f = check({ op: 'layernorm', arch: 'wormhole_n150', shape: GPT2, affine: true });
    expect([f.stats.name, f.stats.strategy, f.stats.cores, f.stats.output]).toEqual(['layernorm', 'interleaved', 4, 'DRAM interleaved']);
  });

  it('rmsNorm of [1, 128, 768] on an 8x8 wormhole_n150', () => {
    check({ op: 'rmsnorm', arch: 'wormhole_n150', shape: GPT2, affine: true });
  });

  it('odd shapes on teach_2x2: padded rows and columns, batched, with and without gamma / beta', () => {
    check({ op: 'layernorm', arch: 'teach_2x2', shape: [2, 70, 45], affine: true });
    check({ op: 'layernorm', arch: 'teach_2x2', shape: [70, 45] });
    check({ op: 'rmsnorm', arch: 'teach_2x2', shape: [2, 33, 100], affine: true });
  });

  it('leaves the padded columns of the output zero (the mask), so they never reached the variance', () => {
    const { y } = run({ op: 'layernorm', arch: 'teach_2x2', shape: [40, 45] }, 'functional');
    const padded = untilize(y.device.readBuffer(y.dram), 64, 64, 'bf16');
    for (let r = 0; r < 40; r++) expect(padded.subarray(r * 64 + 45, r * 64 + 64).every((v) => v === 0)).toBe(true); // ±0
  });

  it('gives bit-identical values and cycles on a rerun', () => {
    const c: Case = { op: 'layernorm', arch: 'teach_2x2', shape: [64, 96], affine: true };
    const [a, b] = [run(c, 'functional'), run(c, 'functional')];
    expect(fromDevice(a.y)).toEqual(fromDevice(b.y));
    expect(a.stats.summary.cycles).toBe(b.stats.summary.cycles);
  });
});

const range = (rows: number, cols: number) => ({ start: { x: 0, y: 0 }, end: { x: cols - 1, y: rows - 1 } });

describe('sharded', () => {
  it('height-sharded GPT-2 [1, 128, 768] on 4 cores of an 8x8 wormhole_n150, in place: the output sharded the same way', () => {
    const memory = shardedL1('height', range(1, 4), [32, 768]);
    const f = check({ op: 'layernorm', arch: 'wormhole_n150', shape: GPT2, memory, affine: true });
    expect(f.y.memory).toEqual(memory);
    expect([f.stats.strategy, f.stats.cores]).toEqual(['sharded', 4]);
  });

  it('block-sharded GPT-2 [1, 128, 768] on 4×8 cores: each row of cores shares its partial E[x], E[x²]', () => {
    const f = check({ op: 'layernorm', arch: 'wormhole_n150', shape: GPT2, memory: shardedL1('block', range(4, 8), [32, 96]), affine: true });
    expect(f.stats.cores).toBe(32);
    check({ op: 'rmsnorm', arch: 'wormhole_n150', shape: GPT2, memory: shardedL1('block', range(4, 8), [32, 96]), affine: true });
  });

  it('odd shapes on teach_2x2: a partial last shard, padded columns in the last block, col-major blocks', () => {
    check({ op: 'layernorm', arch: 'teach_2x2', shape: [70, 100], memory: shardedL1('height', range(2, 2), [32, 128]), affine: true });
    check({ op: 'rmsnorm', arch: 'teach_2x2', shape: [70, 100], memory: shardedL1('height', range(2, 2), [32, 128]) });
    check({ op: 'layernorm', arch: 'teach_2x2', shape: [70, 100], memory: shardedL1('block', range(2, 2), [64, 64]), affine: true });
    check({ op: 'layernorm', arch: 'teach_2x2', shape: [2, 64, 100], memory: shardedL1('block', range(2, 2), [64, 64], 'col-major') });
    check({ op: 'rmsnorm', arch: 'teach_2x2', shape: [70, 100], memory: shardedL1('block', range(2, 2), [64, 64]), affine: true });
  });
});

describe('meshsim op entries', () => {
  it('run layernorm and rmsnorm on seeded inputs for each strategy, checked against the references', () => {
    for (const e of LAYERNORM_ENTRIES) {
      for (const strategy of e.strategies) {
        const device = new Device({ arch: 'teach_2x2' });
        const { output, check } = e.run(device, [70, 100], { strategy, seed: 1 });
        expect([e.name, strategy, check?.passed]).toEqual([e.name, strategy, true]);
        expect(opsRun(device).map((o) => [o.name, o.strategy, o.output])).toEqual([[e.name, strategy, output.where]]);
      }
    }
  });
});

describe('bad input', () => {
  const device = new Device({ arch: 'teach_2x2', mode: 'timing' });
  const x = toDevice(device, undefined, [64, 64], 'bf16', DRAM_INTERLEAVED, 'x');
  it('names the op, the operand and what was expected', () => {
    expect(() => layerNorm(x, { eps: 1e-5, strategy: 'fast' as never })).toThrow("layernorm: unknown strategy 'fast' (known: interleaved, sharded)");
    const gamma = toDevice(device, undefined, [1, 96], 'bf16', DRAM_INTERLEAVED, 'gamma');
    expect(() => layerNorm(x, { gamma, eps: 1e-5 })).toThrow('layernorm: gamma [1, 96]: expected [1, 64] (one row of x\'s 64 columns)');
    expect(() => rmsNorm(x, { eps: -1 })).toThrow('rmsnorm: eps -1: expected a finite number ≥ 0');
    expect(() => rmsNorm(x, { eps: 1e-5, strategy: 'sharded' })).toThrow('rmsnorm sharded: x is DRAM interleaved: expected L1 height- or block-sharded');
    const all = { start: { x: 0, y: 0 }, end: { x: 1, y: 0 } };
    expect(() => layerNorm(x, { eps: 1e-5, memory: shardedL1('height', all, [32, 64]) })).toThrow('layernorm interleaved: output memory L1 height-sharded on 1×2 cores (shards 32×64): this strategy gives DRAM interleaved');
    const wide = toDevice(device, undefined, [64, 64], 'bf16', shardedL1('width', range(1, 2), [64, 32]), 'x');
    expect(() => layerNorm(wide, { eps: 1e-5 })).toThrow('layernorm sharded: x is width-sharded: expected height or block sharding');
    const long = toDevice(device, undefined, [32, 16384], 'bf16', DRAM_INTERLEAVED, 'x');
    expect(() => layerNorm(long, { eps: 1e-5 })).toThrow(/^layernorm: a row of 16384 columns needs \d+ bytes of circular buffers per core and \d+ bytes of L1 are free$/);
    const uneven = toDevice(device, undefined, [64, 96], 'bf16', shardedL1('block', range(2, 2), [32, 64]), 'x');
    expect(() => rmsNorm(uneven, { eps: 1e-5 })).toThrow('rmsnorm sharded: block shards of 64 columns do not split x\'s 96 (tile-padded) columns evenly');
  });
});
