// Tile math (sim/wasm/tile-math.ts through sim/compute/tile-math.ts) against float64 references
// written here, on seeded random tiles. Set TILE_MATH_REPORT=1 to print the measured errors.
import { afterAll, describe, expect, it } from 'vitest';
import { TileMath, FIDELITIES, BCASTS, SFPU_OPS, type Bcast, type Fidelity, type SfpuOp } from '../../sim/compute/tile-math.ts';
import { RiscvWasm } from '../../sim/riscv/wasm.ts';
import { mulberry32 } from '../../sim/random.ts';

const N = 32;
const T = N * N;
const measured: Record<string, number> = {};
function record(key: string, value: number): number {
  measured[key] = Math.max(measured[key] ?? 0, value);
  return value;
}
afterAll(() => {
  if (process.env.TILE_MATH_REPORT) console.log(JSON.stringify(measured, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(3)) : v), 1));
});

// ---- float32 bit helpers (the reference side of the hardware numerics) ----
const f1 = new Float32Array(1);
const u1 = new Uint32Array(f1.buffer);
const bitsOf = (x: number): number => { f1[0] = x; return u1[0]; };
const fromBits = (b: number): number => { u1[0] = b >>> 0; return f1[0]; };
function bf16(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const b = bitsOf(x);
  return fromBits((b + 0x7fff + ((b >>> 16) & 1)) & 0xffff0000);
}
const srcAHi = (x: number): number => fromBits(bitsOf(x) & 0xfff80000); // hidden + 4 MSBs
const srcBHi = (x: number): number => fromBits(bitsOf(x) & 0xfffe0000); // hidden + 6 MSBs

// ---- random tiles ----
function uniformTile(rng: () => number, lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: T }, () => lo + (hi - lo) * rng());
}
// Random sign, significand and exponent in [2^-4, 2^4): exercises every mantissa bit.
function wideTile(rng: () => number): Float32Array {
  return Float32Array.from({ length: T }, () => (rng() < 0.5 ? -1 : 1) * (1 + rng()) * 2 ** Math.floor(rng() * 8 - 4));
}
function logUniformTile(rng: () => number, lo: number, hi: number): Float32Array {
  return Float32Array.from({ length: T }, () => lo * (hi / lo) ** rng());
}

// ---- float64 references ----
// Phase terms of one product: a is the SrcB operand (in0 of matmul), b the SrcA operand.
// Returns the f64 sum of the fidelity's phase products.
function matmulPhases(a: Float32Array, b: Float32Array, fid: Fidelity): { ref: Float64Array; mag: Float64Array } {
  const aF = a.map(bf16), bF = b.map(bf16);
  const aH = aF.map(srcBHi), bH = bF.map(srcAHi);
  const aL = aF.map((x, i) => x - aH[i]);
  const terms: [Float32Array, Float32Array][] =
    fid === 'LoFi' ? [[aH, bH]] : fid === 'HiFi2' ? [[aH, bF]] : fid === 'HiFi3' ? [[aH, bF], [aL, bH]] : [[aF, bF]];
  const ref = new Float64Array(T), mag = new Float64Array(T);
  for (const [x, y] of terms) {
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) for (let k = 0; k < N; k++) {
      const p = x[i * N + k] * y[k * N + j];
      ref[i * N + j] += p;
      mag[i * N + j] += Math.abs(p);
    }
  }
  return { ref, mag };
}
function matmulExact(a: ArrayLike<number>, b: ArrayLike<number>): { ref: Float64Array; mag: Float64Array } {
  const ref = new Float64Array(T), mag = new Float64Array(T);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) for (let k = 0; k < N; k++) {
    const p = a[i * N + k] * b[k * N + j];
    ref[i * N + j] += p;
    mag[i * N + j] += Math.abs(p);
  }
  return { ref, mag };
}
// max over elements of |got - ref| / mag, and the RMS of the same ratio.
function normErr(got: ArrayLike<number>, ref: ArrayLike<number>, mag: ArrayLike<number>): { max: number; rms: number } {
  let max = 0, sq = 0;
  for (let i = 0; i < T; i++) {
    const e = Math.abs(got[i] - ref[i]) / mag[i];
    max = Math.max(max, e);
    sq += e * e;
  }
  return { max, rms: Math.sqrt(sq / T) };
}
function bcastValue(b: ArrayLike<number>, mode: Bcast, r: number, c: number): number {
  return mode === 'none' ? b[r * N + c] : mode === 'rows' ? b[c] : mode === 'cols' ? b[r * N] : b[0];
}
function mulPhase(x: number, y: number, fid: Fidelity): number {
  const a = bf16(x), b = bf16(y); // a: SrcA, b: SrcB
  const aH = srcAHi(a), bH = srcBHi(b);
  return fid === 'LoFi' ? aH * bH : fid === 'HiFi2' ? a * bH : fid === 'HiFi3' ? a * bH + aH * (b - bH) : a * b;
}

// ---- tolerances (measured values in the comments; run with TILE_MATH_REPORT=1) ----
// matmul against the f64 sum of the same phase products: only f32 accumulation error,
// |err| ≤ tol · Σ|products| (32 or 64 f32 additions; worst-case bound 64·2^-24 ≈ 3.8e-6).
// Measured max: LoFi 1.3e-7, HiFi2 1.6e-7, HiFi3 1.9e-7, HiFi4 2.2e-7.
const MATMUL_MODEL_TOL = 1e-6;
// matmul against the exact product of the original (not bf16) f32 inputs, max |err| / Σ|a·b|:
// bf16 rounding of both operands (≤ 2^-8 relative each) plus the fidelity truncation.
// Measured max (rms): LoFi 0.039 (0.011), HiFi2 0.0066 (0.0019), HiFi3 0.0042 (0.00098), HiFi4 0.0042 (0.00098).
// Against the exact product of the bf16 operands (rms): LoFi 0.011, HiFi2 0.0017, HiFi3 3.7e-5, HiFi4 2.8e-8.
const MATMUL_EXACT_TOL: Record<Fidelity, number> = { LoFi: 0.05, HiFi2: 0.01, HiFi3: 0.006, HiFi4: 0.006 };
// eltwise mul against the exact product of the original inputs, max relative error. Analytic bounds:
// bf16 rounding 2·2^-8 + SrcA truncation < 2^-4 (LoFi) + SrcB truncation ≤ 2^-7 (LoFi, HiFi2)
// + the missing Alo·Blo < 2^-4·2^-7 (HiFi3). Measured max: LoFi 0.061, HiFi2 0.014, HiFi3 0.0069,
// HiFi4 0.0067; against the exact product of the bf16 operands (rms): LoFi 0.025, HiFi2 0.0039,
// HiFi3 8.7e-5, HiFi4 0 (bf16 × bf16 is exact in f32). The results themselves equal the phase model exactly.
const MUL_EXACT_TOL: Record<Fidelity, number> = {
  LoFi: 2 ** -4 + 2 ** -7 + 2 ** -7 + 2 ** -10,
  HiFi2: 2 ** -7 + 2 ** -7 + 2 ** -10,
  HiFi3: 2 ** -11 + 2 ** -7 + 2 ** -10,
  HiFi4: 2 ** -7 + 2 ** -15,
};
// reduce sum (f32 adds of 32 or 1024 values) against f64, |err| ≤ tol · |scaler| · Σ|x|.
// Measured: row 7.7e-8, col 9.6e-8, scalar 8.4e-9 (max is exact).
const REDUCE_SUM_TOL = { row: 2e-7, col: 4e-7, scalar: 1e-6 };
// SFPU ops against Math.* in f64 on the f32 input: |err| ≤ rtol·|ref| + atol. Measured max relative
// error in ulps of 1.0 (2^-23): exp 0.48, recip 0.49, sqrt 0.47, rsqrt 0.72, gelu 41.5, sigmoid 0.91,
// silu 1.06, tanh 0.97, relu 0, square 0.46, log 0.47, leaky_relu 0.47, add_scalar 0.50, mul_scalar 0.
interface SfpuCase { ref: (x: number, p: number) => number; domain: (rng: () => number) => Float32Array; rtol: number; atol: number; param?: number }
// 0.5·x·(1 + tanh u) written as x / (1 + e^(-2u)) (the same function): the tanh form cancels
// catastrophically for x ≪ 0 even in f64.
const geluRef = (x: number): number => x / (1 + Math.exp(-2 * Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
const sigmoidRef = (x: number): number => 1 / (1 + Math.exp(-x));
const ULP = 2 ** -23; // relative spacing of f32 at 1.0
const SFPU_CASES: Record<SfpuOp, SfpuCase> = {
  exp: { ref: Math.exp, domain: (r) => uniformTile(r, -20, 20), rtol: 2 * ULP, atol: 0 },
  recip: { ref: (x) => 1 / x, domain: (r) => logUniformTile(r, 1e-3, 1e3), rtol: ULP, atol: 0 },
  sqrt: { ref: Math.sqrt, domain: (r) => logUniformTile(r, 1e-4, 1e4), rtol: ULP, atol: 0 },
  rsqrt: { ref: (x) => 1 / Math.sqrt(x), domain: (r) => logUniformTile(r, 1e-4, 1e4), rtol: 2 * ULP, atol: 0 },
  // For x ≪ 0, gelu ≈ x·e^(2u) with |2u| up to ~50 on [-8, 8]: exp multiplies the f32 rounding of
  // its argument by |2u|, so the relative error grows to ~40 ulps near x = -8 (where gelu ≈ -1e-21).
  gelu: { ref: geluRef, domain: (r) => uniformTile(r, -8, 8), rtol: 64 * ULP, atol: 0 },
  sigmoid: { ref: sigmoidRef, domain: (r) => uniformTile(r, -20, 20), rtol: 4 * ULP, atol: 0 },
  silu: { ref: (x) => x * sigmoidRef(x), domain: (r) => uniformTile(r, -20, 20), rtol: 4 * ULP, atol: 0 },
  tanh: { ref: Math.tanh, domain: (r) => uniformTile(r, -10, 10), rtol: 2 * ULP, atol: 0 },
  relu: { ref: (x) => Math.max(0, x), domain: (r) => uniformTile(r, -10, 10), rtol: 0, atol: 0 },
  square: { ref: (x) => x * x, domain: (r) => uniformTile(r, -10, 10), rtol: ULP / 2, atol: 0 },
  log: { ref: Math.log, domain: (r) => logUniformTile(r, 1e-6, 1e6), rtol: ULP, atol: 0 },
  leaky_relu: { ref: (x, p) => (x < 0 ? x * p : x), domain: (r) => uniformTile(r, -10, 10), rtol: ULP / 2, atol: 0, param: 0.01 },
  add_scalar: { ref: (x, p) => x + p, domain: (r) => uniformTile(r, -10, 10), rtol: ULP / 2, atol: 1e-6, param: 0.375 },
  mul_scalar: { ref: (x, p) => x * p, domain: (r) => uniformTile(r, -10, 10), rtol: ULP / 2, atol: 0, param: -0.125 },
};

describe('tile math', () => {
  const wasm = new RiscvWasm();
  const tm = new TileMath(wasm);
  const [A, B, C, D] = [tm.allocTile(), tm.allocTile(), tm.allocTile(), tm.allocTile()];

  function runMatmul(a: Float32Array, b: Float32Array, fid: Fidelity, dst0?: Float32Array): Float32Array {
    tm.write(A, a);
    tm.write(B, b);
    tm.write(C, dst0 ?? new Float32Array(T));
    tm.matmul(A, B, C, fid);
    return tm.read(C);
  }

  describe('matmul', () => {
    it('is dst += in0 @ in1 (identity and integer tiles, exact in bf16)', () => {
      const rng = mulberry32(1);
      const a = Float32Array.from({ length: T }, () => Math.floor(rng() * 17) - 8);
      const b = Float32Array.from({ length: T }, () => Math.floor(rng() * 17) - 8);
      const eye = Float32Array.from({ length: T }, (_, i) => (i % (N + 1) === 0 ? 1 : 0));
      const d0 = Float32Array.from({ length: T }, () => Math.floor(rng() * 100));
      expect(runMatmul(eye, b, 'HiFi4')).toEqual(b);
      expect(runMatmul(a, eye, 'HiFi4')).toEqual(a);
      const { ref } = matmulExact(a, b);
      expect(Array.from(runMatmul(a, b, 'HiFi4', d0))).toEqual(Array.from(ref, (v, i) => v + d0[i]));
      // Small integers (≤ 4 significant bits) survive every fidelity's truncation.
      const s = a.map((x) => x / 2);
      for (const fid of FIDELITIES) expect(Array.from(runMatmul(s, b, fid))).toEqual(Array.from(matmulExact(s, b).ref));
    });

    it('dst may alias an operand (the inputs are copied first)', () => {
      const rng = mulberry32(2);
      const a = uniformTile(rng, -1, 1), b = uniformTile(rng, -1, 1);
      tm.write(A, a);
      tm.write(B, b);
      tm.matmul(A, B, A, 'HiFi4');
      const viaAlias = tm.read(A);
      expect(viaAlias).toEqual(runMatmul(a, b, 'HiFi4', a));
    });

    for (const fid of FIDELITIES) {
      it(`${fid}: matches the f64 sum of its phase products; error against the exact product within tolerance`, () => {
        for (const seed of [10, 11, 12]) {
          const rng = mulberry32(seed);
          const a = wideTile(rng), b = wideTile(rng), d0 = uniformTile(rng, -4, 4);
          const got = runMatmul(a, b, fid, d0);
          const model = matmulPhases(a, b, fid);
          const m = normErr(got, model.ref.map((v, i) => v + d0[i]), model.mag.map((v, i) => v + Math.abs(d0[i])));
          expect(record(`matmul ${fid} vs phase model (max |err|/Σ|p|)`, m.max)).toBeLessThanOrEqual(MATMUL_MODEL_TOL);
          const exact = matmulExact(a, b);
          const e = normErr(got.map((v, i) => v - d0[i]), exact.ref, exact.mag);
          expect(record(`matmul ${fid} vs exact f32 inputs (max |err|/Σ|ab|)`, e.max)).toBeLessThanOrEqual(MATMUL_EXACT_TOL[fid]);
          record(`matmul ${fid} vs exact f32 inputs (rms |err|/Σ|ab|)`, e.rms);
        }
      });
    }

    it('fidelity changes the result: LoFi < HiFi2 < HiFi3 < HiFi4 in accuracy on the same inputs', () => {
      const rng = mulberry32(20);
      const a = wideTile(rng), b = wideTile(rng);
      // Against the exact product of the bf16 operands the hardware holds: HiFi4 leaves only f32 rounding.
      const held = matmulExact(a.map(bf16), b.map(bf16));
      const orig = matmulExact(a, b);
      const errHeld = FIDELITIES.map((f) => normErr(runMatmul(a, b, f), held.ref, held.mag).rms);
      const errOrig = FIDELITIES.map((f) => normErr(runMatmul(a, b, f), orig.ref, orig.mag).rms);
      FIDELITIES.forEach((f, i) => record(`matmul ${f} vs exact bf16 operands (rms |err|/Σ|ab|)`, errHeld[i]));
      for (let i = 0; i < 3; i++) expect(errHeld[i]).toBeGreaterThan(errHeld[i + 1] * 2);
      // Against the original f32 inputs the bf16 rounding (≤ 2^-8 per operand) is common to all and
      // dominates HiFi3's missing Alo·Blo (< 2^-11): HiFi3 and HiFi4 agree within noise.
      FIDELITIES.forEach((f, i) => record(`matmul ${f} vs exact f32 inputs, same tiles (rms)`, errOrig[i]));
      expect(errOrig[0]).toBeGreaterThan(errOrig[1] * 2);
      expect(errOrig[1]).toBeGreaterThan(errOrig[2]);
      expect(Math.abs(errOrig[2] - errOrig[3])).toBeLessThan(0.05 * errOrig[3]);
      const results = FIDELITIES.map((f) => Array.from(runMatmul(a, b, f)));
      for (let i = 0; i < 3; i++) expect(results[i]).not.toEqual(results[i + 1]);
    });
  });

  describe('element-wise', () => {
    const rng = mulberry32(30);
    const a = wideTile(rng), b = wideTile(rng);
    for (const bcast of BCASTS) {
      it(`add and sub, bcast ${bcast}: exactly the f32-rounded sums`, () => {
        tm.write(A, a);
        tm.write(B, b);
        tm.add(A, B, C, bcast);
        const sum = tm.read(C);
        tm.sub(A, B, C, bcast);
        const diff = tm.read(C);
        for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) {
          const y = bcastValue(b, bcast, r, c);
          expect(sum[r * N + c]).toBe(Math.fround(a[r * N + c] + y));
          expect(diff[r * N + c]).toBe(Math.fround(a[r * N + c] - y));
        }
      });

      for (const fid of FIDELITIES) {
        it(`mul ${fid}, bcast ${bcast}: exactly the phase model; error against the exact product within tolerance`, () => {
          tm.write(A, a);
          tm.write(B, b);
          tm.mul(A, B, C, fid, bcast);
          const got = tm.read(C);
          let worst = 0;
          for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) {
            const x = a[r * N + c], y = bcastValue(b, bcast, r, c), g = got[r * N + c];
            expect(g).toBe(Math.fround(mulPhase(x, y, fid)));
            worst = Math.max(worst, Math.abs(g - x * y) / Math.abs(x * y));
          }
          expect(record(`mul ${fid} vs exact (max rel)`, worst)).toBeLessThanOrEqual(MUL_EXACT_TOL[fid]);
        });
      }
    }

    it('broadcast operand may alias dst', () => {
      for (const bcast of BCASTS) {
        tm.write(A, a);
        tm.write(B, b);
        tm.add(A, B, C, bcast);
        const want = tm.read(C);
        tm.add(A, B, B, bcast);
        expect(tm.read(B)).toEqual(want);
      }
    });

    it('mul fidelity orders the accuracy: LoFi < HiFi2 < HiFi3 < HiFi4', () => {
      tm.write(A, a);
      tm.write(B, b);
      // Relative to the exact product of the bf16 operands the unit holds (HiFi4 is exact there).
      const rms = FIDELITIES.map((f) => {
        tm.mul(A, B, C, f);
        const got = tm.read(C);
        let sq = 0;
        for (let i = 0; i < T; i++) {
          const p = bf16(a[i]) * bf16(b[i]);
          sq += ((got[i] - p) / p) ** 2;
        }
        return Math.sqrt(sq / T);
      });
      FIDELITIES.forEach((f, i) => record(`mul ${f} vs exact bf16 operands (rms rel)`, rms[i]));
      for (let i = 0; i < 3; i++) expect(rms[i]).toBeGreaterThan(rms[i + 1]);
      expect(rms[3]).toBe(0);
    });
  });

  describe('copy, transpose, round', () => {
    const rng = mulberry32(40);
    const a = wideTile(rng);
    it('copy', () => {
      tm.write(A, a);
      tm.copy(A, C);
      expect(tm.read(C)).toEqual(a);
    });
    it('transpose, out of place and in place', () => {
      tm.write(A, a);
      tm.transpose(A, C);
      const t = tm.read(C);
      for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) expect(t[c * N + r]).toBe(a[r * N + c]);
      tm.transpose(A, A);
      expect(tm.read(A)).toEqual(t);
    });
    it('roundToBf16: nearest even, ties, overflow to infinity, NaN and infinities kept', () => {
      const v = wideTile(rng);
      const special = [1 + 2 ** -8, 1 + 3 * 2 ** -8, -(1 + 2 ** -8), 3.4028234663852886e38, Infinity, -Infinity, NaN, fromBits(0x7f800001), 0, -0, 1e-40];
      special.forEach((x, i) => { v[i] = x; });
      tm.write(A, v);
      tm.roundToBf16(A);
      const got = tm.read(A);
      for (let i = 0; i < T; i++) {
        if (Number.isNaN(v[i])) expect(Number.isNaN(got[i])).toBe(true);
        else expect(Object.is(got[i], bf16(v[i]))).toBe(true);
      }
      expect(got.slice(0, 6)).toEqual(Float32Array.from([1, 1 + 2 ** -6, -1, Infinity, Infinity, -Infinity]));
    });
  });

  describe('reduce', () => {
    const dims = ['row', 'col', 'scalar'] as const;
    const rng = mulberry32(50);
    const x = uniformTile(rng, -2, 3), y = uniformTile(rng, -2, 3), prior = uniformTile(rng, -1, 1);
    // f64 reference: per output slot, the sum (with Σ|x|) or max over the reduced elements.
    function ref(t: Float32Array, op: 'sum' | 'max', dim: (typeof dims)[number]): { idx: number[]; val: number[]; mag: number[] } {
      const groups: number[][] =
        dim === 'row' ? Array.from({ length: N }, (_, r) => Array.from({ length: N }, (_, c) => r * N + c))
          : dim === 'col' ? Array.from({ length: N }, (_, c) => Array.from({ length: N }, (_, r) => r * N + c))
            : [Array.from({ length: T }, (_, i) => i)];
      const idx = groups.map((_, g) => (dim === 'row' ? g * N : g));
      const val = groups.map((g) => (op === 'sum' ? g.reduce((s, i) => s + t[i], 0) : Math.max(...g.map((i) => t[i]))));
      const mag = groups.map((g) => g.reduce((s, i) => s + Math.abs(t[i]), 0));
      return { idx, val, mag };
    }
    for (const dim of dims) {
      for (const op of ['sum', 'max'] as const) {
        it(`${op} over ${dim}, scaler, then accumulate a second tile`, () => {
          const scaler = op === 'sum' ? 1 / 32 : 0.5;
          tm.write(A, x);
          tm.write(B, y);
          tm.write(C, prior); // overwritten when not accumulating
          tm.reduce(A, C, op, dim, { scaler });
          const first = tm.read(C);
          const r1 = ref(x, op, dim);
          const placed = new Set(r1.idx);
          for (let i = 0; i < T; i++) if (!placed.has(i)) expect(first[i]).toBe(0);
          tm.reduce(B, C, op, dim, { scaler, accumulate: true });
          const second = tm.read(C);
          for (let i = 0; i < T; i++) if (!placed.has(i)) expect(second[i]).toBe(0);
          const r2 = ref(y, op, dim);
          r1.idx.forEach((p, g) => {
            if (op === 'max') {
              expect(first[p]).toBe(Math.fround(scaler * r1.val[g]));
              expect(second[p]).toBe(Math.max(first[p], Math.fround(scaler * r2.val[g])));
            } else {
              const tol = REDUCE_SUM_TOL[dim];
              const e1 = Math.abs(first[p] - scaler * r1.val[g]) / (scaler * r1.mag[g]);
              const e2 = Math.abs(second[p] - scaler * (r1.val[g] + r2.val[g])) / (scaler * (r1.mag[g] + r2.mag[g]));
              expect(record(`reduce sum ${dim} (|err|/(s·Σ|x|))`, Math.max(e1, e2))).toBeLessThanOrEqual(tol);
            }
          });
        });
      }
    }
    it('a tile may be reduced in place', () => {
      tm.write(A, x);
      tm.reduce(A, C, 'max', 'row');
      tm.reduce(A, A, 'max', 'row');
      expect(tm.read(A)).toEqual(tm.read(C));
    });
  });

  describe('SFPU', () => {
    for (const op of SFPU_OPS) {
      it(`${op} over its domain`, () => {
        const c = SFPU_CASES[op];
        const rng = mulberry32(60 + SFPU_OPS.indexOf(op));
        const x = c.domain(rng);
        const p = c.param ?? 0;
        tm.write(D, x);
        tm.sfpu(D, op, p);
        const got = tm.read(D);
        let worst = 0;
        for (let i = 0; i < T; i++) {
          const want = c.ref(x[i], Math.fround(p));
          const err = Math.abs(got[i] - want);
          // Rounding the f64 reference to f32 alone costs up to half an ulp; measure beyond that.
          worst = Math.max(worst, err / Math.max(Math.abs(want), 1e-300));
          expect(err).toBeLessThanOrEqual(c.rtol * Math.abs(want) + c.atol);
        }
        record(`sfpu ${op} (max rel err, ulps of 1.0 = 2^-23)`, worst / ULP);
      });
    }
    it('ids are distinct and unknown names are rejected', () => {
      expect(new Set(Object.values(tm.sfpuIds)).size).toBe(SFPU_OPS.length);
      expect(() => tm.sfpu(D, 'cosh' as SfpuOp)).toThrow(/unknown SFPU op/);
      expect(() => tm.matmul(A, B, C, 'HiFi5' as Fidelity)).toThrow(/unknown fidelity/);
    });
  });
});
