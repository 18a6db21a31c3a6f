// Linear layers and head reshapes of the block references: y = x · W (+ b) with W [in, out], and
// [batch·seq, heads·headDim] ↔ [batch, heads, seq, headDim].
import { matmulReference } from '../../ops/matmul/reference.ts';

export function linear(x: ArrayLike<number>, rows: number, inFeatures: number, w: ArrayLike<number>, outFeatures: number, bias?: ArrayLike<number>): Float64Array {
  const y = matmulReference(x, w, rows, inFeatures, outFeatures);
  if (bias) {
    for (let r = 0; r < rows; r++) for (let c = 0; c < outFeatures; c++) y[r * outFeatures + c] += bias[c];
  }
  return y;
}

// Columns [offset, offset + heads·headDim) of x [batch·seq, width] → [batch, heads, seq, headDim].
export function splitHeads(x: Float64Array, batch: number, seq: number, width: number, offset: number, heads: number, headDim: number): Float64Array {
  const out = new Float64Array(batch * heads * seq * headDim);
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < seq; s++) {
      const row = (b * seq + s) * width + offset;
      for (let h = 0; h < heads; h++) {
        const to = ((b * heads + h) * seq + s) * headDim;
        for (let d = 0; d < headDim; d++) out[to + d] = x[row + h * headDim + d];
      }
    }
  }
  return out;
}

// [batch, heads, seq, headDim] → [batch·seq, heads·headDim].
export function mergeHeads(x: Float64Array, batch: number, seq: number, heads: number, headDim: number): Float64Array {
  const out = new Float64Array(x.length);
  const width = heads * headDim;
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      for (let s = 0; s < seq; s++) {
        const from = ((b * heads + h) * seq + s) * headDim;
        for (let d = 0; d < headDim; d++) out[(b * seq + s) * width + h * headDim + d] = x[from + d];
      }
    }
  }
  return out;
}

export function add(a: ArrayLike<number>, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) y[i] = a[i] + b[i];
  return y;
}
