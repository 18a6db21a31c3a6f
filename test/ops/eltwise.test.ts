// Eltwise ops on the mesh: add, mul (same shape and row broadcast) and the unary activations,
// interleaved and sharded, against the float64 references; timing mode gives the same cycles.
import { describe, expect, it } from 'vitest';
import type { GridSize } from '../../sim/arch/types.ts';
import { Device, type Mode } from '../../sim/host/device.ts';
import { add as addReference } from '../../sim/models/reference/linear.ts';
import { add, mul, unary, type UnaryFunction } from '../../sim/ops/eltwise/index.ts';
import { geluNewReference, geluReference, reluReference, siluReference } from '../../sim/ops/eltwise/reference.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, shardedL1, toDevice, type MemoryConfig } from '../../sim/tensor/index.ts';
import type { Tensor } from '../../sim/tensor/tensor.ts';
import { expectMeshsimError } from '../support/errors.ts';

// A bf16 output is the exact result rounded once to 8 significant bits: within 2^-8 of it,
// relative; the SFPU's f32 math adds well under 1e-6.
const BF16 = { rel: 2 ** -8, abs: 1e-6 };
// 'gelu' runs the tanh form; it is within 4.8e-4 of the erf form (see sim/ops/eltwise/index.ts).
const GELU_FORM_GAP = 4.8e-4;

const grid2x2: GridSize = { rows: 2, cols: 2 };

function seeded(device: Device, shape: number[], seed: number, memory: MemoryConfig = DRAM_INTERLEAVED, range = 4): Tensor {
  const rand = mulberry32(seed);
  const values = Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => (rand() * 2 - 1) * range);
  return toDevice(device, values, shape, 'bf16', memory, `x${seed}`);
}

// The largest error past the tolerance (≤ 0 when every value is within it).
function excess(got: Float32Array, want: ArrayLike<number>, tol = BF16, extra = 0): number {
  expect(got.length).toBe(want.length);
  let worst = -Infinity;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) - (tol.rel * Math.abs(want[i]) + tol.abs + extra));
  return worst;
}

const cyclesOf = (device: Device) => opsRun(device).map((o) => [o.name, o.strategy, o.cores, o.startCycle, o.endCycle]);

describe('add and mul, interleaved', () => {
  for (const shape of [[64, 96], [2, 45, 70]]) {
    it(`a + b and a · b for ${shape.join('×')} over a 2×2 grid, within bf16 rounding`, () => {
      const device = new Device({ arch: 'wormhole_n150', grid: grid2x2 });
      const [a, b] = [seeded(device, shape, 1), seeded(device, shape, 2)];
      const [av, bv] = [fromDevice(a), fromDevice(b)];
      const sum = add(a, b);
      const product = mul(a, b);
      expect(sum.shape).toEqual(shape);
      expect(sum.where).toBe('DRAM interleaved');
      expect(excess(fromDevice(sum), addReference(av, bv))).toBeLessThanOrEqual(0);
      expect(excess(fromDevice(product), av.map((v, i) => v * bv[i]))).toBeLessThanOrEqual(0);
      const [first] = opsRun(device);
      expect(first.cores).toBe(Math.min(4, sum.layout.tiles));
      expect(fromDevice(a)).toEqual(av); // inputs untouched
    });
  }

  it('broadcasts a [1, cols] b down every row (bias add, scale by a row)', () => {
    const device = new Device({ arch: 'wormhole_n150', grid: grid2x2 });
    const [rows, cols] = [70, 100];
    const a = seeded(device, [2, rows, cols], 3);
    const row = seeded(device, [1, cols], 4);
    const [av, rv] = [fromDevice(a), fromDevice(row)];
    expect(excess(fromDevice(add(a, row)), av.map((v, i) => v + rv[i % cols]))).toBeLessThanOrEqual(0);
    expect(excess(fromDevice(mul(a, row)), av.map((v, i) => v * rv[i % cols]))).toBeLessThanOrEqual(0);
  });

  it('GPT-2 residual add [1, 128, 768] over the 8×8 grid: 96 tiles on 64 cores', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    const [a, b] = [seeded(device, [1, 128, 768], 5), seeded(device, [1, 128, 768], 6)];
    const out = add(a, b);
    expect(excess(fromDevice(out), addReference(fromDevice(a), fromDevice(b)))).toBeLessThanOrEqual(0);
    expect(opsRun(device)[0].cores).toBe(64);
  });
});

describe('unary activations', () => {
  const references: Record<UnaryFunction, (v: number) => number> = { gelu_new: geluNewReference, gelu: geluReference, silu: siluReference, relu: reluReference };
  for (const fn of Object.keys(references) as UnaryFunction[]) {
    it(`${fn} over a 50×130 tensor, within bf16 rounding${fn === 'gelu' ? ' and the tanh form\'s gap' : ''}`, () => {
      const device = new Device({ arch: 'wormhole_n150', grid: grid2x2 });
      const x = seeded(device, [50, 130], 7, DRAM_INTERLEAVED, 6);
      const out = unary(x, fn);
      expect(out.name).toBe(fn);
      expect(excess(fromDevice(out), fromDevice(x).map(references[fn]), BF16, fn === 'gelu' ? GELU_FORM_GAP : 0)).toBeLessThanOrEqual(0);
    });
  }

  it('the engine\'s gelu is gelu_new (tanh form): bit-identical outputs', () => {
    const device = new Device({ arch: 'wormhole_n150', grid: grid2x2 });
    const x = seeded(device, [32, 64], 8, DRAM_INTERLEAVED, 6);
    expect(fromDevice(unary(x, 'gelu'))).toEqual(fromDevice(unary(x, 'gelu_new')));
    let gap = 0;
    for (let v = -8; v <= 8; v += 1 / 1024) gap = Math.max(gap, Math.abs(geluNewReference(v) - geluReference(v)));
    expect(gap).toBeLessThan(GELU_FORM_GAP);
  });
});

describe('add, sharded', () => {
  const block = shardedL1('block', { start: { x: 0, y: 0 }, end: { x: 1, y: 1 } }, [64, 64]);
  it('two block-sharded inputs give a block-sharded output, with no NoC or DRAM traffic', () => {
    const device = new Device({ arch: 'wormhole_n150', grid: grid2x2 });
    const [a, b] = [seeded(device, [100, 128], 9, block), seeded(device, [100, 128], 10, block)];
    const out = add(a, b);
    expect(out.memory).toEqual(block);
    expect(excess(fromDevice(out), addReference(fromDevice(a), fromDevice(b)))).toBeLessThanOrEqual(0);
    const [op] = opsRun(device);
    expect([op.strategy, op.cores, op.output]).toEqual(['sharded', 4, 'L1 block-sharded on 2×2 cores (shards 64×64)']);
    expect([op.summary.noc.utilisation, op.summary.dram.utilisation]).toEqual([0, 0]);
  });
});

describe('timing mode', () => {
  function sequence(mode: Mode) {
    const device = new Device({ arch: 'wormhole_n150', grid: grid2x2, mode });
    const height = shardedL1('height', { start: { x: 0, y: 0 }, end: { x: 1, y: 1 } }, [32, 96]);
    const [a, b, row] = [seeded(device, [96, 96], 1), seeded(device, [96, 96], 2), seeded(device, [1, 96], 3)];
    add(a, b);
    mul(a, row);
    unary(a, 'silu');
    add(seeded(device, [96, 96], 4, height), seeded(device, [96, 96], 5, height));
    return cyclesOf(device);
  }
  it('gives the cycles of functional mode, op by op, and the same again on a second run', () => {
    const functional = sequence('functional');
    expect(sequence('timing')).toEqual(functional);
    expect(sequence('functional')).toEqual(functional);
  });
});

describe('bad input', () => {
  const device = new Device({ arch: 'wormhole_n150', grid: grid2x2, mode: 'timing' });
  const a = seeded(device, [64, 64], 1);
  const sharded = seeded(device, [64, 64], 2, shardedL1('height', { start: { x: 0, y: 0 }, end: { x: 1, y: 0 } }, [32, 64]));
  const other = seeded(device, [64, 64], 3, shardedL1('height', { start: { x: 0, y: 0 }, end: { x: 0, y: 1 } }, [32, 64]));
  const cases: [string, () => unknown, RegExp][] = [
    ['b of another shape', () => add(a, seeded(device, [64, 32], 4)), /^add: b \[64, 32\]: expected a's shape \[64, 64\] or one row \[1, 64\]$/],
    ['an unknown strategy', () => mul(a, a, { strategy: 'mcast' }), /^mul: unknown strategy 'mcast': expected one of interleaved, sharded$/],
    ['sharded and interleaved inputs', () => add(sharded, a), /^add: a is L1 height-sharded .*: expected DRAM interleaved$/],
    ['shards that differ', () => add(sharded, other), /^add sharded: b is L1 height-sharded on 2×1 cores .*: expected L1-sharded as a is/],
    ['an output memory the strategy cannot give', () => add(a, a, { memory: sharded.memory }), /^add interleaved: output memory L1 height-sharded .*: expected DRAM interleaved$/],
    ['an unknown function', () => unary(a, 'gelu_fast' as UnaryFunction), /^unary: unknown function 'gelu_fast': expected one of gelu_new, gelu, silu, relu$/],
  ];
  for (const [what, call, message] of cases) {
    it(`${what}: one line, exit code 3`, () => {
      expectMeshsimError(call, 3, message);
    });
  }
});
