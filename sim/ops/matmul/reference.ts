import { geluNewReference, siluReference } from '../eltwise/reference.ts';

// Float64 reference of C = A · B, row-major: a [m, k], b [k, n] → [m, n].
export function matmulReference(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  if (a.length !== m * k || b.length !== k * n) {
    throw new Error(`matmulReference: a has ${a.length} values and b ${b.length}, expected ${m}×${k} and ${k}×${n}`);
  }
  const c = new Float64Array(m * n);
  // i-k-j order: the inner loop walks one row of B and one row of C contiguously.
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p];
      if (av === 0) continue;
      const brow = p * n;
      for (let j = 0; j < n; j++) c[row + j] += av * b[brow + j];
    }
  }
  return c;
}

// The fused activations, in float64: gelu_new is GPT-2's tanh approximation; gelu the exact
// x·Φ(x), with erf from Abramowitz & Stegun 7.1.26 (error under 1.5e-7, far below bf16's).
export function activationReference(fn: 'gelu_new' | 'gelu' | 'silu' | 'relu', v: number): number {
  switch (fn) {
    case 'gelu_new':
      return geluNewReference(v);
    case 'gelu':
      return 0.5 * v * (1 + erf(v / Math.SQRT2));
    case 'silu':
      return siluReference(v);
    case 'relu':
      return Math.max(v, 0);
  }
}

function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x < 0 ? -y : y;
}
