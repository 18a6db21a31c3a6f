// Every compute op end to end on one core (DRAM → reader → compute kernel → writer → DRAM), in
// functional mode against a float64 reference, with its tolerance written here; the per-op cycle
// costs; and the same cycles in timing mode.
import { describe, expect, it } from 'vitest';
import type { Fidelity } from '../../sim/arch/types.ts';
import { TILE_COSTS } from '../../sim/compute/costs.ts';
import { SFPU_OPS } from '../../sim/core/mmio.ts';
import { mulberry32 } from '../../sim/random.ts';
import { runCompute, type ComputeRun, type Tensor } from '../support/compute.ts';

const rand = mulberry32(2026);

function tensor(rows: number, cols: number, lo = -2, hi = 2): Tensor {
  return { rows, cols, values: Float32Array.from({ length: rows * cols }, () => lo + (hi - lo) * rand()) };
}

// What the unpacker sees of a bf16 input: the value rounded to bf16 (nearest even).
const bf16 = (x: number) => {
  const f = new Float32Array([x]);
  const u = new Uint32Array(f.buffer);
  u[0] = (u[0] + 0x7fff + ((u[0] >>> 16) & 1)) & 0xffff0000;
  return f[0];
};

// The largest error of `out` against `ref`, relative to `scale` (a per-element magnitude).
function worst(out: Float32Array, ref: (i: number) => number, scale: (i: number) => number): number {
  let e = 0;
  for (let i = 0; i < out.length; i++) e = Math.max(e, Math.abs(out[i] - ref(i)) / Math.max(scale(i), 1e-30));
  return e;
}

const binary = (op: number, bcast: number, a: Tensor, b: Tensor, fidelity?: Fidelity): ComputeRun => ({
  kernel: 'compute/eltwise_binary',
  args: [op, bcast, (a.rows / 32) * (a.cols / 32)],
  inputs: [{ cb: 0, format: 'bf16', tensor: a }, { cb: 1, format: 'bf16', tensor: b }],
  output: { format: 'bf16', rows: a.rows, cols: a.cols },
  mathFidelity: fidelity,
});

const matmul = (a: Tensor, b: Tensor, opts: Partial<ComputeRun> = {}): ComputeRun => ({
  kernel: 'compute/matmul',
  args: [(a.rows / 32) * (b.cols / 32), a.cols / 32],
  matmul: { Mt: a.rows / 32, Kt: a.cols / 32, Nt: b.cols / 32 },
  inputs: [{ cb: 0, format: 'bf16', tensor: a }, { cb: 1, format: 'bf16', tensor: b }],
  output: { format: 'bf16', rows: a.rows, cols: b.cols },
  ...opts,
});

const floatBits = (x: number) => new Uint32Array(new Float32Array([x]).buffer)[0];
const SFPU_PARAM: Partial<Record<(typeof SFPU_OPS)[number], number>> = { leaky_relu: 0.125, add_scalar: 1.5, mul_scalar: -2 };

const sfpu = (op: number, a: Tensor): ComputeRun => ({
  kernel: 'compute/eltwise_sfpu',
  args: [op, (a.rows / 32) * (a.cols / 32), floatBits(SFPU_PARAM[SFPU_OPS[op]] ?? 0)],
  inputs: [{ cb: 0, format: 'bf16', tensor: a }],
  output: { format: 'bf16', rows: a.rows, cols: a.cols },
});

const reduce = (op: number, dim: number, a: Tensor, scaler: number): ComputeRun => ({
  kernel: 'compute/reduce',
  args: [op, dim, a.cols / 32, a.rows / 32],
  inputs: [{ cb: 0, format: 'bf16', tensor: a }, { cb: 2, format: 'bf16', tensor: { rows: 32, cols: 32, values: new Float32Array(1024).fill(scaler) } }],
  output: { format: 'bf16', rows: a.rows, cols: 32 },
});

const transpose = (a: Tensor): ComputeRun => ({
  kernel: 'compute/transpose',
  args: [(a.rows / 32) * (a.cols / 32)],
  inputs: [{ cb: 0, format: 'bf16', tensor: a }],
  output: { format: 'bf16', rows: a.rows, cols: a.cols },
});

// Reference for a (rows × 32·Wt) input reduced group by group: each 32-row block of tiles.
function matmulRef(a: Tensor, b: Tensor) {
  const n = b.cols;
  return {
    ref: (i: number) => { let s = 0; for (let k = 0; k < a.cols; k++) s += bf16(a.values[Math.floor(i / n) * a.cols + k]) * bf16(b.values[k * n + (i % n)]); return s; },
    scale: (i: number) => { let s = 0; for (let k = 0; k < a.cols; k++) s += Math.abs(a.values[Math.floor(i / n) * a.cols + k] * b.values[k * n + (i % n)]); return s; },
  };
}

describe('element-wise binary ops (bf16, HiFi4)', () => {
  const a = tensor(64, 64);
  const b = tensor(64, 64);
  const ops = [(x: number, y: number) => x + y, (x: number, y: number) => x - y, (x: number, y: number) => x * y];
  // Broadcast: the operand b value used at (r, c) of a 32×32 tile.
  const pick = [
    (r: number, c: number) => [r, c],
    (_r: number, c: number) => [0, c],
    (r: number) => [r, 0],
    () => [0, 0],
  ];
  for (const [opId, opName] of ['add', 'sub', 'mul'].entries()) {
    for (const [bcast, bcName] of ['none', 'rows', 'cols', 'scalar'].entries()) {
      it(`${opName}, broadcast ${bcName}: within one bf16 rounding (2^-8 relative to |a|+|b|)`, () => {
        const { out } = runCompute(binary(opId, bcast, a, b));
        const bAt = (i: number) => {
          const r = Math.floor(i / 64), c = i % 64;
          const [br, bc] = pick[bcast](r % 32, c % 32);
          return b.values[(r - (r % 32) + br) * 64 + (c - (c % 32) + bc)];
        };
        const ref = (i: number) => ops[opId](bf16(a.values[i]), bf16(bAt(i)));
        const scale = (i: number) => (opId === 2 ? Math.abs(ref(i)) : Math.abs(a.values[i]) + Math.abs(bAt(i)));
        expect(worst(out, ref, scale)).toBeLessThanOrEqual(2 ** -8);
      });
    }
  }

  it('mul at LoFi loses precision the way the multiplier does (more error than HiFi4)', () => {
    const err = (f: Fidelity) => worst(runCompute(binary(2, 0, a, b, f)).out, (i) => bf16(a.values[i]) * bf16(b.values[i]), (i) => Math.abs(a.values[i] * b.values[i]));
    const [lofi, hifi4] = [err('LoFi'), err('HiFi4')];
    expect(hifi4).toBeLessThanOrEqual(2 ** -8);
    expect(lofi).toBeGreaterThan(4 * hifi4);
    expect(lofi).toBeLessThanOrEqual(2 ** -3); // 5 significant bits of one operand
  });
});

describe('matmul_tiles', () => {
  const a = tensor(64, 128, -1, 1);
  const b = tensor(128, 64, -1, 1);
  const { ref, scale } = matmulRef(a, b);

  it('HiFi4, bf16 Dst: within 2^-6 of Σ|a·b| (Dst rounded to bf16 after each of 4 accumulations)', () => {
    expect(worst(runCompute(matmul(a, b)).out, ref, scale)).toBeLessThanOrEqual(2 ** -6);
  });

  it('HiFi4 with fp32 accumulation: within 2^-8 (one rounding, at the pack)', () => {
    expect(worst(runCompute(matmul(a, b, { fp32DestAccEn: true })).out, ref, scale)).toBeLessThanOrEqual(2 ** -8);
  });

  it('fidelity changes the result: LoFi > HiFi2 > HiFi4 in error, with fp32 accumulation', () => {
    const err = (f: Fidelity) => worst(runCompute(matmul(a, b, { mathFidelity: f, fp32DestAccEn: true })).out, ref, scale);
    const [lofi, hifi2, hifi3, hifi4] = (['LoFi', 'HiFi2', 'HiFi3', 'HiFi4'] as const).map(err);
    expect(lofi).toBeGreaterThan(hifi2);
    expect(hifi2).toBeGreaterThan(hifi4);
    expect(hifi3).toBeLessThanOrEqual(hifi2);
    expect(lofi).toBeLessThanOrEqual(2 ** -3);
  });

  it('bfp8_b inputs: within 2^-5 of Σ|a·b| (7-bit shared-exponent mantissas)', () => {
    const run = matmul(a, b, { fp32DestAccEn: true });
    run.inputs = run.inputs.map((i) => ({ ...i, format: 'bfp8_b' }));
    expect(worst(runCompute(run).out, ref, scale)).toBeLessThanOrEqual(2 ** -5);
  });
});

describe('SFPU ops (bf16 in and out)', () => {
  const domain: Record<string, [number, number]> = { log: [0.1, 8], sqrt: [0, 8], rsqrt: [0.1, 8], recip: [0.2, 8] };
  const f64: Record<(typeof SFPU_OPS)[number], (x: number) => number> = {
    exp: Math.exp,
    recip: (x) => 1 / x,
    sqrt: Math.sqrt,
    rsqrt: (x) => 1 / Math.sqrt(x),
    gelu: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
    sigmoid: (x) => 1 / (1 + Math.exp(-x)),
    silu: (x) => x / (1 + Math.exp(-x)),
    tanh: Math.tanh,
    relu: (x) => Math.max(0, x),
    square: (x) => x * x,
    log: Math.log,
    leaky_relu: (x) => (x < 0 ? SFPU_PARAM.leaky_relu! * x : x),
    add_scalar: (x) => x + SFPU_PARAM.add_scalar!,
    mul_scalar: (x) => x * SFPU_PARAM.mul_scalar!,
  };
  for (const [id, op] of SFPU_OPS.entries()) {
    it(`${op}: within 2^-7 relative (or 2^-7 absolute near zero)`, () => {
      const [lo, hi] = domain[op] ?? [-3, 3];
      const a = tensor(32, 64, lo, hi);
      const { out } = runCompute(sfpu(id, a));
      const ref = (i: number) => f64[op](bf16(a.values[i]));
      expect(worst(out, ref, (i) => Math.max(Math.abs(ref(i)), 1))).toBeLessThanOrEqual(2 ** -7);
    });
  }
});

describe('reduce_tile and transpose_wh_tile', () => {
  const a = tensor(64, 96);
  const rowRef = (op: 'sum' | 'max', r: number, scaler: number) => {
    const row = Array.from({ length: 96 }, (_, c) => bf16(a.values[r * 96 + c]));
    return scaler * (op === 'sum' ? row.reduce((s, x) => s + x, 0) : Math.max(...row));
  };

  it('sum along rows of 3 tiles, scaled: column 0 holds each row sum, within 2^-6 of Σ|x|', () => {
    const { out } = runCompute(reduce(0, 0, a, 0.5));
    for (let r = 0; r < 64; r++) {
      const scale = 0.5 * Array.from({ length: 96 }, (_, c) => Math.abs(a.values[r * 96 + c])).reduce((s, x) => s + x, 0);
      expect(Math.abs(out[r * 32] - rowRef('sum', r, 0.5)) / scale).toBeLessThanOrEqual(2 ** -6);
      expect(out[r * 32 + 1]).toBe(0);
    }
  });

  it('max along rows: exact (a max needs no rounding)', () => {
    const { out } = runCompute(reduce(1, 0, a, 1));
    for (let r = 0; r < 64; r++) expect(out[r * 32]).toBe(rowRef('max', r, 1));
  });

  it('sum along columns: row 0 of each output tile holds the column sums of its tiles', () => {
    const x = tensor(32, 32);
    const { out } = runCompute(reduce(0, 1, x, 1));
    for (let c = 0; c < 32; c++) {
      const col = Array.from({ length: 32 }, (_, r) => bf16(x.values[r * 32 + c]));
      const scale = col.reduce((s, v) => s + Math.abs(v), 0);
      expect(Math.abs(out[c] - col.reduce((s, v) => s + v, 0)) / scale).toBeLessThanOrEqual(2 ** -7);
    }
  });

  it('transpose: exact', () => {
    const x = tensor(64, 32);
    const { out } = runCompute(transpose(x));
    for (let t = 0; t < 2; t++) for (let r = 0; r < 32; r++) for (let c = 0; c < 32; c++) {
      expect(out[(t * 32 + r) * 32 + c]).toBe(bf16(x.values[(t * 32 + c) * 32 + r]));
    }
  });
});

describe('tile engine timing', () => {
  const one = tensor(32, 32);
  it('matmul costs 16/32/48/64 math cycles per tile by fidelity [GEMM]', () => {
    const math = (f: Fidelity) => runCompute(matmul(one, one, { mathFidelity: f, mode: 'timing' })).result.tileEngines[0].mathBusyCycles;
    expect((['LoFi', 'HiFi2', 'HiFi3', 'HiFi4'] as const).map(math)).toEqual([16, 32, 48, 64]);
  });

  it('per-tile unpack, math and pack costs of each op', () => {
    const stats = (run: ComputeRun) => runCompute({ ...run, mode: 'timing' }).result.tileEngines[0];
    const twoBf16 = Math.ceil(4096 / TILE_COSTS.unpackTwoBytesPerCycle); // 52
    const pack = 2048 / TILE_COSTS.packBytesPerCycle; // 32
    expect(stats(binary(0, 0, one, one))).toMatchObject({ tiles: 1, unpackBusyCycles: twoBf16, mathBusyCycles: 8, packBusyCycles: pack });
    expect(stats(binary(2, 0, one, one, 'HiFi2'))).toMatchObject({ mathBusyCycles: 16 });
    expect(stats(transpose(one))).toMatchObject({ unpackBusyCycles: 32, mathBusyCycles: 8, packBusyCycles: pack });
    expect(stats(reduce(0, 0, one, 1))).toMatchObject({ unpackBusyCycles: twoBf16, mathBusyCycles: 16 }); // 4 × 4 phases
    expect(stats(sfpu(0, one))).toMatchObject({ tiles: 2, mathBusyCycles: 8 + 32 * 12 }); // copy + exp
  });

  it('stages overlap: a longer matmul chain is bound by its slowest stage, not the sum', () => {
    const a = tensor(32, 256), b = tensor(256, 32);
    const lofi = runCompute(matmul(a, b, { mathFidelity: 'LoFi', mode: 'timing' })).result;
    const hifi4 = runCompute(matmul(a, b, { mathFidelity: 'HiFi4', mode: 'timing' })).result;
    expect(hifi4.tileEngines[0].mathBusyCycles - lofi.tileEngines[0].mathBusyCycles).toBe(8 * 48);
    // DRAM reads dominate here; the fidelity changes the run by less than the math it adds.
    expect(hifi4.cycles - lofi.cycles).toBeLessThan(8 * 48);
  });
});

describe('timing mode', () => {
  const a = tensor(64, 64), b = tensor(64, 64);
  const runs: [string, ComputeRun][] = [
    ...[0, 1, 2].flatMap((op) => [0, 1, 2, 3].map((bc) => [`binary op ${op} broadcast ${bc}`, binary(op, bc, a, b, op === 2 ? 'LoFi' : 'HiFi4')] as [string, ComputeRun])),
    ['matmul', matmul(a, b)],
    ['matmul fp32 acc HiFi3', matmul(a, b, { fp32DestAccEn: true, mathFidelity: 'HiFi3' })],
    ...SFPU_OPS.map((op, id) => [`sfpu ${op}`, sfpu(id, tensor(32, 64, 0.1, 2))] as [string, ComputeRun]),
    ...[0, 1].flatMap((op) => [0, 1, 2].map((dim) => [`reduce op ${op} dim ${dim}`, reduce(op, dim, a, 1)] as [string, ComputeRun])),
    ['transpose', transpose(a)],
  ];
  for (const [name, run] of runs) {
    it(`${name}: the same cycles and counters as functional mode`, () => {
      expect(runCompute({ ...run, mode: 'timing' }).result).toEqual(runCompute(run).result);
    });
  }
});
