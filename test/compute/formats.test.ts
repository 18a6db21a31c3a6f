// Tile data formats (sim/wasm/formats.ts through sim/compute/formats.ts) against independent
// TS references of the documented rules: bf16 rounding from the f32 value, block floating point
// with integer arithmetic, and the face layout from index arithmetic.
import { describe, expect, it } from 'vitest';
import { DATA_FORMATS, FORMAT_ID, TILE_BYTES, TileCodec, tilize, tilizeBands, untilize, untilizeBands, type DataFormat } from '../../sim/compute/formats.ts';
import { mulberry32 } from '../../sim/random.ts';
import { RiscvWasm } from '../../sim/riscv/wasm.ts';

// Error bounds against float64 on random normal data (the documented worst cases are
// 2^-9, 2^-7 + 2^-8 and 2^-3 + 2^-8; these are the limits the test enforces).
const TOL_BF16_REL = 2 ** -8; // |error| ≤ 2^-8 × |x|
const TOL_BFP8_GROUP = 2 ** -6; // |error| ≤ 2^-6 × max |x| over the value's 16-value group
const TOL_BFP4_GROUP = 2 ** -2; // |error| ≤ 2^-2 × max |x| over the group

const wasm = new RiscvWasm();
const codec = new TileCodec(wasm);
const WORK = wasm.alloc(4096);
const TILE = wasm.alloc(4096);
const OUT = wasm.alloc(4096);

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bitsOf = (x: number): number => ((f32[0] = x), u32[0]);
const floatOf = (b: number): number => ((u32[0] = b >>> 0), f32[0]);

// Packs 1024 row-major f32 given as bit patterns; returns the memory tile.
function packBits(bits: Uint32Array, format: DataFormat): Uint8Array {
  new Uint32Array(wasm.exports.memory.buffer, WORK, 1024).set(bits);
  codec.pack(WORK, format, TILE);
  return wasm.u8().slice(TILE, TILE + TILE_BYTES[format]);
}
const pack = (values: Float32Array, format: DataFormat): Uint8Array => packBits(new Uint32Array(values.buffer, values.byteOffset, 1024), format);

// Unpacks a memory tile; returns the 1024 row-major f32 bit patterns.
function unpackBits(bytes: Uint8Array, format: DataFormat): Uint32Array {
  wasm.u8().set(bytes, TILE);
  codec.unpack(TILE, format, OUT);
  return new Uint32Array(wasm.exports.memory.buffer, OUT, 1024).slice();
}
const unpack = (bytes: Uint8Array, format: DataFormat): Float32Array => new Float32Array(unpackBits(bytes, format).buffer);

// ---- references ----

// Position (in values) of tile element (r, c) in the face layout.
function faceIndex(r: number, c: number): number {
  const face = (r >> 4) * 2 + (c >> 4);
  return face * 256 + (r & 15) * 16 + (c & 15);
}

// Round f32 bits to bf16 bits, nearest with ties to even, decided on the values in float64.
function bf16Ref(bits: number): number {
  bits >>>= 0;
  if ((bits & 0x7fffffff) > 0x7f800000) return ((bits >>> 16) | 0x40) & 0xffff; // NaN stays NaN
  const x = floatOf(bits);
  const lo = bits >>> 16;
  const hi = lo + 1; // same sign, next magnitude
  const vLo = floatOf(lo << 16);
  // Above the largest finite bf16 the next step is 2^128 (rounds to inf), as IEEE does with an unbounded exponent.
  const vHi = ((hi >>> 7) & 0xff) === 0xff ? Math.sign(x) * 2 ** 128 : floatOf(hi << 16);
  if (!Number.isFinite(x)) return lo;
  const dLo = Math.abs(x - vLo);
  const dHi = Math.abs(vHi - x);
  if (dLo < dHi || (dLo === dHi && (lo & 1) === 0)) return lo;
  return hi & 0xffff;
}

// One block-floating-point group: 16 f32 bit patterns → shared exponent and sign-magnitude codes.
function bfpGroupRef(bits: ArrayLike<number>, mantBits: number): { exp: number; codes: number[] } {
  const bf = Array.from(bits, (b) => bf16Ref(b));
  const exps = bf.map((b) => (b >> 7) & 0xff);
  const exp = Math.max(...exps);
  const codes = bf.map((b, i) => {
    const e = exps[i];
    if (e === 0) return 0; // zero or denormal: flushed
    const m = 0x80 | (b & 0x7f); // hidden 1 + 7 bits: value m × 2^(e − 134)
    const shift = exp - e + 8 - mantBits; // M = m / 2^shift in units of 2^(exp − 127 − (mantBits − 1))
    const unit = 2 ** shift;
    const q = Math.floor(m / unit);
    const rem = m - q * unit;
    let mag = rem > unit / 2 || (rem === unit / 2 && q % 2 === 1) ? q + 1 : q;
    mag = Math.min(mag, 2 ** mantBits - 1);
    return mag === 0 ? 0 : mag | ((b >> 15) << mantBits);
  });
  return { exp, codes };
}

const MANT: Record<string, number> = { bfp8_b: 7, bfp4_b: 3 };

// Reference memory tile from row-major f32 bits.
function packRef(bits: Uint32Array, format: DataFormat): Uint8Array {
  const out = new Uint8Array(TILE_BYTES[format]);
  const dv = new DataView(out.buffer);
  if (format === 'fp32' || format === 'bf16') {
    for (let r = 0; r < 32; r++) {
      for (let c = 0; c < 32; c++) {
        const b = bits[r * 32 + c];
        if (format === 'fp32') dv.setUint32(faceIndex(r, c) * 4, b, true);
        else dv.setUint16(faceIndex(r, c) * 2, bf16Ref(b), true);
      }
    }
    return out;
  }
  const mb = MANT[format];
  for (let g = 0; g < 64; g++) {
    const f = g >> 4;
    const start = ((f >> 1) * 16 + (g & 15)) * 32 + (f & 1) * 16;
    const { exp, codes } = bfpGroupRef(bits.subarray(start, start + 16), mb);
    out[g] = exp;
    for (let k = 0; k < 16; k++) {
      if (mb === 7) out[64 + g * 16 + k] = codes[k];
      else out[64 + g * 8 + (k >> 1)] |= codes[k] << (4 * (k & 1));
    }
  }
  return out;
}

// Reference row-major values (as f32 bits) from a memory tile.
function unpackRef(bytes: Uint8Array, format: DataFormat): Uint32Array {
  const out = new Uint32Array(1024);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let r = 0; r < 32; r++) {
    for (let c = 0; c < 32; c++) {
      const i = faceIndex(r, c);
      if (format === 'fp32') out[r * 32 + c] = dv.getUint32(i * 4, true);
      else if (format === 'bf16') out[r * 32 + c] = dv.getUint16(i * 2, true) << 16;
      else {
        const mb = MANT[format];
        const g = i >> 4;
        const k = i & 15;
        const code = mb === 7 ? bytes[64 + g * 16 + k] : (bytes[64 + g * 8 + (k >> 1)] >> (4 * (k & 1))) & 15;
        const mag = code & ((1 << mb) - 1);
        const v = mag * 2 ** (bytes[g] - 127 - (mb - 1));
        out[r * 32 + c] = bitsOf(Math.fround(code >> mb ? -v : v));
      }
    }
  }
  return out;
}

// ---- data ----

function randomBits(seed: number): Uint32Array {
  const rnd = mulberry32(seed);
  return Uint32Array.from({ length: 1024 }, () => (rnd() * 2 ** 32) >>> 0);
}

// Random tile, wide exponent range: each group (face row) gets a base exponent field in 1..254
// (some groups near 1, where the decode scale is below the f32 normal range) and its values lie
// 0..12 binades below it, so some flush to zero, some are denormal; arbitrary 23-bit mantissas,
// some exact bf16 ties; a few groups of zeros, signed zeros and mixtures.
function wideTile(seed: number): Uint32Array {
  const rnd = mulberry32(seed);
  const bits = new Uint32Array(1024);
  for (let g = 0; g < 64; g++) {
    const f = g >> 4;
    const start = ((f >> 1) * 16 + (g & 15)) * 32 + (f & 1) * 16;
    const kind = Math.floor(rnd() * 10);
    const base = kind === 0 ? 1 + Math.floor(rnd() * 10) : 1 + Math.floor(rnd() * 254);
    for (let k = 0; k < 16; k++) {
      const sign = rnd() < 0.5 ? 0x80000000 : 0;
      const e = Math.max(0, base - Math.floor(rnd() * 13));
      let mant = Math.floor(rnd() * 2 ** 23);
      if (rnd() < 0.15) mant = (mant & ~0xffff) | 0x8000; // exact bf16 tie
      let b = (sign | (e << 23) | mant) >>> 0;
      if (kind === 1) b = sign; // all (signed) zeros
      else if (kind === 2 && rnd() < 0.5) b = sign; // zeros mixed in
      bits[start + k] = b;
    }
  }
  return bits;
}

function normalTile(rnd: () => number): Float32Array {
  const v = new Float32Array(1024);
  for (let i = 0; i < 1024; i++) v[i] = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  return v;
}

const hex = (a: ArrayLike<number>): string[] => Array.from(a, (x) => x.toString(16));

// ---- tests ----

describe('format constants', () => {
  it('tile bytes are 4096 / 2048 / 1088 / 576', () => {
    expect(TILE_BYTES).toEqual({ fp32: 4096, bf16: 2048, bfp8_b: 1088, bfp4_b: 576 });
  });

  it('format ids match the wasm exports', () => {
    expect(FORMAT_ID).toEqual({
      fp32: wasm.global('FORMAT_FP32'),
      bf16: wasm.global('FORMAT_BF16'),
      bfp8_b: wasm.global('FORMAT_BFP8_B'),
      bfp4_b: wasm.global('FORMAT_BFP4_B'),
    });
  });

  it('an unknown format is rejected', () => {
    expect(() => codec.pack(WORK, 'fp16' as DataFormat, TILE)).toThrow(/unknown data format/);
  });
});

describe('bf16', () => {
  const cases: [string, number, number][] = [
    ['1.0', 0x3f800000, 0x3f80],
    ['tie, even below: stays', 0x3f808000, 0x3f80],
    ['tie, odd below: rounds up', 0x3f818000, 0x3f82],
    ['just above a tie', 0x3f808001, 0x3f81],
    ['just below a tie', 0x3f807fff, 0x3f80],
    ['negative tie, odd', 0xbf818000, 0xbf82],
    ['largest finite bf16', 0x7f7f0000, 0x7f7f],
    ['f32 max rounds to inf', 0x7f7fffff, 0x7f80],
    ['tie at the top rounds to inf', 0x7f7f8000, 0x7f80],
    ['just below the top tie stays finite', 0x7f7f7fff, 0x7f7f],
    ['-f32 max rounds to -inf', 0xff7fffff, 0xff80],
    ['smallest normal', 0x00800000, 0x0080],
    ['largest denormal rounds up to normal', 0x007fffff, 0x0080],
    ['tiny denormal rounds to zero', 0x00000001, 0x0000],
    ['denormal tie even', 0x00008000, 0x0000],
    ['denormal tie odd', 0x00018000, 0x0002],
    ['+0', 0x00000000, 0x0000],
    ['-0', 0x80000000, 0x8000],
    ['+inf', 0x7f800000, 0x7f80],
    ['-inf', 0xff800000, 0xff80],
    ['quiet NaN', 0x7fc00000, 0x7fc0],
    ['NaN with only low payload stays NaN', 0x7f800001, 0x7fc0],
    ['negative NaN with payload', 0xff812345, 0xffc1],
    ['NaN near the top', 0x7fffffff, 0x7fff],
  ];

  it('rounds to nearest even (the reference agrees on every case)', () => {
    const bits = new Uint32Array(1024);
    cases.forEach(([, b], i) => (bits[i] = b));
    const got = new DataView(packBits(bits, 'bf16').buffer);
    for (const [i, [name, b, want]] of cases.entries()) {
      expect([name, bf16Ref(b).toString(16)]).toEqual([name, want.toString(16)]);
      expect([name, got.getUint16(faceIndex(i >> 5, i & 31) * 2, true).toString(16)]).toEqual([name, want.toString(16)]);
    }
  });

  it('matches the reference on random bit patterns and wide-range tiles', () => {
    for (let seed = 1; seed <= 20; seed++) {
      for (const bits of [randomBits(seed), wideTile(seed)]) expect(hex(packBits(bits, 'bf16'))).toEqual(hex(packRef(bits, 'bf16')));
    }
  });

  it('round trip is exact on bf16 values (including ±0, ±inf, denormals, quiet NaN)', () => {
    const bits = randomBits(99).map((b) => {
      b &= 0xffff0000;
      return (b & 0x7fffffff) > 0x7f800000 ? b | 0x00400000 : b;
    });
    bits.set([0, 0x80000000, 0x7f800000, 0xff800000, 0x00010000, 0x7fc00000]);
    const tile = packBits(bits, 'bf16');
    expect(hex(unpackBits(tile, 'bf16'))).toEqual(hex(bits));
    expect(hex(unpackBits(tile, 'bf16'))).toEqual(hex(unpackRef(tile, 'bf16')));
  });
});

describe('block floating point', () => {
  for (const format of ['bfp8_b', 'bfp4_b'] as const) {
    describe(format, () => {
      it('packs like the reference on wide-range tiles and random bit patterns (NaN, inf, denormals)', () => {
        for (let seed = 1; seed <= 40; seed++) {
          for (const bits of [wideTile(seed), randomBits(1000 + seed)]) {
            expect(hex(packBits(bits, format))).toEqual(hex(packRef(bits, format)));
          }
        }
      });

      it('unpacks like the reference, for any byte pattern', () => {
        for (let seed = 1; seed <= 40; seed++) {
          const bytes = new Uint8Array(randomBits(2000 + seed).buffer).slice(0, TILE_BYTES[format]);
          if (seed <= 8) bytes.fill(seed - 1, 0, 64); // shared exponents 0..7: decode scale below f32 normal
          expect(hex(unpackBits(bytes, format))).toEqual(hex(unpackRef(bytes, format)));
        }
      });

      it('groups of zeros have exponent 0; zeros, -0 and denormals encode as 0', () => {
        const bits = new Uint32Array(1024);
        bits.fill(0x80000000, 0, 16); // group 0: -0
        bits.fill(0x00000123, 32, 48); // group 1: denormals
        bits[64] = bitsOf(3); // group 2: one value and zeros
        bits[65] = 0x80000000;
        const tile = packBits(bits, format);
        expect(Array.from(tile.subarray(0, 4))).toEqual([0, 0, 128, 0]);
        expect(tile.subarray(64).some((b, i) => b !== 0 && !(format === 'bfp8_b' ? i === 32 : i === 16))).toBe(false);
        expect(Array.from(unpack(tile, format).subarray(64, 66))).toEqual([3, 0]);
        expect(Object.is(unpack(tile, format)[0], 0)).toBe(true); // canonical +0
      });

      it('saturates instead of carrying into the exponent, and inf decodes as inf', () => {
        const bits = new Uint32Array(1024);
        bits[0] = 0x3fff0000; // 1.9921875: the shifted mantissa rounds up past the top → saturates
        bits[32] = 0xff800000; // -inf
        bits[33] = bitsOf(2 ** 126);
        bits[64] = 0x7fc00000; // NaN
        const tile = packBits(bits, format);
        const v = unpack(tile, format);
        expect(v[0]).toBe(format === 'bfp8_b' ? 127 / 64 : 7 / 4);
        expect(v[32]).toBe(-Infinity);
        expect(v[33]).toBe(2 ** 126); // 2 binades below the shared exponent: code 16 (bfp8_b) or 1 (bfp4_b)
        expect(v[64]).toBe(Infinity);
      });

      it('re-packing unpacked data gives the same bytes', () => {
        for (let seed = 1; seed <= 10; seed++) {
          const bits = wideTile(seed).map((b) => (((b >>> 23) & 0xff) === 0xff ? 0 : b));
          const tile = packBits(bits, format);
          expect(hex(packBits(unpackBits(tile, format), format))).toEqual(hex(tile));
        }
      });
    });
  }
});

describe('face layout', () => {
  it('fp32 and bf16: element (r, c) is at value index face*256 + (r%16)*16 + c%16', () => {
    const v = Float32Array.from({ length: 1024 }, (_, i) => floatOf((0x4000 + i) << 16)); // exact in bf16, encodes i
    const f = new DataView(pack(v, 'fp32').buffer);
    const h = new DataView(pack(v, 'bf16').buffer);
    for (let r = 0; r < 32; r++) {
      for (let c = 0; c < 32; c++) {
        const face = (r < 16 ? 0 : 2) + (c < 16 ? 0 : 1);
        const at = face * 256 + (r % 16) * 16 + (c % 16);
        expect(f.getUint32(at * 4, true)).toBe(((0x4000 + r * 32 + c) << 16) >>> 0);
        expect(h.getUint16(at * 2, true)).toBe(0x4000 + r * 32 + c);
      }
    }
    expect(Array.from(unpack(pack(v, 'bf16'), 'bf16'))).toEqual(Array.from(v));
  });

  it('bfp8_b: exponent byte per face row, then one byte per value in face order', () => {
    // value (r, c) = ±(64 + c) × 2^(r − 16): the row sets the shared exponent, the column the code.
    const v = new Float32Array(1024);
    for (let r = 0; r < 32; r++) for (let c = 0; c < 32; c++) v[r * 32 + c] = (c % 3 === 0 ? -1 : 1) * (64 + c) * 2 ** (r - 16);
    const t = pack(v, 'bfp8_b');
    for (let face = 0; face < 4; face++) {
      for (let fr = 0; fr < 16; fr++) {
        const g = face * 16 + fr;
        const r = (face >> 1) * 16 + fr;
        expect(t[g]).toBe(127 + 6 + r - 16);
        for (let fc = 0; fc < 16; fc++) {
          const c = (face & 1) * 16 + fc;
          expect(t[64 + g * 16 + fc]).toBe((c % 3 === 0 ? 0x80 : 0) | (64 + c));
        }
      }
    }
    expect(Array.from(unpack(t, 'bfp8_b'))).toEqual(Array.from(v));
  });

  it('bfp4_b: exponent byte per face row, then two values per byte, low nibble first', () => {
    // value (r, c) = ±(4 + c % 4) × 2^(r − 16); sign when c & 4.
    const v = new Float32Array(1024);
    for (let r = 0; r < 32; r++) for (let c = 0; c < 32; c++) v[r * 32 + c] = (c & 4 ? -1 : 1) * (4 + (c % 4)) * 2 ** (r - 16);
    const t = pack(v, 'bfp4_b');
    const code = (c: number): number => (c & 4 ? 8 : 0) | (4 + (c % 4));
    for (let face = 0; face < 4; face++) {
      for (let fr = 0; fr < 16; fr++) {
        const g = face * 16 + fr;
        expect(t[g]).toBe(127 + 2 + (face >> 1) * 16 + fr - 16);
        for (let j = 0; j < 8; j++) {
          const c = (face & 1) * 16 + 2 * j;
          expect(t[64 + g * 8 + j]).toBe(code(c) | (code(c + 1) << 4));
        }
      }
    }
    expect(Array.from(unpack(t, 'bfp4_b'))).toEqual(Array.from(v));
  });
});

describe('round trips', () => {
  it('fp32 is bit-exact on any bit pattern', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const bits = randomBits(300 + seed);
      const tile = packBits(bits, 'fp32');
      expect(hex(tile)).toEqual(hex(packRef(bits, 'fp32')));
      expect(hex(unpackBits(tile, 'fp32'))).toEqual(hex(bits));
    }
  });
});

describe('error against float64 on random normal data', () => {
  // Returns the worst error per format: relative to |x| for bf16, to the group max for bfp.
  function worst(format: DataFormat, seeds: number): number {
    const rnd = mulberry32(7);
    let w = 0;
    for (let s = 0; s < seeds; s++) {
      const x = normalTile(rnd);
      const scale = 2 ** Math.floor(rnd() * 40 - 20);
      for (let i = 0; i < 1024; i++) x[i] *= scale;
      const y = unpack(pack(x, format), format);
      for (let i = 0; i < 1024; i++) {
        let ref = Math.abs(x[i]);
        if (format === 'bfp8_b' || format === 'bfp4_b') {
          const g = i & ~15;
          ref = 0;
          for (let k = g; k < g + 16; k++) ref = Math.max(ref, Math.abs(x[k]));
        }
        if (ref > 0) w = Math.max(w, Math.abs(y[i] - x[i]) / ref);
      }
    }
    return w;
  }

  it('fp32 is exact, bf16 ≤ 2^-8 relative, bfp8_b ≤ 2^-6 and bfp4_b ≤ 2^-2 of the group max', () => {
    // Row-major runs of 16 aligned to 16 are exactly the face rows, so i & ~15 is the group.
    expect(worst('fp32', 20)).toBe(0);
    expect(worst('bf16', 50)).toBeLessThanOrEqual(TOL_BF16_REL);
    expect(worst('bfp8_b', 50)).toBeLessThanOrEqual(TOL_BFP8_GROUP);
    expect(worst('bfp4_b', 50)).toBeLessThanOrEqual(TOL_BFP4_GROUP);
  });
});

describe('tilize / untilize', () => {
  function tensor(rows: number, cols: number, seed: number): Float32Array {
    const rnd = mulberry32(seed);
    return Float32Array.from({ length: rows * cols }, () => (rnd() - 0.5) * 8);
  }

  // 33×2088 spans more than the 64 tiles the host converts in one band, with a part-filled last one.
  for (const [rows, cols] of [[70, 100], [64, 96], [33, 2088]] as const) {
    it(`${rows}×${cols}: tiles in row-major tile order, face layout, zero padding`, () => {
      const x = tensor(rows, cols, rows * 1000 + cols);
      const tr = Math.ceil(rows / 32);
      const tc = Math.ceil(cols / 32);
      const t = tilize(x, rows, cols, 'fp32');
      expect(t.length).toBe(tr * tc * 4096);
      const dv = new DataView(t.buffer);
      for (let R = 0; R < tr * 32; R++) {
        for (let C = 0; C < tc * 32; C++) {
          const at = ((R >> 5) * tc + (C >> 5)) * 4096 + faceIndex(R & 31, C & 31) * 4;
          expect(dv.getFloat32(at, true)).toBe(R < rows && C < cols ? x[R * cols + C] : 0);
        }
      }
      expect(Array.from(untilize(t, rows, cols, 'fp32'))).toEqual(Array.from(x));
    });

    it(`${rows}×${cols}: every format round-trips through the codec`, () => {
      const x = tensor(rows, cols, rows + cols);
      const tr = Math.ceil(rows / 32);
      const tc = Math.ceil(cols / 32);
      for (const format of DATA_FORMATS) {
        const t = tilize(x, rows, cols, format);
        expect(t.length).toBe(tr * tc * TILE_BYTES[format]);
        // Each tile equals the reference packing of its padded 32×32 block.
        for (let i = 0; i < tr * tc; i++) {
          const block = new Float32Array(1024);
          for (let r = 0; r < 32; r++) {
            for (let c = 0; c < 32; c++) {
              const R = Math.floor(i / tc) * 32 + r;
              const C = (i % tc) * 32 + c;
              if (R < rows && C < cols) block[r * 32 + c] = x[R * cols + C];
            }
          }
          const size = TILE_BYTES[format];
          expect(hex(t.subarray(i * size, (i + 1) * size))).toEqual(hex(packRef(new Uint32Array(block.buffer), format)));
        }
        const y = untilize(t, rows, cols, format);
        expect(y.length).toBe(rows * cols);
        if (format === 'fp32') expect(Array.from(y)).toEqual(Array.from(x));
        if (format === 'bf16') {
          expect(Array.from(y, bitsOf)).toEqual(Array.from(x, (v) => (bf16Ref(bitsOf(v)) << 16) >>> 0));
          expect(Array.from(untilize(tilize(y, rows, cols, 'bf16'), rows, cols, 'bf16'))).toEqual(Array.from(y));
        }
        for (let i = 0; i < x.length; i++) expect(Math.abs(y[i] - x[i])).toBeLessThanOrEqual(format === 'bfp4_b' ? 4 * TOL_BFP4_GROUP : 4 * TOL_BFP8_GROUP);
      }
    });
  }

  it('by bands: the tiles in order, each band once; untilized into the given part of a larger array', () => {
    const [rows, cols] = [40, 2100]; // two tile rows of 66 tiles: bands of 64 and 2
    const x = tensor(rows, cols, 3);
    const whole = tilize(x, rows, cols, 'bf16');
    const seen: number[] = [];
    const joined = new Uint8Array(whole.length);
    tilizeBands(x, rows, cols, 'bf16', (first, tiles) => {
      seen.push(first);
      joined.set(tiles, first * 2048);
    });
    expect(seen).toEqual([0, 64, 66, 130]);
    expect(hex(joined)).toEqual(hex(whole));
    const values = new Float32Array(3 * rows * cols).fill(9);
    untilizeBands(rows, cols, 'bf16', (first, tiles) => tiles.set(whole.subarray(first * 2048, first * 2048 + tiles.length)), values.subarray(rows * cols, 2 * rows * cols));
    expect(Array.from(values.subarray(rows * cols, 2 * rows * cols))).toEqual(Array.from(untilize(whole, rows, cols, 'bf16')));
    expect([...values.subarray(0, rows * cols), ...values.subarray(2 * rows * cols)].every((v) => v === 9)).toBe(true);
  });

  it('rejects mismatched sizes', () => {
    expect(() => tilize(new Float32Array(5), 2, 3, 'bf16')).toThrow(/6|values/);
    expect(() => untilize(new Uint8Array(100), 32, 32, 'bf16')).toThrow(/bytes/);
    expect(() => untilizeBands(32, 32, 'bf16', () => {}, new Float32Array(1000))).toThrow(/1000/);
  });
});
