import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCheckpoint } from '../../sim/models/checkpoint.ts';
import type { Gpt2LayerWeights, LlamaLayerWeights } from '../../sim/models/weights.ts';
import { writeSafetensors } from '../../sim/models/safetensors-writer.ts';
import { fillNormal, SeededTensors } from '../../sim/models/seeded.ts';
import { mulberry32 } from '../../sim/random.ts';
import { layerTensorSpecs } from '../../sim/models/tensor-names.ts';
import { loadEmbeddingWeights, loadHeadWeights, loadLayerWeights, openWeights } from '../../sim/models/weights.ts';
import { allTensors, gpt2Config, llamaConfig, tempDir, thrown } from './models-helpers.ts';

describe('seeded weights', () => {
  const config = llamaConfig({ hidden_size: 64, intermediate_size: 256, num_attention_heads: 4 });

  it('are deterministic for a seed, differ between seeds, and do not depend on what else was read', () => {
    const a = new SeededTensors(config, 1), b = new SeededTensors(config, 1), other = new SeededTensors(config, 2);
    b.read('model.layers.0.mlp.up_proj.weight');
    const name = 'model.layers.1.self_attn.q_proj.weight';
    expect(a.read(name)).toEqual(b.read(name));
    expect(a.read(name)).not.toEqual(other.read(name));
    expect(a.read(name)).not.toEqual(a.read('model.layers.0.self_attn.q_proj.weight'));
    expect(loadLayerWeights(config, a, 1)).toEqual(loadLayerWeights(config, new SeededTensors(config, 1), 1));
  });

  it('fillNormal: Box–Muller pairs over mulberry32(seed)\'s draws in order, across its batches of draws', () => {
    const rand = mulberry32(0xfffffff0);
    const want = new Float32Array(2 * 16384 + 3); // an odd count: the last pair's sine is dropped
    for (let i = 0; i < want.length; i += 2) {
      const radius = 0.5 * Math.sqrt(-2 * Math.log(1 - rand()));
      const angle = 2 * Math.PI * rand();
      want[i] = radius * Math.cos(angle);
      if (i + 1 < want.length) want[i + 1] = radius * Math.sin(angle);
    }
    const got = new Float32Array(want.length);
    fillNormal(got, 0xfffffff0, 0.5);
    expect(new Uint32Array(got.buffer)).toEqual(new Uint32Array(want.buffer));
  });

  it('are normal with σ 0.02 for matrices and embeddings; norm weights 1; biases 0', () => {
    const seeded = new SeededTensors(config, 3);
    const w = seeded.read('model.layers.0.mlp.gate_proj.weight');
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const std = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
    expect(Math.abs(mean)).toBeLessThan(0.0005); // 16384 samples: the mean's σ is 0.00016
    expect(std).toBeGreaterThan(0.0195);
    expect(std).toBeLessThan(0.0205);
    expect(seeded.read('model.embed_tokens.weight').some((v) => v !== 0)).toBe(true);
    expect(seeded.read('model.norm.weight').every((v) => v === 1)).toBe(true);
    const gpt2 = new SeededTensors(gpt2Config(), 3);
    expect(gpt2.read('h.1.attn.c_attn.bias').every((v) => v === 0)).toBe(true);
    expect(gpt2.read('h.1.ln_2.weight').every((v) => v === 1)).toBe(true);
  });
});

describe('loading a checkpoint', () => {
  it('reads what it wrote, F32 exactly, Llama nn.Linear [out, in] transposed to [in, out]', () => {
    const config = llamaConfig({ attention_bias: true });
    const seeded = new SeededTensors(config, 5);
    const path = join(tempDir(), 'llama.safetensors');
    writeSafetensors(path, allTensors(config, seeded, 'F32'));
    const reader = openWeights(config, path, 0);
    const loaded = loadLayerWeights(config, reader, 1) as LlamaLayerWeights;
    expect(loaded).toEqual(loadLayerWeights(config, seeded, 1));
    expect(loaded.qB?.length).toBe(16);
    // q_proj [out 16, in 16]: stored element (o, i) is qW[i · 16 + o].
    const stored = seeded.read('model.layers.1.self_attn.q_proj.weight');
    expect(loaded.qW[3 * 16 + 5]).toBe(stored[5 * 16 + 3]);
    // k_proj [out 8, in 16] → kW [16, 8]
    const k = seeded.read('model.layers.1.self_attn.k_proj.weight');
    expect(loaded.kW[9 * 8 + 2]).toBe(k[2 * 16 + 9]);
  });

  it('keeps GPT-2 Conv1D [in, out] as stored, accepting the transformer. prefix', () => {
    const config = gpt2Config();
    const seeded = new SeededTensors(config, 6);
    const tensors = Object.fromEntries(Object.entries(allTensors(config, seeded, 'BF16')).map(([n, t]) => [`transformer.${n}`, t]));
    const path = join(tempDir(), 'gpt2.safetensors');
    writeSafetensors(path, tensors);
    const layer = loadLayerWeights(config, openCheckpoint(path), 0) as Gpt2LayerWeights;
    const fromSeed = seeded.read('h.0.attn.c_attn.weight');
    expect(layer.qkvW.length).toBe(16 * 48);
    layer.qkvW.forEach((v, i) => expect(Math.abs(v - fromSeed[i])).toBeLessThanOrEqual(Math.abs(fromSeed[i]) / 256));
    const embeddings = loadEmbeddingWeights(config, openCheckpoint(path));
    expect(embeddings.positions?.length).toBe(32 * 16);
    expect(loadHeadWeights(config, openCheckpoint(path), embeddings).lmHead).toBe(embeddings.tokens); // tied
  });

  it('accepts Llama tensors saved without the model. prefix, and needs lm_head.weight when untied', () => {
    const config = llamaConfig({ tie_word_embeddings: false });
    const seeded = new SeededTensors(config, 8);
    const tensors = Object.fromEntries(Object.entries(allTensors(config, seeded, 'F16')).map(([n, t]) => [n.replace(/^model\./, ''), t]));
    const path = join(tempDir(), 'base.safetensors');
    writeSafetensors(path, tensors);
    const reader = openCheckpoint(path);
    expect(loadLayerWeights(config, reader, 0).family).toBe('llama');
    const head = loadHeadWeights(config, reader);
    expect(head.lmHead.length).toBe(40 * 16);
    expect(head.lmHead).not.toEqual(loadEmbeddingWeights(config, reader).tokens);
  });

  it('reads only the layer asked for', () => {
    const config = llamaConfig();
    const seeded = new SeededTensors(config, 9);
    // A checkpoint holding layer 1 only still loads layer 1.
    const specs = layerTensorSpecs(config, 1);
    const path = join(tempDir(), 'layer1.safetensors');
    writeSafetensors(path, Object.fromEntries(specs.map((s) => [s.name, { dtype: 'F32' as const, shape: s.shape, data: seeded.read(s.name) }])));
    expect(loadLayerWeights(config, openCheckpoint(path), 1)).toEqual(loadLayerWeights(config, seeded, 1));
    expect(thrown(() => loadLayerWeights(config, openCheckpoint(path), 0)).message).toBe(
      `${path}: missing tensor model.layers.0.input_layernorm.weight ([16], needed by llama-test)`,
    );
  });
});

describe('checkpoint errors: one line naming the file and tensor, exit 3', () => {
  const config = gpt2Config();
  const seeded = new SeededTensors(config, 1);
  const withTensor = (name: string, t: object) => {
    const path = join(tempDir(), 'w.safetensors');
    writeSafetensors(path, { ...allTensors(config, seeded, 'F32'), [name]: t as never });
    return path;
  };

  it('a wrong shape', () => {
    const path = withTensor('h.0.mlp.c_fc.weight', { dtype: 'F32', shape: [64, 16], data: new Float32Array(1024) });
    const e = thrown(() => loadLayerWeights(config, openCheckpoint(path), 0));
    expect(e.message).toBe(`${path}: h.0.mlp.c_fc.weight: shape [64, 16], expected [16, 64] for gpt2-test`);
    expect(e.exitCode).toBe(3);
  });

  it('a dtype that is not F32, F16 or BF16', () => {
    const path = join(tempDir(), 'w.safetensors');
    const tensors = allTensors(config, seeded, 'F32');
    writeSafetensors(path, tensors);
    // Relabel ln_1.weight (16 F32 = 64 bytes) as 8 I64 in place: same bytes, same offsets.
    const bytes = readFileSync(path);
    const text = bytes.toString('latin1').replace('"h.0.ln_1.weight":{"dtype":"F32","shape":[16]', '"h.0.ln_1.weight":{"dtype":"I64","shape":[ 8]');
    writeFileSync(path, Buffer.from(text, 'latin1'));
    const e = thrown(() => loadLayerWeights(config, openCheckpoint(path), 0));
    expect(e.message).toBe(`${path}: h.0.ln_1.weight: dtype I64, expected one of F32, F16, BF16`);
  });

  it('a layer the model does not have', () => {
    const e = thrown(() => loadLayerWeights(config, seeded, 2));
    expect(e.message).toBe('--layer 2: gpt2-test has 2 layers (0 to 1)');
    expect(e.exitCode).toBe(3);
  });
});
