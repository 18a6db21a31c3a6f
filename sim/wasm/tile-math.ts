// Tile math of the Tensix tile engine, over tiles in working form: 1024 f32 in row-major order
// (row r, column c at r*32 + c) in linear memory. sim/compute/tile-math.ts wraps these for the host.
//
// Numerics (hardware.md §2.4–§2.6):
// - The matrix unit's multipliers take at most 5 bits of a SrcA significand (hidden + 4 MSBs) and
//   7 bits of a SrcB significand (hidden + 6 MSBs) per fidelity phase. For bf16 operands (8-bit
//   significands) split SrcA = Ahi + Alo and SrcB = Bhi + Blo; the phases are
//     LoFi  Ahi·Bhi       HiFi2 A·Bhi       HiFi3 A·Bhi + Ahi·Blo       HiFi4 A·B.
//   We model bf16 math: operands of matmul and mul are first rounded to bf16 (nearest even; a no-op
//   for tiles unpacked from bf16/bfp formats, which are already bf16-exact), then truncated by
//   masking the f32 bit pattern. TF32 operands (SrcA/SrcB are 19-bit) are not modelled.
// - Products of bf16 values are exact in f32; sums accumulate in f32 (Dst with fp32 accumulation).
//   For a bf16 Dst, round the result afterwards with roundTileToBf16 (the intermediate sums of
//   one call stay f32).
// - Multi-phase fidelity runs each phase over the whole tile into Dst (the fidelity loop is outer,
//   hardware.md §2.4 Dst hazard note), so HiFi3 = two accumulated passes.
// - add/sub have no fidelity phases; their operands are used as given (exact f32 add).
// - SFPU ops use accurate f32 math (Mathf); the approximate modes of tt-metal's SFPU kernels
//   (LUTs, fast_and_approx) are not modelled.
// - Subnormals are not flushed.
//
// All entry points accept aliasing between inputs and dst (matmul reads copies in scratch,
// broadcast operands and reductions go through static buffers). Nothing here allocates.

export const FIDELITY_LOFI: u32 = 0;
export const FIDELITY_HIFI2: u32 = 1;
export const FIDELITY_HIFI3: u32 = 2;
export const FIDELITY_HIFI4: u32 = 3;

// Broadcast of the second operand (b, SrcB): tt-metal BroadcastType NONE / ROW / COL / SCALAR.
export const BCAST_NONE: u32 = 0;
export const BCAST_ROWS: u32 = 1; // b's row 0 down all rows
export const BCAST_COLS: u32 = 2; // b's column 0 across all columns
export const BCAST_SCALAR: u32 = 3; // b[0][0]

export const REDUCE_SUM: u32 = 0;
export const REDUCE_MAX: u32 = 1;
export const REDUCE_DIM_ROW: u32 = 0; // each row reduced into column 0
export const REDUCE_DIM_COL: u32 = 1; // each column reduced into row 0
export const REDUCE_DIM_SCALAR: u32 = 2; // everything into [0][0]

export const SFPU_EXP: u32 = 0;
export const SFPU_RECIP: u32 = 1;
export const SFPU_SQRT: u32 = 2;
export const SFPU_RSQRT: u32 = 3;
export const SFPU_GELU: u32 = 4; // tanh approximation
export const SFPU_SIGMOID: u32 = 5;
export const SFPU_SILU: u32 = 6;
export const SFPU_TANH: u32 = 7;
export const SFPU_RELU: u32 = 8;
export const SFPU_SQUARE: u32 = 9;
export const SFPU_LOG: u32 = 10;
export const SFPU_LEAKY_RELU: u32 = 11; // param = negative slope
export const SFPU_ADD_SCALAR: u32 = 12; // x + param
export const SFPU_MUL_SCALAR: u32 = 13; // x * param
export const SFPU_OP_COUNT: u32 = 14;

// Bytes of scratch matmulTile needs (four tiles of operand copies).
export const TILE_MATH_SCRATCH_BYTES: u32 = 4 * 4096;

const TILE: usize = 4096;
const SRCA_HI_MASK: u32 = 0xfff80000; // sign, exponent, hidden + 4 mantissa MSBs
const SRCB_HI_MASK: u32 = 0xfffe0000; // sign, exponent, hidden + 6 mantissa MSBs

// A full tile for broadcast operands, 32 floats for reductions.
const BCAST_BUF: usize = memory.data(4096, 16);
const REDUCE_BUF: usize = memory.data(128, 16);

// bf16 round-to-nearest-even of four f32 lanes; NaNs stay (quiet) NaNs.
// @ts-ignore: decorator
@inline function bf16v(v: v128): v128 {
  const lsb = v128.and(i32x4.shr_u(v, 16), i32x4.splat(1));
  const rounded = v128.and(i32x4.add(i32x4.add(v, i32x4.splat(0x7fff)), lsb), i32x4.splat(<i32>0xffff0000));
  const nan = v128.and(v128.or(v, i32x4.splat(0x00400000)), i32x4.splat(<i32>0xffff0000));
  return v128.bitselect(nan, rounded, f32x4.ne(v, v));
}

function roundInto(src: usize, dst: usize): void {
  for (let o: usize = 0; o < TILE; o += 16) v128.store(dst + o, bf16v(v128.load(src + o)));
}

// hi = bf16(src) & mask.
function roundMaskInto(src: usize, hi: usize, mask: u32): void {
  const m = i32x4.splat(<i32>mask);
  for (let o: usize = 0; o < TILE; o += 16) v128.store(hi + o, v128.and(bf16v(v128.load(src + o)), m));
}

// full = bf16(src), hi = full & mask.
function roundSplitInto(src: usize, full: usize, hi: usize, mask: u32): void {
  const m = i32x4.splat(<i32>mask);
  for (let o: usize = 0; o < TILE; o += 16) {
    const v = bf16v(v128.load(src + o));
    v128.store(full + o, v);
    v128.store(hi + o, v128.and(v, m));
  }
}

// hi = bf16(src) & mask, lo = bf16(src) - hi (exact).
function roundHiLoInto(src: usize, hi: usize, lo: usize, mask: u32): void {
  const m = i32x4.splat(<i32>mask);
  for (let o: usize = 0; o < TILE; o += 16) {
    const v = bf16v(v128.load(src + o));
    const h = v128.and(v, m);
    v128.store(hi + o, h);
    v128.store(lo + o, f32x4.sub(v, h));
  }
}

// c += a @ b over 32×32 f32 tiles; c must not alias a or b. Blocks of 2 rows × 16 columns
// (8 accumulators); every c element sums k = 0..31 in order, starting from its old value.
function mm(a: usize, b: usize, c: usize): void {
  for (let i: usize = 0; i < 32; i += 2) {
    const ai = a + (i << 7);
    for (let j: usize = 0; j < 128; j += 64) {
      const ci = c + (i << 7) + j;
      let c0 = v128.load(ci, 0), c1 = v128.load(ci, 16), c2 = v128.load(ci, 32), c3 = v128.load(ci, 48);
      let d0 = v128.load(ci, 128), d1 = v128.load(ci, 144), d2 = v128.load(ci, 160), d3 = v128.load(ci, 176);
      let bk = b + j;
      for (let k: usize = 0; k < 128; k += 4) {
        const s = v128.load32_splat(ai + k);
        const t = v128.load32_splat(ai + k, 128);
        const b0 = v128.load(bk, 0), b1 = v128.load(bk, 16), b2 = v128.load(bk, 32), b3 = v128.load(bk, 48);
        c0 = f32x4.add(c0, f32x4.mul(s, b0));
        c1 = f32x4.add(c1, f32x4.mul(s, b1));
        c2 = f32x4.add(c2, f32x4.mul(s, b2));
        c3 = f32x4.add(c3, f32x4.mul(s, b3));
        d0 = f32x4.add(d0, f32x4.mul(t, b0));
        d1 = f32x4.add(d1, f32x4.mul(t, b1));
        d2 = f32x4.add(d2, f32x4.mul(t, b2));
        d3 = f32x4.add(d3, f32x4.mul(t, b3));
        bk += 128;
      }
      v128.store(ci, c0, 0); v128.store(ci, c1, 16); v128.store(ci, c2, 32); v128.store(ci, c3, 48);
      v128.store(ci, d0, 128); v128.store(ci, d1, 144); v128.store(ci, d2, 160); v128.store(ci, d3, 176);
    }
  }
}

// dst += a @ b. a is in0 (held in SrcB), b is in1 (SrcA): MVMUL computes Dst += SrcB @ SrcA.
// scratch: TILE_MATH_SCRATCH_BYTES bytes, 16-byte aligned, not overlapping the tiles.
export function matmulTile(a: usize, b: usize, dst: usize, fidelity: u32, scratch: usize): void {
  const s0 = scratch, s1 = scratch + TILE, s2 = scratch + 2 * TILE, s3 = scratch + 3 * TILE;
  if (fidelity == FIDELITY_LOFI) {
    roundMaskInto(a, s0, SRCB_HI_MASK); // Bhi
    roundMaskInto(b, s1, SRCA_HI_MASK); // Ahi
    mm(s0, s1, dst);
  } else if (fidelity == FIDELITY_HIFI2) {
    roundMaskInto(a, s0, SRCB_HI_MASK); // Bhi
    roundInto(b, s1); // A
    mm(s0, s1, dst);
  } else if (fidelity == FIDELITY_HIFI3) {
    roundHiLoInto(a, s0, s2, SRCB_HI_MASK); // Bhi, Blo
    roundSplitInto(b, s1, s3, SRCA_HI_MASK); // A, Ahi
    mm(s0, s1, dst); // phases 1+2: Bhi·A
    mm(s2, s3, dst); // phase 3: Blo·Ahi
  } else {
    roundInto(a, s0);
    roundInto(b, s1);
    mm(s0, s1, dst);
  }
}

// The second operand as a full tile: b itself, or its broadcast expanded into BCAST_BUF.
function bcastOperand(b: usize, bcast: u32): usize {
  if (bcast == BCAST_NONE) return b;
  if (bcast == BCAST_ROWS) {
    // Expanded into a separate buffer, so dst may alias b.
    const r0 = v128.load(b, 0), r1 = v128.load(b, 16), r2 = v128.load(b, 32), r3 = v128.load(b, 48);
    const r4 = v128.load(b, 64), r5 = v128.load(b, 80), r6 = v128.load(b, 96), r7 = v128.load(b, 112);
    for (let o: usize = 0; o < TILE; o += 128) {
      const p = BCAST_BUF + o;
      v128.store(p, r0, 0); v128.store(p, r1, 16); v128.store(p, r2, 32); v128.store(p, r3, 48);
      v128.store(p, r4, 64); v128.store(p, r5, 80); v128.store(p, r6, 96); v128.store(p, r7, 112);
    }
  } else if (bcast == BCAST_COLS) {
    for (let o: usize = 0; o < TILE; o += 128) {
      const v = v128.load32_splat(b + o);
      const p = BCAST_BUF + o;
      v128.store(p, v, 0); v128.store(p, v, 16); v128.store(p, v, 32); v128.store(p, v, 48);
      v128.store(p, v, 64); v128.store(p, v, 80); v128.store(p, v, 96); v128.store(p, v, 112);
    }
  } else {
    const v = v128.load32_splat(b);
    for (let o: usize = 0; o < TILE; o += 16) v128.store(BCAST_BUF + o, v);
  }
  return BCAST_BUF;
}

// dst = a + b (b broadcast per bcast).
export function addTiles(a: usize, b: usize, dst: usize, bcast: u32): void {
  const bb = bcastOperand(b, bcast);
  for (let o: usize = 0; o < TILE; o += 16) v128.store(dst + o, f32x4.add(v128.load(a + o), v128.load(bb + o)));
}

// dst = a - b (b broadcast per bcast).
export function subTiles(a: usize, b: usize, dst: usize, bcast: u32): void {
  const bb = bcastOperand(b, bcast);
  for (let o: usize = 0; o < TILE; o += 16) v128.store(dst + o, f32x4.sub(v128.load(a + o), v128.load(bb + o)));
}

// dst = a * b (b broadcast per bcast). For ELWMUL, a (in0) is unpacked to SrcA and b (in1) to
// SrcB, as tt-metal's unpack_AB does; broadcasts apply to SrcB. Fidelity phases as for matmul.
export function mulTiles(a: usize, b: usize, dst: usize, fidelity: u32, bcast: u32): void {
  const bb = bcastOperand(b, bcast);
  const ma = i32x4.splat(<i32>SRCA_HI_MASK), mb = i32x4.splat(<i32>SRCB_HI_MASK);
  if (fidelity == FIDELITY_LOFI) {
    for (let o: usize = 0; o < TILE; o += 16) {
      const x = v128.and(bf16v(v128.load(a + o)), ma), y = v128.and(bf16v(v128.load(bb + o)), mb);
      v128.store(dst + o, f32x4.mul(x, y));
    }
  } else if (fidelity == FIDELITY_HIFI2) {
    for (let o: usize = 0; o < TILE; o += 16) {
      const x = bf16v(v128.load(a + o)), y = v128.and(bf16v(v128.load(bb + o)), mb);
      v128.store(dst + o, f32x4.mul(x, y));
    }
  } else if (fidelity == FIDELITY_HIFI3) {
    for (let o: usize = 0; o < TILE; o += 16) {
      const x = bf16v(v128.load(a + o)), y = bf16v(v128.load(bb + o));
      const xh = v128.and(x, ma), yh = v128.and(y, mb);
      v128.store(dst + o, f32x4.add(f32x4.mul(x, yh), f32x4.mul(xh, f32x4.sub(y, yh))));
    }
  } else {
    for (let o: usize = 0; o < TILE; o += 16) {
      v128.store(dst + o, f32x4.mul(bf16v(v128.load(a + o)), bf16v(v128.load(bb + o))));
    }
  }
}

export function copyTile(a: usize, dst: usize): void {
  memory.copy(dst, a, TILE);
}

// dst = aᵀ (in place when a == dst).
export function transposeTile(a: usize, dst: usize): void {
  if (a == dst) {
    for (let r: usize = 0; r < 32; r++) {
      for (let c: usize = r + 1; c < 32; c++) {
        const p = dst + (((r << 5) + c) << 2), q = dst + (((c << 5) + r) << 2);
        const t = load<f32>(p);
        store<f32>(p, load<f32>(q));
        store<f32>(q, t);
      }
    }
    return;
  }
  for (let r: usize = 0; r < 32; r++) {
    const src = a + (r << 7);
    for (let c: usize = 0; c < 32; c++) store<f32>(dst + (((c << 5) + r) << 2), load<f32>(src + (c << 2)));
  }
}

// @ts-ignore: decorator
@inline function hsum(v: v128): f32 {
  const s = f32x4.add(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1);
}

// @ts-ignore: decorator
@inline function hmax(v: v128): f32 {
  const s = f32x4.max(v, v128.shuffle<f32>(v, v, 2, 3, 0, 1));
  return max<f32>(f32x4.extract_lane(s, 0), f32x4.extract_lane(s, 1));
}

// Reduces a by sum or max along dim; results are scaler × (sum or max), placed in column 0 (row
// reduction), row 0 (column reduction) or [0][0] (scalar). accumulate = 0: the rest of dst is
// zeroed. accumulate = 1: sums add into the existing entries and max takes the max with them;
// the rest of dst is left as is (tt-metal reduces several tiles into one Dst tile).
export function reduceTile(a: usize, dst: usize, op: u32, dim: u32, scaler: f32, accumulate: u32): void {
  const isMax = op == REDUCE_MAX;
  let n: usize = 32;
  if (dim == REDUCE_DIM_ROW) {
    for (let r: usize = 0; r < 32; r++) {
      const p = a + (r << 7);
      let x: f32;
      if (isMax) {
        const m = f32x4.max(
          f32x4.max(f32x4.max(v128.load(p, 0), v128.load(p, 16)), f32x4.max(v128.load(p, 32), v128.load(p, 48))),
          f32x4.max(f32x4.max(v128.load(p, 64), v128.load(p, 80)), f32x4.max(v128.load(p, 96), v128.load(p, 112))));
        x = hmax(m);
      } else {
        const s = f32x4.add(
          f32x4.add(f32x4.add(v128.load(p, 0), v128.load(p, 16)), f32x4.add(v128.load(p, 32), v128.load(p, 48))),
          f32x4.add(f32x4.add(v128.load(p, 64), v128.load(p, 80)), f32x4.add(v128.load(p, 96), v128.load(p, 112))));
        x = hsum(s);
      }
      store<f32>(REDUCE_BUF + (r << 2), x);
    }
  } else {
    // Columns: eight vector accumulators over the rows.
    let c0 = v128.load(a, 0), c1 = v128.load(a, 16), c2 = v128.load(a, 32), c3 = v128.load(a, 48);
    let c4 = v128.load(a, 64), c5 = v128.load(a, 80), c6 = v128.load(a, 96), c7 = v128.load(a, 112);
    for (let o: usize = 128; o < TILE; o += 128) {
      const p = a + o;
      if (isMax) {
        c0 = f32x4.max(c0, v128.load(p, 0)); c1 = f32x4.max(c1, v128.load(p, 16));
        c2 = f32x4.max(c2, v128.load(p, 32)); c3 = f32x4.max(c3, v128.load(p, 48));
        c4 = f32x4.max(c4, v128.load(p, 64)); c5 = f32x4.max(c5, v128.load(p, 80));
        c6 = f32x4.max(c6, v128.load(p, 96)); c7 = f32x4.max(c7, v128.load(p, 112));
      } else {
        c0 = f32x4.add(c0, v128.load(p, 0)); c1 = f32x4.add(c1, v128.load(p, 16));
        c2 = f32x4.add(c2, v128.load(p, 32)); c3 = f32x4.add(c3, v128.load(p, 48));
        c4 = f32x4.add(c4, v128.load(p, 64)); c5 = f32x4.add(c5, v128.load(p, 80));
        c6 = f32x4.add(c6, v128.load(p, 96)); c7 = f32x4.add(c7, v128.load(p, 112));
      }
    }
    if (dim == REDUCE_DIM_COL) {
      const q = REDUCE_BUF;
      v128.store(q, c0, 0); v128.store(q, c1, 16); v128.store(q, c2, 32); v128.store(q, c3, 48);
      v128.store(q, c4, 64); v128.store(q, c5, 80); v128.store(q, c6, 96); v128.store(q, c7, 112);
    } else {
      let x: f32;
      if (isMax) {
        x = hmax(f32x4.max(f32x4.max(f32x4.max(c0, c1), f32x4.max(c2, c3)), f32x4.max(f32x4.max(c4, c5), f32x4.max(c6, c7))));
      } else {
        x = hsum(f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)), f32x4.add(f32x4.add(c4, c5), f32x4.add(c6, c7))));
      }
      store<f32>(REDUCE_BUF, x);
      n = 1;
    }
  }
  // Destination stride: column 0 steps by a row, row 0 by an element.
  const stride: usize = dim == REDUCE_DIM_ROW ? 128 : 4;
  if (!accumulate) memory.fill(dst, 0, TILE);
  for (let i: usize = 0; i < n; i++) {
    const v = scaler * load<f32>(REDUCE_BUF + (i << 2));
    const p = dst + i * stride;
    if (!accumulate) store<f32>(p, v);
    else if (isMax) store<f32>(p, max<f32>(load<f32>(p), v));
    else store<f32>(p, load<f32>(p) + v);
  }
}

// gelu, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), evaluated as the
// equal x / (1 + exp(-2u)), which avoids the cancellation in 1 + tanh for negative x.
// @ts-ignore: decorator
@inline function gelu(x: f32): f32 {
  const u: f32 = <f32>0.7978845608028654 * (x + <f32>0.044715 * x * x * x);
  return x / (<f32>1 + Mathf.exp(<f32>-2 * u));
}

// @ts-ignore: decorator
@inline function sigmoid(x: f32): f32 {
  return <f32>1 / (<f32>1 + Mathf.exp(-x));
}

// Applies an SFPU op to every element of dst in place (accurate f32 math, see the header).
export function sfpuTile(dst: usize, op: u32, param: f32): void {
  const end = dst + TILE;
  switch (op) {
    case SFPU_EXP: for (let p = dst; p < end; p += 4) store<f32>(p, Mathf.exp(load<f32>(p))); break;
    case SFPU_RECIP: for (let p = dst; p < end; p += 4) store<f32>(p, <f32>1 / load<f32>(p)); break;
    case SFPU_SQRT: for (let p = dst; p < end; p += 16) v128.store(p, f32x4.sqrt(v128.load(p))); break;
    case SFPU_RSQRT: {
      const one = f32x4.splat(1);
      for (let p = dst; p < end; p += 16) v128.store(p, f32x4.div(one, f32x4.sqrt(v128.load(p))));
      break;
    }
    case SFPU_GELU: for (let p = dst; p < end; p += 4) store<f32>(p, gelu(load<f32>(p))); break;
    case SFPU_SIGMOID: for (let p = dst; p < end; p += 4) store<f32>(p, sigmoid(load<f32>(p))); break;
    case SFPU_SILU: for (let p = dst; p < end; p += 4) { const x = load<f32>(p); store<f32>(p, x * sigmoid(x)); } break;
    case SFPU_TANH: for (let p = dst; p < end; p += 4) store<f32>(p, Mathf.tanh(load<f32>(p))); break;
    case SFPU_RELU: {
      const z = f32x4.splat(0);
      for (let p = dst; p < end; p += 16) v128.store(p, f32x4.pmax(z, v128.load(p)));
      break;
    }
    case SFPU_SQUARE: for (let p = dst; p < end; p += 16) { const v = v128.load(p); v128.store(p, f32x4.mul(v, v)); } break;
    case SFPU_LOG: for (let p = dst; p < end; p += 4) store<f32>(p, Mathf.log(load<f32>(p))); break;
    case SFPU_LEAKY_RELU: for (let p = dst; p < end; p += 4) { const x = load<f32>(p); store<f32>(p, x < 0 ? x * param : x); } break;
    case SFPU_ADD_SCALAR: {
      const s = f32x4.splat(param);
      for (let p = dst; p < end; p += 16) v128.store(p, f32x4.add(v128.load(p), s));
      break;
    }
    case SFPU_MUL_SCALAR: {
      const s = f32x4.splat(param);
      for (let p = dst; p < end; p += 16) v128.store(p, f32x4.mul(v128.load(p), s));
      break;
    }
    default: unreachable();
  }
}

// Rounds every value of dst to bf16 (nearest even), for a Dst without fp32 accumulation.
export function roundTileToBf16(dst: usize): void {
  roundInto(dst, dst);
}
