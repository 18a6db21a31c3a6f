// Float64 references of the normalisations over the last dimension, as plain functions of values
// (no device): row-major x of rows × cols in, row-major Float64Array out. The layer references
// compose these; the device ops are checked against them.

// GPT-2's LayerNorm: (x − mean) / √(var + eps) · gamma + beta per row, var the biased variance
// (torch.nn.LayerNorm). Without gamma / beta: weight 1, bias 0 (ttnn's weight=None).
export function layerNormReference(x: ArrayLike<number>, rows: number, cols: number, gamma: ArrayLike<number> | undefined, beta: ArrayLike<number> | undefined, eps: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let mean = 0;
    for (let c = 0; c < cols; c++) mean += x[o + c];
    mean /= cols;
    let variance = 0;
    for (let c = 0; c < cols; c++) variance += (x[o + c] - mean) ** 2;
    const inv = 1 / Math.sqrt(variance / cols + eps);
    for (let c = 0; c < cols; c++) out[o + c] = (x[o + c] - mean) * inv * (gamma ? gamma[c] : 1) + (beta ? beta[c] : 0);
  }
  return out;
}

// Llama's RMSNorm: x / √(mean(x²) + eps) · gamma per row (LlamaRMSNorm).
export function rmsNormReference(x: ArrayLike<number>, rows: number, cols: number, gamma: ArrayLike<number> | undefined, eps: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    let squares = 0;
    for (let c = 0; c < cols; c++) squares += x[o + c] ** 2;
    const inv = 1 / Math.sqrt(squares / cols + eps);
    for (let c = 0; c < cols; c++) out[o + c] = x[o + c] * inv * (gamma ? gamma[c] : 1);
  }
  return out;
}
