// The two ends of the whole-model run around the layers: the embedding of token ids (plus GPT-2's
// learned positions), and the final norm followed by the LM head.
import { embeddingReference } from '../../ops/embedding/reference.ts';
import { layerNormReference, rmsNormReference } from '../../ops/layernorm/reference.ts';
import { badInput } from '../../errors.ts';
import type { ModelConfig } from '../config.ts';
import type { EmbeddingWeights, HeadWeights } from '../weights.ts';

// ids [batch, seq] at positions start..start+seq−1 → hidden states [batch, seq, hidden].
export function embedReference(config: ModelConfig, weights: EmbeddingWeights, ids: ArrayLike<number>, batch: number, seq: number, start = 0): Float64Array {
  if (ids.length !== batch * seq) throw new Error(`embedReference: ${ids.length} ids, expected [${batch}, ${seq}]`);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= config.vocab) throw badInput(`token id ${id} (at ${i}) is outside the vocabulary of ${config.source} (0 to ${config.vocab - 1})`);
  }
  const x = embeddingReference(weights.tokens, config.vocab, config.hidden, ids);
  if (config.family !== 'gpt2') return x;
  if (start + seq > config.maxPositions) throw badInput(`${config.source}: position ${start + seq - 1} is past n_positions ${config.maxPositions}`);
  if (!weights.positions) throw new Error('embedReference: GPT-2 needs its position table (wpe)');
  const h = config.hidden;
  for (let r = 0; r < batch * seq; r++) {
    const p = (start + (r % seq)) * h;
    for (let c = 0; c < h; c++) x[r * h + c] += weights.positions[p + c];
  }
  return x;
}

// Hidden states [rows, hidden] → logits [rows, vocab]: ln_f (GPT-2) or norm (Llama), then the LM
// head, logits = x · lm_headᵀ with lm_head [vocab, hidden].
export function headReference(config: ModelConfig, weights: HeadWeights, x: ArrayLike<number>, rows: number): Float64Array {
  const h = config.hidden, vocab = config.vocab;
  const normed = config.family === 'gpt2'
    ? layerNormReference(x, rows, h, weights.normGamma, weights.normBeta, config.normEps)
    : rmsNormReference(x, rows, h, weights.normGamma, config.normEps);
  if (weights.lmHead.length !== vocab * h) throw new Error(`headReference: lm_head has ${weights.lmHead.length} values, expected [${vocab}, ${h}]`);
  const logits = new Float64Array(rows * vocab);
  for (let r = 0; r < rows; r++) {
    for (let v = 0; v < vocab; v++) {
      let dot = 0;
      for (let c = 0; c < h; c++) dot += normed[r * h + c] * weights.lmHead[v * h + c];
      logits[r * vocab + v] = dot;
    }
  }
  return logits;
}
