import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attentionScale, parseModelConfig, type LlamaConfig } from '../../sim/models/config.ts';
import { BUILTIN_MODELS, loadModelConfig } from '../../sim/models/model-option.ts';
import { gpt2Config, llamaConfig, tempDir, thrown } from './models-helpers.ts';

const error = (json: unknown) => thrown(() => parseModelConfig(json, 'my.json'));
const asLlama = (json: unknown) => parseModelConfig(json, 'x') as LlamaConfig;
const llama = { model_type: 'llama', hidden_size: 64, num_attention_heads: 4, intermediate_size: 128, num_hidden_layers: 2, vocab_size: 100, max_position_embeddings: 256 };

describe('built-in models', () => {
  it('are the publishers’ config.json files, normalised', () => {
    const gpt2 = loadModelConfig('gpt2');
    expect(gpt2).toMatchObject({ family: 'gpt2', hidden: 768, heads: 12, kvHeads: 12, headDim: 64, intermediate: 3072, layers: 12, vocab: 50257, maxPositions: 1024, normEps: 1e-5, tieWordEmbeddings: true });
    const small = loadModelConfig('llama-3.2-1b');
    expect(small).toMatchObject({ family: 'llama', hidden: 2048, heads: 32, kvHeads: 8, headDim: 64, intermediate: 8192, layers: 16, vocab: 128256, ropeTheta: 500000, tieWordEmbeddings: true });
    expect(small.family === 'llama' && small.ropeScaling).toEqual({ factor: 32, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8192 });
    // 8B ships no head_dim: 4096 / 32.
    expect(loadModelConfig('llama-3.1-8b')).toMatchObject({ hidden: 4096, heads: 32, kvHeads: 8, headDim: 128, intermediate: 14336, layers: 32, tieWordEmbeddings: false });
    expect(loadModelConfig('tiny')).toMatchObject({ family: 'llama', hidden: 64, heads: 2, kvHeads: 1, headDim: 32, intermediate: 256, layers: 2, vocab: 512, maxPositions: 256 });
    const shipped = JSON.parse(readFileSync(new URL('../../sim/models/configs/gpt2.json', import.meta.url), 'utf8'));
    expect(shipped.architectures).toEqual(['GPT2LMHeadModel']);
    expect(shipped.n_inner).toBeUndefined(); // the publisher leaves it out: 4·n_embd
    expect(BUILTIN_MODELS).toEqual(['gpt2', 'llama-3.2-1b', 'llama-3.1-8b', 'tiny']);
  });
});

describe('config.json files', () => {
  it('reads a path or a model folder, ignoring fields it does not know', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'model'));
    writeFileSync(join(dir, 'model', 'config.json'), JSON.stringify({ ...llama, some_new_field: [1, 2], quantization_config: {} }));
    expect(loadModelConfig(join(dir, 'model'))).toMatchObject({ hidden: 64, headDim: 16, kvHeads: 4, source: join(dir, 'model', 'config.json') });
    expect(loadModelConfig(join(dir, 'model', 'config.json')).hidden).toBe(64);
  });

  it('takes each config class’s defaults for what is absent or null', () => {
    expect(gpt2Config({ n_inner: null })).toMatchObject({ intermediate: 64, normEps: 1e-5, scaleAttnWeights: true });
    expect(parseModelConfig(llama, 'x')).toMatchObject({ normEps: 1e-6, ropeTheta: 10000, tieWordEmbeddings: false, qkvBias: false, outputBias: false, mlpBias: false });
    expect(asLlama(llama).ropeScaling).toBeUndefined();
  });

  it('sets biases and windows per model type', () => {
    expect(parseModelConfig({ ...llama, attention_bias: true, mlp_bias: true }, 'x')).toMatchObject({ qkvBias: true, outputBias: true, mlpBias: true });
    expect(parseModelConfig({ ...llama, model_type: 'qwen2' }, 'x')).toMatchObject({ qkvBias: true, outputBias: false, mlpBias: false });
    expect(parseModelConfig({ ...llama, model_type: 'qwen2', use_sliding_window: true, sliding_window: 128 }, 'x')).toMatchObject({ slidingWindow: 128 });
    expect(parseModelConfig({ ...llama, model_type: 'mistral', attention_bias: true }, 'x')).toMatchObject({ qkvBias: false, slidingWindow: 4096 });
    expect(asLlama({ ...llama, model_type: 'mistral', sliding_window: null }).slidingWindow).toBeUndefined();
    expect(asLlama({ ...llama, model_type: 'qwen2', sliding_window: 128 }).slidingWindow).toBeUndefined();
  });

  it('reads rotary settings from rope_scaling (old "type" key too) or rope_parameters', () => {
    const scaling = { factor: 8.0, low_freq_factor: 1.0, high_freq_factor: 4.0, original_max_position_embeddings: 8192 };
    const expected = scaling;
    expect(parseModelConfig({ ...llama, rope_scaling: { ...scaling, type: 'llama3' } }, 'x')).toMatchObject({ ropeScaling: expected });
    expect(parseModelConfig({ ...llama, rope_parameters: { ...scaling, rope_type: 'llama3', rope_theta: 500000 } }, 'x')).toMatchObject({ ropeTheta: 500000, ropeScaling: expected });
    expect(asLlama({ ...llama, rope_scaling: { rope_type: 'default' } }).ropeScaling).toBeUndefined();
  });

  it('scales attention scores as GPT2Attention and LlamaAttention do', () => {
    expect(attentionScale(gpt2Config(), 1)).toBe(1 / Math.sqrt(8));
    expect(attentionScale(gpt2Config({ scale_attn_by_inverse_layer_idx: true }), 1)).toBe(1 / Math.sqrt(8) / 2);
    expect(attentionScale(gpt2Config({ scale_attn_weights: false }), 0)).toBe(1);
    expect(attentionScale(llamaConfig(), 1)).toBe(1 / Math.sqrt(4));
  });
});

describe('config errors: one line naming the file and field, exit 3', () => {
  it.each([
    [{ ...llama, model_type: undefined }, 'my.json: model_type: missing (supported: gpt2, llama, mistral, qwen2)'],
    [{ ...llama, model_type: 'bert' }, 'my.json: model_type: "bert" is not supported (supported: gpt2, llama, mistral, qwen2)'],
    [{ model_type: 'gpt2', n_head: 12, n_layer: 1, n_positions: 8, vocab_size: 8 }, 'my.json: n_embd: missing (the hidden size, a positive integer)'],
    [{ ...llama, intermediate_size: undefined }, 'my.json: intermediate_size: missing (the MLP width, a positive integer)'],
    [{ ...llama, hidden_size: '64' }, 'my.json: hidden_size: expected a positive integer, got "64"'],
    [{ model_type: 'gpt2', n_embd: 100, n_head: 12, n_layer: 1, n_positions: 8, vocab_size: 8 }, 'my.json: n_head: 12 heads do not divide n_embd 100'],
    [{ ...llama, num_attention_heads: 6 }, 'my.json: num_attention_heads: 6 heads do not divide hidden_size 64 (and no head_dim is given)'],
    [{ ...llama, num_key_value_heads: 3 }, 'my.json: num_key_value_heads: 3 KV heads do not divide num_attention_heads 4'],
    [{ ...llama, head_dim: 15 }, 'my.json: head_dim: 15 is odd; rotary embeddings rotate pairs, so it must be even'],
    [{ ...llama, hidden_act: 'gelu' }, 'my.json: hidden_act: "gelu" is not supported (supported: silu, swish)'],
    [{ ...llama, rope_scaling: { rope_type: 'yarn', factor: 4 } }, 'my.json: rope_scaling.rope_type: "yarn" is not supported (supported: default, llama3)'],
    [{ ...llama, rope_scaling: { rope_type: 'llama3', factor: 8, low_freq_factor: 4, high_freq_factor: 1, original_max_position_embeddings: 8192 } }, 'my.json: rope_scaling.high_freq_factor: 1 must be above low_freq_factor 4'],
    [{ ...llama, rope_scaling: { rope_type: 'llama3', factor: 8, low_freq_factor: 1, high_freq_factor: 4 } }, 'my.json: rope_scaling.original_max_position_embeddings: missing (the context the model was trained at, a positive integer)'],
    [{ model_type: 'gpt2', n_embd: 8, n_head: 2, n_layer: 1, n_positions: 8, vocab_size: 8, activation_function: 'relu' }, 'my.json: activation_function: "relu" is not supported (supported: gelu_new, gelu_pytorch_tanh)'],
    [[1, 2], 'my.json: expected a JSON object (a Hugging Face config.json), got an array of 2'],
  ])('%j', (json, message) => {
    const e = error(json);
    expect(e.message).toBe(message);
    expect(e.exitCode).toBe(3);
  });

  it('names the file that is not JSON, and a --model that is neither built-in nor a file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), '{"model_type": ');
    const bad = thrown(() => loadModelConfig(join(dir, 'config.json')));
    expect(bad.message).toMatch(new RegExp(`^${join(dir, 'config.json')}: not valid JSON`));
    const missing = thrown(() => loadModelConfig('llama-9'));
    expect(missing.message).toBe('--model: "llama-9" is neither a built-in model (gpt2, llama-3.2-1b, llama-3.1-8b, tiny) nor an existing file or folder');
    expect(missing.exitCode).toBe(3);
  });
});
