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
