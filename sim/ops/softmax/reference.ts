// Float64 reference of a row softmax over a row-major [rows, cols]: y = softmax(x · scale + mask).
// `mask` is additive, [rows, cols] (−Infinity hides a column). `causal` hides column j from row i
// when j > i + (cols − rows): the last row sees every column, as queries at the end of a KV cache.
export interface SoftmaxOptions {
  scale?: number;
  mask?: ArrayLike<number>;
  causal?: boolean;
}

export function softmaxReference(x: ArrayLike<number>, rows: number, cols: number, options: SoftmaxOptions = {}): Float64Array {
  const { scale = 1, mask, causal = false } = options;
  if (x.length !== rows * cols || (mask && mask.length !== rows * cols)) {
    throw new Error(`softmaxReference: x has ${x.length} values${mask ? `, mask ${mask.length}` : ''}, expected ${rows}×${cols}`);
  }
  const y = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    const visible = causal ? Math.min(cols, r + (cols - rows) + 1) : cols;
    let max = -Infinity;
    for (let c = 0; c < visible; c++) {
      y[o + c] = x[o + c] * scale + (mask ? mask[o + c] : 0);
      if (y[o + c] > max) max = y[o + c];
    }
    let sum = 0;
    for (let c = 0; c < visible; c++) {
      y[o + c] = Math.exp(y[o + c] - max);
      sum += y[o + c];
    }
    for (let c = 0; c < visible; c++) y[o + c] /= sum;
    // Hidden columns stay 0.
  }
  return y;
}
