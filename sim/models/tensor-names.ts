// The tensors of each model family under their Hugging Face names, with the shapes the config
// implies, how the loader lays them out, how seeded weights fill them, and which --weights-dtype
// group each matrix belongs to. The loader, the seeded weights and the checkpoint writer all
// read this one table.
import type { Gpt2Config, LlamaConfig, ModelConfig } from './config.ts';

// tt-metal's weight TensorGroups (models/tt_transformers/tt/model_config.py).
export const WEIGHT_GROUPS = ['wqkv', 'wo', 'ff1_3', 'ff2'] as const;
export type WeightGroup = (typeof WEIGHT_GROUPS)[number];

export interface TensorSpec {
  key: string; // field of the weights object it fills
  name: string; // Hugging Face name (GPT-2 without, Llama with, the base-model prefix)
  shape: readonly number[]; // as stored in the checkpoint
  transpose: boolean; // stored [out, in] (nn.Linear): kept as [in, out]
  init: 'normal' | 'ones' | 'zeros'; // seeded weights: N(0, 0.02²), 1 or 0
  group?: WeightGroup;
}

const matrix = (key: string, name: string, shape: number[], transpose: boolean, group: WeightGroup): TensorSpec => ({ key, name, shape, transpose, init: 'normal', group });
const vector = (key: string, name: string, size: number, init: 'ones' | 'zeros'): TensorSpec => ({ key, name, shape: [size], transpose: false, init });

export function layerTensorSpecs(config: ModelConfig, layer: number): TensorSpec[] {
  return config.family === 'gpt2' ? gpt2Layer(config, layer) : llamaLayer(config, layer);
}

// GPT-2's Conv1D weights are stored [in, out] already.
function gpt2Layer(c: Gpt2Config, n: number): TensorSpec[] {
  const h = c.hidden, p = `h.${n}`;
  return [
    vector('ln1Gamma', `${p}.ln_1.weight`, h, 'ones'),
    vector('ln1Beta', `${p}.ln_1.bias`, h, 'zeros'),
    matrix('qkvW', `${p}.attn.c_attn.weight`, [h, 3 * h], false, 'wqkv'),
    vector('qkvB', `${p}.attn.c_attn.bias`, 3 * h, 'zeros'),
    matrix('outW', `${p}.attn.c_proj.weight`, [h, h], false, 'wo'),
    vector('outB', `${p}.attn.c_proj.bias`, h, 'zeros'),
    vector('ln2Gamma', `${p}.ln_2.weight`, h, 'ones'),
    vector('ln2Beta', `${p}.ln_2.bias`, h, 'zeros'),
    matrix('fcW', `${p}.mlp.c_fc.weight`, [h, c.intermediate], false, 'ff1_3'),
    vector('fcB', `${p}.mlp.c_fc.bias`, c.intermediate, 'zeros'),
    matrix('projW', `${p}.mlp.c_proj.weight`, [c.intermediate, h], false, 'ff2'),
    vector('projB', `${p}.mlp.c_proj.bias`, h, 'zeros'),
  ];
}

// Llama's nn.Linear weights are stored [out, in].
function llamaLayer(c: LlamaConfig, n: number): TensorSpec[] {
  const h = c.hidden, i = c.intermediate, q = c.heads * c.headDim, kv = c.kvHeads * c.headDim;
  const p = `model.layers.${n}`;
  const specs = [
    vector('inputNorm', `${p}.input_layernorm.weight`, h, 'ones'),
    matrix('qW', `${p}.self_attn.q_proj.weight`, [q, h], true, 'wqkv'),
    matrix('kW', `${p}.self_attn.k_proj.weight`, [kv, h], true, 'wqkv'),
    matrix('vW', `${p}.self_attn.v_proj.weight`, [kv, h], true, 'wqkv'),
    matrix('oW', `${p}.self_attn.o_proj.weight`, [h, q], true, 'wo'),
    vector('postNorm', `${p}.post_attention_layernorm.weight`, h, 'ones'),
    matrix('gateW', `${p}.mlp.gate_proj.weight`, [i, h], true, 'ff1_3'),
    matrix('upW', `${p}.mlp.up_proj.weight`, [i, h], true, 'ff1_3'),
    matrix('downW', `${p}.mlp.down_proj.weight`, [h, i], true, 'ff2'),
  ];
  if (c.qkvBias) {
    specs.push(vector('qB', `${p}.self_attn.q_proj.bias`, q, 'zeros'), vector('kB', `${p}.self_attn.k_proj.bias`, kv, 'zeros'), vector('vB', `${p}.self_attn.v_proj.bias`, kv, 'zeros'));
  }
  if (c.outputBias) specs.push(vector('oB', `${p}.self_attn.o_proj.bias`, h, 'zeros'));
  if (c.mlpBias) {
    specs.push(vector('gateB', `${p}.mlp.gate_proj.bias`, i, 'zeros'), vector('upB', `${p}.mlp.up_proj.bias`, i, 'zeros'), vector('downB', `${p}.mlp.down_proj.bias`, h, 'zeros'));
  }
  return specs;
}

// Token (and, for GPT-2, position) embedding tables, [rows, hidden].
export function embeddingTensorSpecs(c: ModelConfig): TensorSpec[] {
  const table = (key: string, name: string, rows: number): TensorSpec => ({ key, name, shape: [rows, c.hidden], transpose: false, init: 'normal' });
  if (c.family === 'gpt2') return [table('tokens', 'wte.weight', c.vocab), table('positions', 'wpe.weight', c.maxPositions)];
  return [table('tokens', 'model.embed_tokens.weight', c.vocab)];
}

// The final norm, and the LM head [vocab, hidden] unless it is the token embedding table.
export function headTensorSpecs(c: ModelConfig): TensorSpec[] {
  const specs = c.family === 'gpt2' ? [vector('normGamma', 'ln_f.weight', c.hidden, 'ones'), vector('normBeta', 'ln_f.bias', c.hidden, 'zeros')] : [vector('normGamma', 'model.norm.weight', c.hidden, 'ones')];
  if (!c.tieWordEmbeddings) specs.push({ key: 'lmHead', name: 'lm_head.weight', shape: [c.vocab, c.hidden], transpose: false, init: 'normal' });
  return specs;
}

// The names a tensor may be stored under: transformers saves the base model with or without its
// prefix (transformer. for GPT-2, model. for Llama) and loads either; lm_head is never prefixed.
export function storedNames(c: ModelConfig, name: string): string[] {
  if (name.startsWith('lm_head.')) return [name];
  if (c.family === 'gpt2') return [name, `transformer.${name}`];
  return [name, name.replace(/^model\./, '')];
}
