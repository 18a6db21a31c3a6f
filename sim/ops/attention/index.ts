// Prefill attention: softmax(scale · Q·Kᵀ + causal mask) · V per (batch, head), with grouped-query
// attention (query head h reads kv head floor(h · KV / H)). Two program factories: 'heads'
// (head-parallel, sim/ops/attention/heads.ts) and 'flash' (query blocks with an online softmax,
// flash.ts). Padded key columns past the sequence get zero weight.
import { badInput, within } from '../../errors.ts';
import { runOp } from '../op.ts';
import { DRAM_INTERLEAVED } from '../../tensor/memory-config.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { flashProgram } from './flash.ts';
import { headsProgram } from './heads.ts';
import { attentionDims, attentionFlops } from './shape.ts';

export const ATTENTION_STRATEGIES = ['heads', 'flash'] as const;
export type AttentionStrategy = (typeof ATTENTION_STRATEGIES)[number];
export const DEFAULT_CHUNK = 64;

export interface AttentionOptions {
  causal: boolean;
  scale: number;
  strategy?: AttentionStrategy;
  chunk?: number; // flash: query rows a block and key rows a chunk hold
}

export function attention(q: Tensor, k: Tensor, v: Tensor, o: AttentionOptions): Tensor {
  const strategy = o.strategy ?? 'flash';
  if (!ATTENTION_STRATEGIES.includes(strategy)) throw badInput(`attention: strategy '${String(strategy)}' is not known (known: ${ATTENTION_STRATEGIES.join(', ')})`);
  // positive, so that scaling keeps masked scores at -inf
  if (!Number.isFinite(o.scale) || o.scale <= 0) throw badInput(`attention: scale ${o.scale}, expected a positive finite number`);
  const chunk = o.chunk ?? DEFAULT_CHUNK;
  if (!Number.isInteger(chunk) || chunk < 32 || chunk % 32 !== 0) throw badInput(`attention: chunk ${chunk}, expected a positive multiple of 32 rows`);
  const d = attentionDims(q, k, v);
  const out = new Tensor(q.device, q.shape, 'bf16', DRAM_INTERLEAVED, 'attention');
  const program = strategy === 'heads'
    ? headsProgram(q.device, q, k, v, out, d, o.causal, o.scale)
    : flashProgram(q.device, q, k, v, out, d, o.causal, o.scale, chunk);
  const what = strategy === 'flash' ? `attention flash, chunk ${chunk}` : 'attention heads';
  within(what, () => runOp(q.device, program, { name: 'attention', strategy, flops: attentionFlops(d, o.causal), fidelity: 'HiFi2', output: out }));
  return out;
}
