// Weights as the layer graph and the reference take them: per layer, and for the embeddings and the
// LM head, each tensor a Float32Array read from a checkpoint (or seeded) and checked against the
// config. Layout: every matrix is row-major [in, out], so y = x · W + b — GPT-2's Conv1D tensors
// as stored, Llama's nn.Linear [out, in] tensors transposed on loading. Vectors are [size].
// The embedding tables and the LM head keep their stored [rows, hidden] layout, so a tied LM head
// is the token table itself.
import { badInput } from '../errors.ts';
import { openCheckpoint, type TensorReader } from './checkpoint.ts';
import type { ModelConfig } from './config.ts';
import { VALUE_DTYPES } from './safetensors.ts';
import { SeededTensors } from './seeded.ts';
import { embeddingTensorSpecs, headTensorSpecs, layerTensorSpecs, storedNames, type TensorSpec } from './tensor-names.ts';

export interface Gpt2LayerWeights {
  family: 'gpt2';
  layer: number;
  ln1Gamma: Float32Array; // [hidden]
  ln1Beta: Float32Array;
  qkvW: Float32Array; // [hidden, 3·hidden]: the q, k, v columns side by side (c_attn)
  qkvB: Float32Array; // [3·hidden]
  outW: Float32Array; // [hidden, hidden] (attn.c_proj)
  outB: Float32Array;
  ln2Gamma: Float32Array;
  ln2Beta: Float32Array;
  fcW: Float32Array; // [hidden, intermediate] (mlp.c_fc)
  fcB: Float32Array;
  projW: Float32Array; // [intermediate, hidden] (mlp.c_proj)
  projB: Float32Array;
}

export interface LlamaLayerWeights {
  family: 'llama';
  layer: number;
  inputNorm: Float32Array; // [hidden]
  qW: Float32Array; // [hidden, heads·headDim]
  kW: Float32Array; // [hidden, kvHeads·headDim]
  vW: Float32Array; // [hidden, kvHeads·headDim]
  qB?: Float32Array; // present when the config has q/k/v biases
  kB?: Float32Array;
  vB?: Float32Array;
  oW: Float32Array; // [heads·headDim, hidden]
  oB?: Float32Array;
  postNorm: Float32Array;
  gateW: Float32Array; // [hidden, intermediate]
  upW: Float32Array; // [hidden, intermediate]
  downW: Float32Array; // [intermediate, hidden]
  gateB?: Float32Array; // present with mlp_bias
  upB?: Float32Array;
  downB?: Float32Array;
}

export type LayerWeights = Gpt2LayerWeights | LlamaLayerWeights;

export interface EmbeddingWeights {
  tokens: Float32Array; // [vocab, hidden]
  positions?: Float32Array; // [maxPositions, hidden], GPT-2's learned positions
}

export interface HeadWeights {
  normGamma: Float32Array; // [hidden] (ln_f, or Llama's norm)
  normBeta?: Float32Array; // GPT-2's ln_f bias
  lmHead: Float32Array; // [vocab, hidden]
}

// The --weights option: a checkpoint path, or seeded random weights when there is none.
export function openWeights(config: ModelConfig, path: string | undefined, seed: number): TensorReader {
  return path === undefined ? new SeededTensors(config, seed) : openCheckpoint(path);
}

export function loadLayerWeights(config: ModelConfig, reader: TensorReader, layer: number): LayerWeights {
  checkLayerIndex(config, layer);
  return { family: config.family, layer, ...loadSpecs(config, reader, layerTensorSpecs(config, layer)) } as LayerWeights;
}

export function loadEmbeddingWeights(config: ModelConfig, reader: TensorReader): EmbeddingWeights {
  return loadSpecs(config, reader, embeddingTensorSpecs(config)) as unknown as EmbeddingWeights;
}

// The LM head of a tied model is the token table: pass the embeddings if they are loaded already.
export function loadHeadWeights(config: ModelConfig, reader: TensorReader, embeddings?: EmbeddingWeights): HeadWeights {
  const head = loadSpecs(config, reader, headTensorSpecs(config));
  if (config.tieWordEmbeddings) head.lmHead = (embeddings ?? loadEmbeddingWeights(config, reader)).tokens;
  return head as unknown as HeadWeights;
}

function loadSpecs(config: ModelConfig, reader: TensorReader, specs: TensorSpec[]): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const spec of specs) out[spec.key] = loadTensor(config, reader, spec);
  return out;
}

// Checks that a checkpoint holds the layer's tensors with the right shapes and dtypes, reading
// only its header (a timing-mode run needs no values).
export function checkLayerWeights(config: ModelConfig, reader: TensorReader, layer: number): void {
  checkLayerIndex(config, layer);
  for (const spec of layerTensorSpecs(config, layer)) storedTensor(config, reader, spec);
}

function checkLayerIndex(config: ModelConfig, layer: number): void {
  if (!Number.isInteger(layer) || layer < 0 || layer >= config.layers) {
    throw badInput(`--layer ${layer}: ${config.source} has ${config.layers} layers (0 to ${config.layers - 1})`);
  }
}

function loadTensor(config: ModelConfig, reader: TensorReader, spec: TensorSpec): Float32Array {
  const values = reader.read(storedTensor(config, reader, spec));
  return spec.transpose ? transpose(values, spec.shape[0], spec.shape[1]) : values;
}

// The name the checkpoint holds the tensor under, once its dtype and shape are checked.
function storedTensor(config: ModelConfig, reader: TensorReader, spec: TensorSpec): string {
  const candidates = storedNames(config, spec.name);
  const name = candidates.find((n) => reader.info(n) !== undefined);
  const expected = `[${spec.shape.join(', ')}]`;
  if (name === undefined) throw badInput(`${reader.source}: missing tensor ${spec.name} (${expected}, needed by ${config.source})`);
  const info = reader.info(name)!;
  if (!(VALUE_DTYPES as readonly string[]).includes(info.dtype)) throw badInput(`${info.file}: ${name}: dtype ${info.dtype}, expected one of ${VALUE_DTYPES.join(', ')}`);
  if (info.shape.length !== spec.shape.length || info.shape.some((d, i) => d !== spec.shape[i])) {
    throw badInput(`${info.file}: ${name}: shape [${info.shape.join(', ')}], expected ${expected} for ${config.source}`);
  }
  return name;
}

// [rows, cols] → a new [cols, rows].
export function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = values[o + c];
  }
  return out;
}
