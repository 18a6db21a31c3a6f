// The rotary program against the float64 rotaryReference, with llama3 scaling: prefill (row r of a
// head matrix uses table row r) and decode (user b's head rows use table row b), head dims 32 (the
// rotation-tile matmul), 64 and 128 (the halves as whole tiles).
import { describe, expect, it } from 'vitest';
import { Device, type Mode } from '../../sim/host/device.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { rotaryReference } from '../../sim/ops/rotary/reference.ts';
import { ropeTableTensors, rotary, rotaryDecode } from '../../sim/ops/rotary/index.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice } from '../../sim/tensor/index.ts';
import type { Tensor } from '../../sim/tensor/tensor.ts';

const LLAMA3 = { factor: 32, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8192 };
const THETA = 500000;
// bf16 keeps 8 significant bits: each product and the sum round once (2^-8 each, relative), and
// |x| ≤ 1, |cos|, |sin| ≤ 1, so 3·2^-8 of the magnitude bounds the error.
const TOLERANCE = 3 / 256;

const device = (mode: Mode = 'functional') => new Device({ arch: 'wormhole_n150', grid: { rows: 2, cols: 2 }, mode });

function input(d: Device, shape: number[], seed: number): Tensor {
  const rand = mulberry32(seed);
  return toDevice(d, Float32Array.from({ length: shape.reduce((a, b) => a * b) }, () => rand() * 2 - 1), shape, 'bf16', DRAM_INTERLEAVED, 'x');
}

// The reference for `matrices` head matrices of `rows` rows, matrix m row r using table row tableRow(m, r).
function expected(x: Float32Array, matrices: number, rows: number, D: number, cos: Float32Array, sin: Float32Array, tableRow: (m: number, r: number) => number): Float64Array {
  const out = new Float64Array(x.length);
  for (let m = 0; m < matrices; m++) {
    for (let r = 0; r < rows; r++) {
      const at = (m * rows + r) * D;
      const t = tableRow(m, r) * D;
      out.set(rotaryReference(x.subarray(at, at + D), 1, D, cos.subarray(t, t + D), sin.subarray(t, t + D)), at);
    }
  }
  return out;
}

function maxError(a: Float32Array, b: Float64Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
}

describe('rotary (prefill)', () => {
  const cases = [
    { name: 'head dim 32 (rotation tile), 40 rows', B: 2, H: 2, S: 40, D: 32, start: 0 },
    { name: 'head dim 64, from position 1000', B: 1, H: 3, S: 64, D: 64, start: 1000 },
    { name: 'head dim 128, 8 heads', B: 1, H: 8, S: 32, D: 128, start: 5 },
  ];
  for (const c of cases) {
    it(`matches rotaryReference with llama3 scaling: ${c.name}`, () => {
      const d = device();
      const x = input(d, [c.B, c.H, c.S, c.D], 7);
      const positions = Array.from({ length: c.S }, (_, i) => c.start + i);
      const { cos, sin } = ropeTableTensors(d, c.D, positions, THETA, LLAMA3);
      const out = rotary(x, cos, sin);
      expect(out.shape).toEqual([c.B, c.H, c.S, c.D]);
      const want = expected(fromDevice(x), c.B * c.H, c.S, c.D, fromDevice(cos), fromDevice(sin), (_, r) => r);
      expect(maxError(fromDevice(out), want)).toBeLessThan(TOLERANCE);
      expect(opsRun(d).map((o) => [o.name, o.strategy])).toEqual([['rotary', 'prefill']]);
    });
  }
});

describe('rotaryDecode', () => {
  const cases = [
    { name: 'head dim 32, 3 users', B: 3, H: 4, D: 32 },
    { name: 'Llama 3.2 1B q: 32 heads of 64, 8 users', B: 8, H: 32, D: 64 },
    { name: 'head dim 128, 40 heads (two head tiles)', B: 2, H: 40, D: 128 },
  ];
  for (const c of cases) {
    it(`uses table row b for every head row of user b: ${c.name}`, () => {
      const d = device();
      const x = input(d, [1, c.B, c.H, c.D], 9);
      const positions = Array.from({ length: c.B }, (_, b) => 17 + 301 * b); // a distinct position per user
      const { cos, sin } = ropeTableTensors(d, c.D, positions, THETA, LLAMA3);
      const out = rotaryDecode(x, cos, sin);
      expect(out.shape).toEqual([1, c.B, c.H, c.D]);
      const want = expected(fromDevice(x), c.B, c.H, c.D, fromDevice(cos), fromDevice(sin), (b) => b);
      expect(maxError(fromDevice(out), want)).toBeLessThan(TOLERANCE);
      expect(opsRun(d).map((o) => [o.name, o.strategy])).toEqual([['rotary', 'decode']]);
    });
  }
});

describe('cycles', () => {
  it('are the same in timing and functional mode, and repeat exactly', () => {
    const run = (mode: Mode) => {
      const d = device(mode);
      for (const D of [32, 64]) {
        const p = ropeTableTensors(d, D, Array.from({ length: 34 }, (_, i) => i), THETA, LLAMA3);
        rotary(input(d, [1, 2, 34, D], 1), p.cos, p.sin);
        const t = ropeTableTensors(d, D, [3, 9, 27], THETA);
        rotaryDecode(input(d, [1, 3, 8, D], 2), t.cos, t.sin);
      }
      return opsRun(d).map((o) => o.summary.cycles);
    };
    const functional = run('functional');
    expect(run('timing')).toEqual(functional);
    expect(run('functional')).toEqual(functional);
  });
});

describe('bad input', () => {
  const d = device('timing');
  const tables = (rows: number, D: number) => ropeTableTensors(d, D, Array.from({ length: rows }, (_, i) => i), THETA);
  it('names a head dim whose halves are not whole tiles', () => {
    const t = tables(32, 96);
    expect(() => rotary(toDevice(d, undefined, [1, 1, 32, 96], 'bf16', DRAM_INTERLEAVED), t.cos, t.sin)).toThrow('rotary: head dim 96, expected 32 or a multiple of 64 (the halves in whole tiles)');
  });
  it('names tables that do not have a row per position or per user', () => {
    const t = tables(16, 64);
    expect(() => rotary(toDevice(d, undefined, [1, 2, 32, 64], 'bf16', DRAM_INTERLEAVED), t.cos, t.sin)).toThrow('rotary: cos has shape [16, 64], expected [32, 64] (a row per position of x)');
    expect(() => rotaryDecode(toDevice(d, undefined, [1, 4, 8, 64], 'bf16', DRAM_INTERLEAVED), t.cos, t.sin)).toThrow('rotaryDecode: cos has shape [16, 64], expected [4, 64] (a row per user)');
  });
});
