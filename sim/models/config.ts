// The model a run simulates, normalised from a Hugging Face config.json into one typed shape the
// layer graph, the weights and the reference all read. Two graphs: GPT-2's (LayerNorm, fused QKV
// with bias, gelu_new MLP) and Llama's (RMSNorm, rotary, GQA, SwiGLU), which mistral and qwen2
// share with their own bias and window settings.
import { Checker } from '../checker.ts';
import type { Llama3RopeScaling } from '../ops/rotary/reference.ts';
import { ConfigFields } from './config-fields.ts';
import { parseGpt2Config } from './gpt2-config.ts';
import { parseLlamaConfig } from './llama-config.ts';

export const MODEL_TYPES = ['gpt2', 'llama', 'mistral', 'qwen2'] as const;
export type ModelType = (typeof MODEL_TYPES)[number];

interface ModelShape {
  source: string; // where the config came from, for messages
  modelType: ModelType;
  hidden: number;
  heads: number;
  kvHeads: number; // = heads for GPT-2
  headDim: number;
  intermediate: number; // MLP width
  layers: number;
  vocab: number;
  maxPositions: number;
  normEps: number;
  tieWordEmbeddings: boolean; // the LM head is the token embedding table
}

export interface Gpt2Config extends ModelShape {
  family: 'gpt2';
  activation: 'gelu_new';
  scaleAttnWeights: boolean; // scores / sqrt(headDim)
  scaleAttnByInverseLayerIdx: boolean; // scores / (layer + 1) as well
}

export interface LlamaConfig extends ModelShape {
  family: 'llama';
  activation: 'silu';
  ropeTheta: number;
  ropeScaling?: Llama3RopeScaling;
  qkvBias: boolean; // q_proj, k_proj, v_proj have biases
  outputBias: boolean; // o_proj has a bias
  mlpBias: boolean; // gate_proj, up_proj, down_proj have biases
  slidingWindow?: number; // attention window in positions (mistral, qwen2), when the config sets one
}

export type ModelConfig = Gpt2Config | LlamaConfig;

// Normalises a parsed config.json; `source` names it in error messages (exit 3).
export function parseModelConfig(json: unknown, source: string): ModelConfig {
  const c = new Checker(source);
  const f = new ConfigFields(c, c.record(json, '', 'a JSON object (a Hugging Face config.json)'));
  const supported = MODEL_TYPES.join(', ');
  if (!f.has('model_type')) c.fail('model_type', `missing (supported: ${supported})`);
  const type = f.string('model_type', '');
  if (type === 'gpt2') return parseGpt2Config(f);
  if (type === 'llama' || type === 'mistral' || type === 'qwen2') return parseLlamaConfig(f, type);
  return c.fail('model_type', `${JSON.stringify(type)} is not supported (supported: ${supported})`);
}

// The factor attention scores are multiplied by before the softmax, in layer `layer` (0-based).
export function attentionScale(config: ModelConfig, layer: number): number {
  if (config.family === 'llama') return 1 / Math.sqrt(config.headDim);
  const base = config.scaleAttnWeights ? 1 / Math.sqrt(config.headDim) : 1;
  return config.scaleAttnByInverseLayerIdx ? base / (layer + 1) : base;
}
