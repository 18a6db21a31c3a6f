// softmax on the mesh against softmaxReference: plain, scaled, masked ([rows, cols] and [1, cols]),
// causal, widths that are and are not multiples of 32; timing mode gives the same cycles.
import { describe, expect, it } from 'vitest';
import { Device, type Mode } from '../../sim/host/device.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { softmax, type SoftmaxOptions } from '../../sim/ops/softmax/index.ts';
import { softmaxReference } from '../../sim/ops/softmax/reference.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice } from '../../sim/tensor/index.ts';
import type { Tensor } from '../../sim/tensor/tensor.ts';
import { expectMeshsimError } from '../support/errors.ts';

// Four passes round to bf16 (x', exp, 1/Σ, the product: 2^-8 each), and x' − max carries x''s
// rounding (2^-9 of |x'| ≤ 4) into exp: within 8 bf16 ulps of p, plus 2^-12 for tiny p.
const TOLERANCE = { rel: 2 ** -5, abs: 2 ** -12 };

function tensor(device: Device, shape: number[], seed: number, value: (rand: () => number) => number, name: string): Tensor {
  const rand = mulberry32(seed);
  return toDevice(device, Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => value(rand)), shape, 'bf16', DRAM_INTERLEAVED, name);
}

interface Case {
  shape: number[];
  options?: Omit<SoftmaxOptions, 'mask'>;
  maskShape?: number[];
}

function check({ shape, options = {}, maskShape }: Case, grid = { rows: 2, cols: 2 }) {
  const device = new Device({ arch: 'wormhole_n150', grid });
  const x = tensor(device, shape, 1, (r) => r() * 8 - 4, 'x');
  // A mask of small offsets, and some positions masked out (as an attention mask's −10000).
  const mask = maskShape && tensor(device, maskShape, 2, (r) => (r() < 0.2 ? -1e4 : r()), 'mask');
  const y = softmax(x, { ...options, mask });
  const [rows, cols] = shape.slice(-2);
  const got = fromDevice(y);
  const want = softmaxReference(fromDevice(x), got.length / cols, cols, { scale: options.scale, causal: options.causal, rowsPerMatrix: rows, mask: mask && fromDevice(mask) });
  let worst = -Infinity;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) - (TOLERANCE.rel * want[i] + TOLERANCE.abs));
  expect(worst).toBeLessThanOrEqual(0);
  if (options.causal) {
    const future = got.filter((v, i) => i % cols > Math.floor(i / cols) % rows && v !== 0);
    expect(future.length).toBe(0);
  }
  return { y, op: opsRun(device)[0] };
}

describe('softmax over the last dim', () => {
  it('plain rows, a width that is a multiple of 32', () => {
    const { y, op } = check({ shape: [2, 64, 96] });
    expect([y.name, y.where, op.strategy, op.cores]).toEqual(['softmax', 'DRAM interleaved', 'interleaved', 4]);
  });

  it('a width that is not a multiple of 32: the padded columns get no weight', () => {
    check({ shape: [70, 100] });
    check({ shape: [40, 33], options: { scale: 2 } });
  });

  it('scaled, then a [rows, cols] mask shared by every matrix', () => {
    check({ shape: [3, 64, 90], options: { scale: 0.125 }, maskShape: [64, 90] });
  });

  it('a [1, cols] mask broadcast down the rows', () => {
    check({ shape: [2, 70, 90], options: { scale: 0.3 }, maskShape: [1, 90] });
  });

  it('causal: the future is exactly 0, tiles above the diagonal are skipped', () => {
    check({ shape: [2, 96, 96], options: { causal: true } });
    check({ shape: [2, 70, 90], options: { causal: true, scale: 0.3 }, maskShape: [70, 90] });
  });

  it('GPT-2 attention scores [1, 12, 128, 128], scaled by 1/8 and causal, over the 8×8 grid', () => {
    const { op } = check({ shape: [1, 12, 128, 128], options: { scale: 0.125, causal: true } }, { rows: 8, cols: 8 });
    expect(op.cores).toBe(48); // 48 tile rows
  });
});

describe('timing mode', () => {
  function cycles(mode: Mode) {
    const device = new Device({ arch: 'wormhole_n150', grid: { rows: 2, cols: 2 }, mode });
    const x = toDevice(device, mode === 'functional' ? new Float32Array(2 * 64 * 90).fill(0.5) : undefined, [2, 64, 90], 'bf16', DRAM_INTERLEAVED, 'x');
    const mask = toDevice(device, mode === 'functional' ? new Float32Array(90) : undefined, [1, 90], 'bf16', DRAM_INTERLEAVED, 'mask');
    softmax(x);
    softmax(x, { scale: 0.5, mask, causal: true });
    return opsRun(device).map((o) => [o.startCycle, o.endCycle]);
  }
  it('gives the cycles of functional mode, op by op', () => {
    expect(cycles('timing')).toEqual(cycles('functional'));
  });
});

describe('bad input', () => {
  const device = new Device({ arch: 'wormhole_n150', grid: { rows: 1, cols: 1 }, mode: 'timing' });
  const x = toDevice(device, undefined, [64, 64], 'bf16', DRAM_INTERLEAVED, 'x');
  const cases: [string, () => unknown, RegExp][] = [
    ['a mask of the wrong shape', () => softmax(x, { mask: toDevice(device, undefined, [64, 32], 'bf16', DRAM_INTERLEAVED, 'm') }), /^softmax: mask \[64, 32\]: expected \[64, 64\] or \[1, 64\] for x \[64, 64\]$/],
    ['an unknown strategy', () => softmax(x, { strategy: 'sharded' }), /^softmax: unknown strategy 'sharded': expected one of interleaved$/],
    ['a scale that is not finite', () => softmax(x, { scale: NaN }), /^softmax: scale NaN: expected a finite number$/],
    ['a row too wide for L1', () => softmax(toDevice(device, undefined, [32, 32 * 1024], 'bf16', DRAM_INTERLEAVED, 'wide')), /^softmax: x \[32, 32768\]: a row of 1024 tiles needs \d+ bytes of L1 per core .*: expected at most \d+ columns$/],
  ];
  for (const [what, call, message] of cases) {
    it(`${what}: one line, exit code 3`, () => {
      expectMeshsimError(call, 3, message);
    });
  }
});
