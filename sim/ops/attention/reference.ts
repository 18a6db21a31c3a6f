// Float64 reference of scaled dot-product attention with grouped KV heads (GQA), as Hugging Face's
// eager attention computes it: query head h reads KV head ⌊h / (heads / kvHeads)⌋ (repeat_kv).
// q [batch, heads, seq, headDim], k and v [batch, kvHeads, seqKv, headDim] → [batch, heads, seq, headDim].
// `causal`: query i sees keys j ≤ i + (seqKv − seq), so queries are the last `seq` positions of the
// cache. `mask` is additive, [seq, seqKv], the same for every batch and head.
import { softmaxReference } from '../softmax/reference.ts';

export interface AttentionShape {
  batch: number;
  heads: number;
  kvHeads: number;
  seq: number;
  seqKv: number;
  headDim: number;
  scale: number;
  causal: boolean;
  mask?: ArrayLike<number>;
}

export function attentionReference(q: ArrayLike<number>, k: ArrayLike<number>, v: ArrayLike<number>, shape: AttentionShape): Float64Array {
  const { batch, heads, kvHeads, seq, seqKv, headDim, scale, causal, mask } = shape;
  if (kvHeads < 1 || heads % kvHeads !== 0) throw new Error(`attentionReference: ${kvHeads} KV heads do not divide ${heads} heads`);
  const kvLength = batch * kvHeads * seqKv * headDim;
  if (q.length !== batch * heads * seq * headDim || k.length !== kvLength || v.length !== kvLength) {
    throw new Error(`attentionReference: q, k, v have ${q.length}, ${k.length}, ${v.length} values; expected [${batch}, ${heads}, ${seq}, ${headDim}] and [${batch}, ${kvHeads}, ${seqKv}, ${headDim}]`);
  }
  const group = heads / kvHeads;
  const out = new Float64Array(q.length);
  const scores = new Float64Array(seq * seqKv);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      const qo = (b * heads + h) * seq * headDim;
      const kvo = (b * kvHeads + Math.floor(h / group)) * seqKv * headDim;
      for (let i = 0; i < seq; i++) {
        for (let j = 0; j < seqKv; j++) {
          let dot = 0;
          for (let d = 0; d < headDim; d++) dot += q[qo + i * headDim + d] * k[kvo + j * headDim + d];
          scores[i * seqKv + j] = dot;
        }
      }
      const p = softmaxReference(scores, seq, seqKv, { scale, mask, causal });
      for (let i = 0; i < seq; i++) {
        for (let j = 0; j < seqKv; j++) {
          const w = p[i * seqKv + j];
          if (w === 0) continue;
          for (let d = 0; d < headDim; d++) out[qo + i * headDim + d] += w * v[kvo + j * headDim + d];
        }
      }
    }
  }
  return out;
}
