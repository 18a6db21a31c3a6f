// mulberry32 (the host's sim/random.ts) in bulk, for seeded tensors of tens of millions of values.
// Its state only adds 0x6d2b79f5 per draw, so draw i's state is known without the ones before it
// and four lanes compute four draws at once; the arithmetic is the host's, value for value.

const STEP: i32 = 0x6d2b79f5;

// The 32-bit outputs of the draws whose states are the lanes of a.
@inline function outputs(a: v128): v128 {
  let t = i32x4.mul(v128.xor(a, i32x4.shr_u(a, 15)), v128.or(a, i32x4.splat(1)));
  t = v128.xor(t, i32x4.add(t, i32x4.mul(v128.xor(t, i32x4.shr_u(t, 7)), v128.or(t, i32x4.splat(61)))));
  return v128.xor(t, i32x4.shr_u(t, 14));
}

// Draws 1 … count after state `state` (a count rounded up to 4 is written), each as
// (u / 2^32 · 2 − 1) · range in f32 at dst, u the draw's 32-bit output.
export function uniformFill(state: u32, count: u32, range: f64, dst: usize): void {
  let a = i32x4.add(i32x4.splat(<i32>state), i32x4(STEP, STEP * 2, STEP * 3, STEP * 4));
  const step = i32x4.splat(STEP * 4);
  const half = f64x2.splat(1.0 / 2147483648.0); // u / 2^32 · 2, exact in f64
  const one = f64x2.splat(1.0);
  const scale = f64x2.splat(range);
  for (let i: u32 = 0; i < count; i += 4) {
    const t = outputs(a);
    const lo = f64x2.mul(f64x2.sub(f64x2.mul(f64x2.convert_low_i32x4_u(t), half), one), scale);
    const hi = f64x2.mul(f64x2.sub(f64x2.mul(f64x2.convert_low_i32x4_u(i64x2.shuffle(t, t, 1, 0)), half), one), scale);
    v128.store(dst + (<usize>i << 2), i64x2.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 2));
    a = i32x4.add(a, step);
  }
}

// Draws 1 … count after state `state` (a count rounded up to 4 is written) as the host's calls
// return them, u / 2^32 in f64 at dst.
export function drawFill(state: u32, count: u32, dst: usize): void {
  let a = i32x4.add(i32x4.splat(<i32>state), i32x4(STEP, STEP * 2, STEP * 3, STEP * 4));
  const step = i32x4.splat(STEP * 4);
  const scale = f64x2.splat(1.0 / 4294967296.0);
  for (let i: u32 = 0; i < count; i += 4) {
    const t = outputs(a);
    v128.store(dst + (<usize>i << 3), f64x2.mul(f64x2.convert_low_i32x4_u(t), scale));
    v128.store(dst + (<usize>i << 3), f64x2.mul(f64x2.convert_low_i32x4_u(i64x2.shuffle(t, t, 1, 0)), scale), 16);
    a = i32x4.add(a, step);
  }
}
