// Float64 reference of one Llama decoder layer as transformers' LlamaDecoderLayer computes it (eval
// mode): input_layernorm (RMS), q/k/v_proj, heads, rotary on q and k at their positions (llama3
// scaling), grouped-query causal attention over the cache and the new positions, o_proj, residual;
// post_attention_layernorm, silu(gate_proj) × up_proj, down_proj, residual. Mistral and qwen2 differ
// only in their biases and sliding window, which the config carries.
import { attentionReference } from '../../ops/attention/reference.ts';
import { siluReference } from '../../ops/eltwise/reference.ts';
import { rmsNormReference } from '../../ops/layernorm/reference.ts';
import { ropeTables, rotaryReference } from '../../ops/rotary/reference.ts';
import { badInput } from '../../errors.ts';
import { attentionScale, type LlamaConfig } from '../config.ts';
import type { LlamaLayerWeights } from '../weights.ts';
import { appendToCache, type KvCache } from './kv-cache.ts';
import { add, linear, mergeHeads, splitHeads } from './linear.ts';

export function llamaBlockReference(c: LlamaConfig, w: LlamaLayerWeights, x: ArrayLike<number>, batch: number, seq: number, past?: KvCache): { output: Float64Array; cache: KvCache } {
  const { hidden: h, heads, kvHeads, headDim: d, intermediate } = c;
  const rows = batch * seq;
  const start = past?.positions ?? 0;
  // A window only changes the result once a query has more positions behind it than the window.
  if (c.slidingWindow !== undefined && start + seq > c.slidingWindow) {
    throw badInput(`${c.source}: sliding_window ${c.slidingWindow} is not modelled: a run may span at most ${c.slidingWindow} positions, this one spans ${start + seq}`);
  }

  const normed = rmsNormReference(x, rows, h, w.inputNorm, c.normEps);
  // Row r of a [batch, n, seq, headDim] tensor is position start + r mod seq.
  const rotate = (t: Float64Array, n: number) => {
    const { cos, sin } = ropeTables(d, Array.from({ length: batch * n * seq }, (_, r) => start + (r % seq)), c.ropeTheta, c.ropeScaling);
    return rotaryReference(t, batch * n * seq, d, cos, sin);
  };
  const project = (wt: Float32Array, n: number, b?: Float32Array) => splitHeads(linear(normed, rows, h, wt, n * d, b), batch, seq, n * d, 0, n, d);
  const q = rotate(project(w.qW, heads, w.qB), heads);
  const cache = appendToCache(past, rotate(project(w.kW, kvHeads, w.kB), kvHeads), project(w.vW, kvHeads, w.vB), batch, kvHeads, seq, d);
  const attn = attentionReference(q, cache.k, cache.v, {
    batch, heads, kvHeads, seq, seqKv: cache.positions, headDim: d, scale: attentionScale(c, w.layer), causal: true,
  });
  const afterAttn = add(x, linear(mergeHeads(attn, batch, seq, heads, d), rows, heads * d, w.oW, h, w.oB));

  const normed2 = rmsNormReference(afterAttn, rows, h, w.postNorm, c.normEps);
  const gate = linear(normed2, rows, h, w.gateW, intermediate, w.gateB);
  const up = linear(normed2, rows, h, w.upW, intermediate, w.upB);
  for (let i = 0; i < gate.length; i++) gate[i] = siluReference(gate[i]) * up[i];
  return { output: add(afterAttn, linear(gate, rows, intermediate, w.downW, h, w.downB)), cache };
}
