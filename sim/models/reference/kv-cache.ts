// The K/V cache of one layer as Hugging Face's DynamicCache holds it: k and v each
// [batch, kvHeads, positions, headDim] row-major, K after rotary for Llama.
export interface KvCache {
  batch: number;
  kvHeads: number;
  positions: number;
  headDim: number;
  k: Float64Array;
  v: Float64Array;
}

// The cache after `seq` new positions per sequence (kNew, vNew [batch, kvHeads, seq, headDim]).
export function appendToCache(past: KvCache | undefined, kNew: Float64Array, vNew: Float64Array, batch: number, kvHeads: number, seq: number, headDim: number): KvCache {
  const before = past?.positions ?? 0;
  if (past && (past.batch !== batch || past.kvHeads !== kvHeads || past.headDim !== headDim)) {
    throw new Error(`KV cache [${past.batch}, ${past.kvHeads}, ${past.positions}, ${past.headDim}] does not fit batch ${batch}, ${kvHeads} KV heads of ${headDim}`);
  }
  const positions = before + seq;
  const k = new Float64Array(batch * kvHeads * positions * headDim);
  const v = new Float64Array(k.length);
  for (let bh = 0; bh < batch * kvHeads; bh++) {
    const to = bh * positions * headDim;
    if (past) {
      const from = bh * before * headDim;
      k.set(past.k.subarray(from, from + before * headDim), to);
      v.set(past.v.subarray(from, from + before * headDim), to);
    }
    const from = bh * seq * headDim;
    k.set(kNew.subarray(from, from + seq * headDim), to + before * headDim);
    v.set(vNew.subarray(from, from + seq * headDim), to + before * headDim);
  }
  return { batch, kvHeads, positions, headDim, k, v };
}
