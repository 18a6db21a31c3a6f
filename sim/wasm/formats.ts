// Tile data formats: conversion between a tile as stored in L1/DRAM and the working form of the
// tile math. Used by every unpack and pack, so it is allocation-free SIMD over linear memory.
//
// Documented decisions (hardware.md §2.4; the host mirror is sim/compute/formats.ts):
// - A tile is 32×32 values. In memory (L1, DRAM) it is stored in the face layout: four 16×16
//   faces in the order top-left, top-right, bottom-left, bottom-right; row-major within a face.
//   Face f, face row fr is "group" g = f*16 + fr: tile row (f >> 1)*16 + fr, columns
//   (f & 1)*16 .. +15.
// - The working form is 1024 f32 in plain row-major order (row r, column c at index r*32 + c).
// - fp32   (4096 B): the f32 values, little-endian, in face layout.
// - bf16   (2048 B): the upper 16 bits of each f32. Packing rounds to nearest, ties to even;
//   overflow rounds to ±inf as IEEE does; NaN stays NaN (the quiet bit is set so that dropping
//   the low mantissa bits cannot turn it into inf); bf16 denormals are kept.
// - bfp8_b (1088 B) and bfp4_b (576 B): block floating point. One shared 8-bit exponent per
//   group of 16 values (a face row), 64 exponent bytes first in group order, then the data:
//   bfp8_b one byte per value (bit 7 sign, bits 0-6 magnitude), bfp4_b one nibble per value
//   (bit 3 sign, bits 0-2 magnitude; two values per byte, low nibble first).
//   Packing: each f32 is first rounded to bf16 (as above). The shared exponent s is the largest
//   bf16 exponent field in the group (a group of zeros has s = 0). Values with exponent field 0
//   (zeros and denormals) are flushed to zero. Otherwise the 8-bit bf16 mantissa 1.fffffff with
//   exponent e becomes the magnitude M = round(1.fffffff × 2^(e − s) × 2^(B − 1)), B = 7 (bfp8_b)
//   or 3 (bfp4_b), i.e. the hidden-1 mantissa shifted right by s − e and cut to B bits, rounded
//   to nearest with ties to even and saturated at 2^B − 1. A zero magnitude is always stored with
//   a clear sign bit (zero is encoded canonically as +0, so −0 becomes +0).
//   Unpacking: value = ±M × 2^(s − 127 − (B − 1)), computed exactly in f32 (for any byte pattern).
//   inf and NaN are not representable: they have exponent field 255 like any value, so s = 255
//   and they decode as ±inf (2^128 overflows f32); NaN loses its payload and becomes ±inf.
// - Worst-case error against the exact value: bf16 ≤ 2^-8 relative (half an ulp of an 8-bit
//   significand); bfp8_b ≲ 2^-7 + 2^-8 and bfp4_b ≲ 2^-3 + 2^-8 of the largest magnitude in the
//   group (half a step of the group's grid plus the bf16 rounding).
//   test/compute/formats.test.ts checks 2^-8, 2^-6 and 2^-2.

export const FORMAT_FP32: u32 = 0;
export const FORMAT_BF16: u32 = 1;
export const FORMAT_BFP8_B: u32 = 2;
export const FORMAT_BFP4_B: u32 = 3;

// Row-major offset (in elements) of the first value of group g (face g >> 4, face row g & 15).
@inline function rowMajorIndex(g: u32): u32 {
  const f = g >> 4;
  return (((f >> 1) << 4) + (g & 15)) * 32 + ((f & 1) << 4);
}

// f32 bits → bf16 bits in the upper half of each lane (low half zero), round to nearest even.
@inline function bf16Round(b: v128): v128 {
  const lsb = v128.and(i32x4.shr_u(b, 16), i32x4.splat(1));
  const rounded = i32x4.add(b, i32x4.add(i32x4.splat(0x7fff), lsb));
  const isNan = i32x4.gt_s(v128.and(b, i32x4.splat(0x7fffffff)), i32x4.splat(0x7f800000));
  const r = v128.bitselect(v128.or(b, i32x4.splat(0x00400000)), rounded, isNan);
  return v128.and(r, i32x4.splat(<i32>0xffff0000));
}

// ---- fp32 ----

function unpackFp32(src: usize, dst: usize): void {
  for (let g: u32 = 0; g < 64; g++) {
    const s = src + (<usize>g << 6);
    const d = dst + (<usize>rowMajorIndex(g) << 2);
    v128.store(d, v128.load(s));
    v128.store(d, v128.load(s, 16), 16);
    v128.store(d, v128.load(s, 32), 32);
    v128.store(d, v128.load(s, 48), 48);
  }
}

function packFp32(src: usize, dst: usize): void {
  for (let g: u32 = 0; g < 64; g++) {
    const s = src + (<usize>rowMajorIndex(g) << 2);
    const d = dst + (<usize>g << 6);
    v128.store(d, v128.load(s));
    v128.store(d, v128.load(s, 16), 16);
    v128.store(d, v128.load(s, 32), 32);
    v128.store(d, v128.load(s, 48), 48);
  }
}

// ---- bf16 ----

function unpackBf16(src: usize, dst: usize): void {
  for (let g: u32 = 0; g < 64; g++) {
    const s = src + (<usize>g << 5);
    const d = dst + (<usize>rowMajorIndex(g) << 2);
    const a = v128.load(s);
    const b = v128.load(s, 16);
    v128.store(d, i32x4.shl(i32x4.extend_low_i16x8_u(a), 16));
    v128.store(d, i32x4.shl(i32x4.extend_high_i16x8_u(a), 16), 16);
    v128.store(d, i32x4.shl(i32x4.extend_low_i16x8_u(b), 16), 32);
    v128.store(d, i32x4.shl(i32x4.extend_high_i16x8_u(b), 16), 48);
  }
}

function packBf16(src: usize, dst: usize): void {
  for (let g: u32 = 0; g < 64; g++) {
    const s = src + (<usize>rowMajorIndex(g) << 2);
    const d = dst + (<usize>g << 5);
    const r0 = bf16Round(v128.load(s));
    const r1 = bf16Round(v128.load(s, 16));
    const r2 = bf16Round(v128.load(s, 32));
    const r3 = bf16Round(v128.load(s, 48));
    v128.store(d, i8x16.shuffle(r0, r1, 2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31));
    v128.store(d, i8x16.shuffle(r2, r3, 2, 3, 6, 7, 10, 11, 14, 15, 18, 19, 22, 23, 26, 27, 30, 31), 16);
  }
}

// ---- block floating point (bfp8_b: B = 7, bfp4_b: B = 3) ----

// ±mag × scale, where scale = 2^(s − 127 − (B − 1)) = 2^(s − 127 − off) is the value of magnitude 1
// in a group with shared exponent s. It is a single factor a, or a × b (b = 2^-64) when the scale is
// below the f32 normal range (s ≤ off) and a single constant would be denormal. Both products are
// exact (the results have at most B significant bits and lie above 2^-149).
@inline function decodeLanes(mag: v128, sign: v128, a: v128, b: v128, twoStep: bool): v128 {
  let f = f32x4.mul(f32x4.convert_i32x4_s(mag), a);
  if (twoStep) f = f32x4.mul(f, b);
  return v128.or(f, sign);
}

@inline function decodeGroup(d: usize, m: v128, s: u32, off: u32, signShift: i32, magMask: i32): void {
  // m: 16 lanes of one byte each (sign-magnitude, sign bit at 1 << (B)), in group order.
  const biased = <i32>s - <i32>off;
  const twoStep = biased < 1;
  const a = f32x4.splat(reinterpret<f32>((twoStep ? biased + 64 : biased) << 23));
  const b = f32x4.splat(reinterpret<f32>(<i32>(127 - 64) << 23));
  const lo = i16x8.extend_low_i8x16_u(m);
  const hi = i16x8.extend_high_i8x16_u(m);
  const q0 = i32x4.extend_low_i16x8_u(lo);
  const q1 = i32x4.extend_high_i16x8_u(lo);
  const q2 = i32x4.extend_low_i16x8_u(hi);
  const q3 = i32x4.extend_high_i16x8_u(hi);
  const mm = i32x4.splat(magMask);
  const sm = i32x4.splat(<i32>0x80000000);
  v128.store(d, decodeLanes(v128.and(q0, mm), v128.and(i32x4.shl(q0, signShift), sm), a, b, twoStep));
  v128.store(d, decodeLanes(v128.and(q1, mm), v128.and(i32x4.shl(q1, signShift), sm), a, b, twoStep), 16);
  v128.store(d, decodeLanes(v128.and(q2, mm), v128.and(i32x4.shl(q2, signShift), sm), a, b, twoStep), 32);
  v128.store(d, decodeLanes(v128.and(q3, mm), v128.and(i32x4.shl(q3, signShift), sm), a, b, twoStep), 48);
}

function unpackBfp8(src: usize, dst: usize): void {
  for (let g: u32 = 0; g < 64; g++) {
    const s = <u32>load<u8>(src + g);
    const m = v128.load(src + 64 + (<usize>g << 4));
    decodeGroup(dst + (<usize>rowMajorIndex(g) << 2), m, s, 6, 24, 0x7f);
  }
}

function unpackBfp4(src: usize, dst: usize): void {
  for (let g: u32 = 0; g < 64; g++) {
    const s = <u32>load<u8>(src + g);
    // 8 bytes → i16 lanes; (byte & 0x0f) | ((byte & 0xf0) << 4) puts the low nibble in the
    // lane's first byte and the high nibble in its second: the 16 values in order, one per byte.
    const w = v128.load8x8_u(src + 64 + (<usize>g << 3));
    const m = v128.or(v128.and(w, i16x8.splat(0x0f)), i16x8.shl(v128.and(w, i16x8.splat(0xf0)), 4));
    decodeGroup(dst + (<usize>rowMajorIndex(g) << 2), m, s, 2, 28, 0x07);
  }
}

// Magnitudes (with sign at bit B) of four lanes of bf16-rounded bits b, given the group's shared
// exponent: the exponent field is moved by (127 + off − s) so that one step of the group's grid
// is 1.0; adding 2^23 then rounds to an integer (the f32 add rounds to nearest, ties to even) that
// is read from the low mantissa bits. Lanes with exponent field 0 or more than 9 below s are zero
// (for those the shifted 8-bit mantissa rounds to 0 anyway, and the exponent arithmetic could
// leave the normal range).
@inline function encodeLanes(b: v128, keepFrom: v128, shift: v128, maxMag: v128, signBit: v128, signShift: i32): v128 {
  const abs = v128.and(b, i32x4.splat(0x7fffffff));
  const keep = i32x4.ge_s(abs, keepFrom);
  const scaled = i32x4.add(abs, shift);
  const rounded = i32x4.sub(f32x4.add(scaled, f32x4.splat(8388608.0)), i32x4.splat(0x4b000000));
  const mag = v128.and(i32x4.min_s(rounded, maxMag), keep);
  const nonzero = i32x4.ne(mag, i32x4.splat(0));
  return v128.or(mag, v128.and(v128.and(i32x4.shr_u(b, signShift), signBit), nonzero));
}

// Encodes group g: returns 16 sign-magnitude bytes (as u8 lanes) and stores the exponent byte.
@inline function encodeGroup(src: usize, expDst: usize, off: u32, maxMag: i32, signShift: i32, signBit: i32): v128 {
  const b0 = bf16Round(v128.load(src));
  const b1 = bf16Round(v128.load(src, 16));
  const b2 = bf16Round(v128.load(src, 32));
  const b3 = bf16Round(v128.load(src, 48));
  const absMask = i32x4.splat(0x7fffffff);
  // The largest magnitude's bits carry the largest exponent field.
  let mx = i32x4.max_u(i32x4.max_u(v128.and(b0, absMask), v128.and(b1, absMask)), i32x4.max_u(v128.and(b2, absMask), v128.and(b3, absMask)));
  mx = i32x4.max_u(mx, i32x4.shuffle(mx, mx, 2, 3, 0, 1));
  mx = i32x4.max_u(mx, i32x4.shuffle(mx, mx, 1, 0, 3, 2));
  const s = <u32>i32x4.extract_lane(mx, 0) >>> 23;
  store<u8>(expDst, <u8>s);
  const keepFrom = i32x4.splat(<i32>max<u32>(s > 9 ? s - 9 : 0, 1) << 23);
  const shift = i32x4.splat((127 + <i32>off - <i32>s) << 23);
  const mm = i32x4.splat(maxMag);
  const sb = i32x4.splat(signBit);
  const e0 = encodeLanes(b0, keepFrom, shift, mm, sb, signShift);
  const e1 = encodeLanes(b1, keepFrom, shift, mm, sb, signShift);
  const e2 = encodeLanes(b2, keepFrom, shift, mm, sb, signShift);
  const e3 = encodeLanes(b3, keepFrom, shift, mm, sb, signShift);
  return i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(e0, e1), i16x8.narrow_i32x4_u(e2, e3));
}

function packBfp8(src: usize, dst: usize): void {
  for (let g: u32 = 0; g < 64; g++) {
    const v = encodeGroup(src + (<usize>rowMajorIndex(g) << 2), dst + g, 6, 127, 24, 0x80);
    v128.store(dst + 64 + (<usize>g << 4), v);
  }
}

function packBfp4(src: usize, dst: usize): void {
  for (let g: u32 = 0; g < 64; g++) {
    const v = encodeGroup(src + (<usize>rowMajorIndex(g) << 2), dst + g, 2, 7, 28, 0x08);
    // Pairs of nibble bytes (lo, hi) in i16 lanes → lo | hi << 4, then the 8 bytes.
    const p = v128.or(v128.and(v, i16x8.splat(0x0f)), v128.and(i16x8.shr_u(v, 4), i16x8.splat(0xf0)));
    v128.store64_lane(dst + 64 + (<usize>g << 3), i8x16.narrow_i16x8_u(p, p), 0);
  }
}

// Memory tile in `format` at src → 1024 f32 row-major at dst. Unknown formats do nothing.
export function unpackTile(src: usize, format: u32, dst: usize): void {
  if (format == FORMAT_BF16) unpackBf16(src, dst);
  else if (format == FORMAT_BFP8_B) unpackBfp8(src, dst);
  else if (format == FORMAT_FP32) unpackFp32(src, dst);
  else if (format == FORMAT_BFP4_B) unpackBfp4(src, dst);
}

// 1024 f32 row-major at src → memory tile in `format` at dst. Unknown formats do nothing.
export function packTile(src: usize, format: u32, dst: usize): void {
  if (format == FORMAT_BF16) packBf16(src, dst);
  else if (format == FORMAT_BFP8_B) packBfp8(src, dst);
  else if (format == FORMAT_FP32) packFp32(src, dst);
  else if (format == FORMAT_BFP4_B) packBfp4(src, dst);
}

// A row of tiles at once, for the host's tilize and untilize (one call and one copy per band of
// 32 tensor rows instead of per tile). The band is 32 rows × tiles·32 f32, row-major; the memory
// tiles lie one after another, `tileBytes` apart; `work` is a 4096-byte scratch tile.
export function packTileRow(band: usize, tiles: u32, format: u32, tileBytes: u32, work: usize, dst: usize): void {
  for (let t: u32 = 0; t < tiles; t++) {
    for (let r: u32 = 0; r < 32; r++) memory.copy(work + (<usize>r << 7), band + ((<usize>(r * tiles + t)) << 7), 128);
    packTile(work, format, dst + <usize>(t * tileBytes));
  }
}

export function unpackTileRow(src: usize, tiles: u32, format: u32, tileBytes: u32, work: usize, band: usize): void {
  for (let t: u32 = 0; t < tiles; t++) {
    unpackTile(src + <usize>(t * tileBytes), format, work);
    for (let r: u32 = 0; r < 32; r++) memory.copy(band + ((<usize>(r * tiles + t)) << 7), work + (<usize>r << 7), 128);
  }
}
