// attention_decode in float64: per user, its query rows (one per head) against cache rows
// 0 .. length-1 of each kv head, by attentionReference (a single query sees every key it is given).
import { attentionReference } from './reference.ts';

export interface DecodeReferenceShape {
  users: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  maxLength: number; // positions the caches hold
  length: number; // positions attended to
  scale: number;
}

// q [1, users, heads, headDim]; k and v [users, kvHeads, maxLength, headDim]; the result as q.
export function attentionDecodeReference(q: ArrayLike<number>, k: ArrayLike<number>, v: ArrayLike<number>, s: DecodeReferenceShape): Float64Array {
  const { users, heads, kvHeads, headDim: d, maxLength, length } = s;
  const out = new Float64Array(users * heads * d);
  const rows = (cache: ArrayLike<number>, user: number) => {
    const r = new Float64Array(kvHeads * length * d);
    for (let h = 0; h < kvHeads; h++) {
      const from = (user * kvHeads + h) * maxLength * d;
      for (let i = 0; i < length * d; i++) r[h * length * d + i] = cache[from + i];
    }
    return r;
  };
  const shape = { batch: 1, heads, kvHeads, seq: 1, seqKv: length, headDim: d, scale: s.scale, causal: false };
  for (let b = 0; b < users; b++) {
    const userQ = Float64Array.from({ length: heads * d }, (_, i) => q[b * heads * d + i]);
    out.set(attentionReference(userQ, rows(k, b), rows(v, b), shape), b * heads * d);
  }
  return out;
}
