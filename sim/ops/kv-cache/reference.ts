// Float64 reference of the KV-cache update, a plain function of values (no device).

export interface CacheShape {
  batch: number;
  kvHeads: number;
  maxSeq: number;
  headDim: number;
}

// The cache [batch, kvHeads, maxSeq, headDim] with row positions[b] of every head of sequence b
// replaced by the new row rows[b, h, :] (rows: [batch, kvHeads, headDim]); the cache is not changed.
export function updateCacheReference(cache: ArrayLike<number>, shape: CacheShape, rows: ArrayLike<number>, positions: readonly number[]): Float64Array {
  const { batch, kvHeads, maxSeq, headDim } = shape;
  const out = Float64Array.from(cache);
  for (let b = 0; b < batch; b++) {
    const p = positions[b];
    if (!(Number.isInteger(p) && p >= 0 && p < maxSeq)) throw new Error(`update cache reference: position ${p} of sequence ${b} is outside the cache of ${maxSeq}`);
    for (let h = 0; h < kvHeads; h++) {
      const src = (b * kvHeads + h) * headDim;
      const dst = ((b * kvHeads + h) * maxSeq + p) * headDim;
      for (let d = 0; d < headDim; d++) out[dst + d] = rows[src + d];
    }
  }
  return out;
}
