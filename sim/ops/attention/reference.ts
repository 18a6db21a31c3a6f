// Scaled dot-product attention in float64, the meaning every attention program factory is checked
// against (and the layer reference composes): per batch and query head,
// softmax(scale · q · kᵀ + mask) · v, with grouped-query attention — query head h reads K/V head
// floor(h / (heads / kvHeads)), as Hugging Face's repeat_kv does.
//
// Layouts are row-major: q [batch, heads, seq, headDim]; k and v [batch, kvHeads, seqKv, headDim];
// the optional additive mask [batch, 1 or heads, seq, seqKv]; the result [batch, heads, seq, headDim].
// With `causal`, query i sees keys j ≤ i + (seqKv − seq): a prefill's query i sees keys 0..i, and a
// single decode query sees every cached key.

export interface AttentionShape {
  batch: number;
  heads: number;
  kvHeads: number;
  seq: number;
  seqKv: number;
  headDim: number;
  scale: number; // usually 1 / sqrt(headDim)
  causal: boolean;
  mask?: ArrayLike<number>; // additive, [batch, 1 or heads, seq, seqKv]
}

export function attentionReference(q: ArrayLike<number>, k: ArrayLike<number>, v: ArrayLike<number>, s: AttentionShape): Float64Array {
  const { batch, heads, kvHeads, seq, seqKv, headDim: d, scale, causal, mask } = s;
  if (heads % kvHeads !== 0) throw new RangeError(`attentionReference: ${kvHeads} kv heads do not divide ${heads} heads`);
  const sizes: [string, ArrayLike<number>, number][] = [['q', q, batch * heads * seq * d], ['k', k, batch * kvHeads * seqKv * d], ['v', v, batch * kvHeads * seqKv * d]];
  for (const [name, values, expected] of sizes) {
    if (values.length !== expected) throw new RangeError(`attentionReference: ${name} has ${values.length} values, expected ${expected}`);
  }
  const maskHeads = mask ? mask.length / (batch * seq * seqKv) : 0;
  if (mask && maskHeads !== 1 && maskHeads !== heads) throw new RangeError(`attentionReference: mask has ${mask.length} values, expected [${batch}, 1 or ${heads}, ${seq}, ${seqKv}]`);
  const group = heads / kvHeads;
  const offset = seqKv - seq;
  const out = new Float64Array(batch * heads * seq * d);
  const scores = new Float64Array(seqKv);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      const qBase = (b * heads + h) * seq * d;
      const kvBase = (b * kvHeads + Math.floor(h / group)) * seqKv * d;
      const maskBase = mask ? (b * maskHeads + (maskHeads === 1 ? 0 : h)) * seq * seqKv : 0;
      for (let i = 0; i < seq; i++) {
        const visible = causal ? Math.min(seqKv, i + offset + 1) : seqKv;
        let max = -Infinity;
        for (let j = 0; j < visible; j++) {
          let dot = 0;
          for (let c = 0; c < d; c++) dot += q[qBase + i * d + c] * k[kvBase + j * d + c];
          scores[j] = scale * dot + (mask ? mask[maskBase + i * seqKv + j] : 0);
          max = Math.max(max, scores[j]);
        }
        let sum = 0;
        for (let j = 0; j < visible; j++) sum += scores[j] = Math.exp(scores[j] - max);
        const o = qBase + i * d;
        for (let j = 0; j < visible; j++) {
          const p = scores[j] / sum;
          for (let c = 0; c < d; c++) out[o + c] += p * v[kvBase + j * d + c];
        }
      }
    }
  }
  return out;
}
