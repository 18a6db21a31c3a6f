// Float64 reference of one GPT-2 block as transformers' GPT2Block computes it (eval mode, no
// dropout): ln_1, c_attn (+bias) split into q, k, v and heads, causal attention over the cache and
// the new positions, merged heads, c_proj, residual; ln_2, c_fc, gelu_new, c_proj, residual.
import { geluNewReference } from '../../ops/eltwise/reference.ts';
import { attentionReference } from '../../ops/attention/reference.ts';
import { layerNormReference } from '../../ops/layernorm/reference.ts';
import { attentionScale, type Gpt2Config } from '../config.ts';
import type { Gpt2LayerWeights } from '../weights.ts';
import { appendToCache, type KvCache } from './kv-cache.ts';
import { add, linear, mergeHeads, splitHeads } from './linear.ts';

export function gpt2BlockReference(c: Gpt2Config, w: Gpt2LayerWeights, x: ArrayLike<number>, batch: number, seq: number, past?: KvCache): { output: Float64Array; cache: KvCache } {
  const { hidden: h, heads, headDim: d, intermediate } = c;
  const rows = batch * seq;

  const qkv = linear(layerNormReference(x, rows, h, w.ln1Gamma, w.ln1Beta, c.normEps), rows, h, w.qkvW, 3 * h, w.qkvB);
  const q = splitHeads(qkv, batch, seq, 3 * h, 0, heads, d);
  const cache = appendToCache(past, splitHeads(qkv, batch, seq, 3 * h, h, heads, d), splitHeads(qkv, batch, seq, 3 * h, 2 * h, heads, d), batch, heads, seq, d);
  const attn = attentionReference(q, cache.k, cache.v, {
    batch, heads, kvHeads: heads, seq, seqKv: cache.positions, headDim: d, scale: attentionScale(c, w.layer), causal: true,
  });
  const afterAttn = add(x, linear(mergeHeads(attn, batch, seq, heads, d), rows, h, w.outW, h, w.outB));

  const fc = linear(layerNormReference(afterAttn, rows, h, w.ln2Gamma, w.ln2Beta, c.normEps), rows, h, w.fcW, intermediate, w.fcB);
  for (let i = 0; i < fc.length; i++) fc[i] = geluNewReference(fc[i]);
  return { output: add(afterAttn, linear(fc, rows, intermediate, w.projW, h, w.projB)), cache };
}
