// Float64 references of the two normalisations, over the last dimension of a row-major [rows, cols]:
// LayerNorm as torch.nn.LayerNorm (biased variance), RMSNorm as Hugging Face's LlamaRMSNorm.
function checkShape(name: string, x: ArrayLike<number>, rows: number, cols: number, gamma: ArrayLike<number>, beta?: ArrayLike<number>): void {
  if (x.length !== rows * cols || gamma.length !== cols || (beta && beta.length !== cols)) {
    throw new Error(`${name}: x has ${x.length} values, gamma ${gamma.length}${beta ? `, beta ${beta.length}` : ''}; expected ${rows}×${cols} and ${cols}`);
  }
}

// y = (x − mean) / sqrt(var + eps) · gamma + beta
export function layerNormReference(x: ArrayLike<number>, rows: number, cols: number, gamma: ArrayLike<number>, beta: ArrayLike<number>, eps: number): Float64Array {
  checkShape('layerNormReference', x, rows, cols, gamma, beta);
  const y = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let mean = 0;
    for (let c = 0; c < cols; c++) mean += x[o + c];
    mean /= cols;
    let variance = 0;
    for (let c = 0; c < cols; c++) variance += (x[o + c] - mean) ** 2;
    variance /= cols;
    const inv = 1 / Math.sqrt(variance + eps);
    for (let c = 0; c < cols; c++) y[o + c] = (x[o + c] - mean) * inv * gamma[c] + beta[c];
  }
  return y;
}

// y = x / sqrt(mean(x²) + eps) · gamma
export function rmsNormReference(x: ArrayLike<number>, rows: number, cols: number, gamma: ArrayLike<number>, eps: number): Float64Array {
  checkShape('rmsNormReference', x, rows, cols, gamma);
  const y = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let squares = 0;
    for (let c = 0; c < cols; c++) squares += x[o + c] * x[o + c];
    const inv = 1 / Math.sqrt(squares / cols + eps);
    for (let c = 0; c < cols; c++) y[o + c] = x[o + c] * inv * gamma[c];
  }
  return y;
}
