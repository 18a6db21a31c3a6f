// Llama's config.json (transformers' LlamaConfig), and mistral's and qwen2's, which run the same
// graph: sizes are required; the rest take their config class's defaults when absent.
//   llama:   attention_bias on q/k/v/o (default false), mlp_bias (default false)
//   mistral: no biases; sliding_window (default 4096, null for none)
//   qwen2:   q/k/v biases, none on o_proj or the MLP; sliding_window only with use_sliding_window
import type { Llama3RopeScaling } from '../ops/rotary/reference.ts';
import type { ConfigFields } from './config-fields.ts';
import type { LlamaConfig } from './config.ts';

export function parseLlamaConfig(f: ConfigFields, modelType: 'llama' | 'mistral' | 'qwen2'): LlamaConfig {
  const hidden = f.count('hidden_size', 'the hidden size');
  const heads = f.count('num_attention_heads', 'the number of attention heads');
  const kvHeads = f.optionalCount('num_key_value_heads') ?? heads;
  if (heads % kvHeads !== 0) f.fail('num_key_value_heads', `${kvHeads} KV heads do not divide num_attention_heads ${heads}`);
  let headDim = f.optionalCount('head_dim');
  if (headDim === undefined) {
    if (hidden % heads !== 0) f.fail('num_attention_heads', `${heads} heads do not divide hidden_size ${hidden} (and no head_dim is given)`);
    headDim = hidden / heads;
  }
  if (headDim % 2 !== 0) f.fail('head_dim', `${headDim} is odd; rotary embeddings rotate pairs, so it must be even`);
  f.choice('hidden_act', 'silu', ['silu', 'swish']); // the same function in transformers' ACT2FN

  const attentionBias = modelType === 'llama' && f.bool('attention_bias', false);
  return {
    family: 'llama',
    source: f.checker.source,
    modelType,
    hidden,
    heads,
    kvHeads,
    headDim,
    intermediate: f.count('intermediate_size', 'the MLP width'),
    layers: f.count('num_hidden_layers', 'the number of layers'),
    vocab: f.count('vocab_size', 'the vocabulary size'),
    maxPositions: f.count('max_position_embeddings', 'the longest context'),
    normEps: f.positive('rms_norm_eps', 1e-6),
    tieWordEmbeddings: f.bool('tie_word_embeddings', false),
    activation: 'silu',
    ...rope(f),
    qkvBias: modelType === 'qwen2' || attentionBias,
    outputBias: attentionBias,
    mlpBias: modelType === 'llama' && f.bool('mlp_bias', false),
    slidingWindow: slidingWindow(f, modelType),
  };
}

// rope_theta and rope_scaling, or transformers 5's rope_parameters holding both.
function rope(f: ConfigFields): { ropeTheta: number; ropeScaling?: Llama3RopeScaling } {
  const params = f.object('rope_parameters');
  const scaling = params ?? f.object('rope_scaling');
  const ropeTheta = params?.has('rope_theta') ? params.positive('rope_theta', 0) : f.positive('rope_theta', 10000);
  if (!scaling) return { ropeTheta };
  // transformers still reads the older key "type" for rope_type.
  const typeKey = scaling.has('rope_type') || !scaling.has('type') ? 'rope_type' : 'type';
  const type = scaling.choice(typeKey, 'default', ['default', 'llama3']);
  if (type === 'default') return { ropeTheta };
  const low = scaling.positive('low_freq_factor', NaN);
  const high = scaling.positive('high_freq_factor', NaN);
  for (const key of ['factor', 'low_freq_factor', 'high_freq_factor']) {
    if (!scaling.has(key)) scaling.fail(key, 'missing (llama3 rotary scaling needs factor, low_freq_factor, high_freq_factor, original_max_position_embeddings)');
  }
  if (high <= low) scaling.fail('high_freq_factor', `${high} must be above low_freq_factor ${low}`);
  const factor = scaling.positive('factor', NaN);
  if (factor < 1) scaling.fail('factor', `${factor} must be 1 or more`);
  return {
    ropeTheta,
    ropeScaling: {
      factor,
      low_freq_factor: low,
      high_freq_factor: high,
      original_max_position_embeddings: scaling.count('original_max_position_embeddings', 'the context the model was trained at'),
    },
  };
}

function slidingWindow(f: ConfigFields, modelType: LlamaConfig['modelType']): number | undefined {
  if (modelType === 'mistral') return f.raw.sliding_window === null ? undefined : (f.optionalCount('sliding_window') ?? 4096);
  if (modelType === 'qwen2' && f.bool('use_sliding_window', false)) return f.optionalCount('sliding_window') ?? 4096;
  return undefined;
}
