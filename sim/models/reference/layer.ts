// The float64 reference of one transformer layer, for either family, in the two modes the layer
// graph runs: prefill (seq new positions 0..seq−1 per sequence) and decode (one new token per
// sequence at position L, after a cache of L positions). Inputs as the device graph takes them:
// x [batch, seq, hidden] row-major, the layer's weights (weights.ts layout), the cache it extends.
import type { ModelConfig } from '../config.ts';
import type { LayerWeights } from '../weights.ts';
import { gpt2BlockReference } from './gpt2-block.ts';
import type { KvCache } from './kv-cache.ts';
import { llamaBlockReference } from './llama-block.ts';

export interface LayerResult {
  output: Float64Array; // [batch, seq, hidden]
  cache: KvCache; // the past positions and the new ones
}

// seq new positions per sequence after the `past` cache (none: positions from 0).
export function layerReference(config: ModelConfig, weights: LayerWeights, x: ArrayLike<number>, batch: number, seq: number, past?: KvCache): LayerResult {
  if (x.length !== batch * seq * config.hidden) throw new Error(`layerReference: x has ${x.length} values, expected [${batch}, ${seq}, ${config.hidden}]`);
  if (config.family === 'gpt2' && weights.family === 'gpt2') return gpt2BlockReference(config, weights, x, batch, seq, past);
  if (config.family === 'llama' && weights.family === 'llama') return llamaBlockReference(config, weights, x, batch, seq, past);
  throw new Error(`layerReference: ${weights.family} weights for a ${config.family} config`);
}

export function prefillReference(config: ModelConfig, weights: LayerWeights, x: ArrayLike<number>, batch: number, seq: number): LayerResult {
  return layerReference(config, weights, x, batch, seq);
}

// x [batch, 1, hidden]: each sequence's new token, at position past.positions.
export function decodeReference(config: ModelConfig, weights: LayerWeights, x: ArrayLike<number>, past: KvCache): LayerResult {
  return layerReference(config, weights, x, past.batch, 1, past);
}
