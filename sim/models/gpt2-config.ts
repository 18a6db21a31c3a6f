// GPT-2's config.json (transformers' GPT2Config): sizes are required; the rest take GPT2Config's
// defaults when absent (n_inner 4·n_embd, layer_norm_epsilon 1e-5, gelu_new, tied LM head).
import type { ConfigFields } from './config-fields.ts';
import type { Gpt2Config } from './config.ts';

export function parseGpt2Config(f: ConfigFields): Gpt2Config {
  const hidden = f.count('n_embd', 'the hidden size');
  const heads = f.count('n_head', 'the number of attention heads');
  if (hidden % heads !== 0) f.fail('n_head', `${heads} heads do not divide n_embd ${hidden}`);
  // gelu_pytorch_tanh is the same tanh approximation as gelu_new.
  f.choice('activation_function', 'gelu_new', ['gelu_new', 'gelu_pytorch_tanh']);
  return {
    family: 'gpt2',
    source: f.checker.source,
    modelType: 'gpt2',
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    intermediate: f.optionalCount('n_inner') ?? 4 * hidden,
    layers: f.count('n_layer', 'the number of layers'),
    vocab: f.count('vocab_size', 'the vocabulary size'),
    maxPositions: f.count('n_positions', 'the number of learned positions'),
    normEps: f.positive('layer_norm_epsilon', 1e-5),
    tieWordEmbeddings: f.bool('tie_word_embeddings', true),
    activation: 'gelu_new',
    scaleAttnWeights: f.bool('scale_attn_weights', true),
    scaleAttnByInverseLayerIdx: f.bool('scale_attn_by_inverse_layer_idx', false),
  };
}
