// Float64 reference of softmax over the last dimension, a plain function of values (no device).

export interface SoftmaxReferenceOptions {
  scale?: number; // multiplies x before the mask is added (default 1)
  // Added after scaling: cols values (one row, the same for every row) or any whole number of
  // rows of cols values, row i of x taking mask row i mod (mask rows) — so a [seq, seqKv] mask
  // serves every head of a stacked [heads · seq, seqKv] input.
  mask?: ArrayLike<number>;
  causal?: boolean; // masks column j > row i (within each matrix of rowsPerMatrix rows)
  rowsPerMatrix?: number; // rows of one matrix of a stacked input, for causal (default: rows)
}

// softmax(scale · x + mask) per row of the row-major rows × cols x.
export function softmaxReference(x: ArrayLike<number>, rows: number, cols: number, options: SoftmaxReferenceOptions = {}): Float64Array {
  const { scale = 1, mask, causal = false, rowsPerMatrix = rows } = options;
  if (mask && (mask.length === 0 || mask.length % cols !== 0)) throw new Error(`softmax reference: a mask of ${mask.length} values is not whole rows of ${cols}`);
  const maskRows = mask ? mask.length / cols : 0;
  const out = new Float64Array(rows * cols);
  const row = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const i = r % rowsPerMatrix;
    let max = -Infinity;
    for (let c = 0; c < cols; c++) {
      let v = scale * x[r * cols + c];
      if (mask) v += mask[(r % maskRows) * cols + c];
      if (causal && c > i) v = -Infinity;
      row[c] = v;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += row[c] = Math.exp(row[c] - max);
    for (let c = 0; c < cols; c++) out[r * cols + c] = row[c] / sum;
  }
  return out;
}
