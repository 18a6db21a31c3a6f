// The transformer layer on the mesh: both families in both phases verify against the float64
// reference in functional mode, timing mode gives the same cycles, the strategies give different
// cycles, and bad input is one clear error.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTransformerModel } from '../../sim/models/layer/model-run.ts';
import { runTransformerLayer, type LayerRunOptions } from '../../sim/models/layer/run.ts';
import { parseWeightsDtype } from '../../sim/models/weights-dtype.ts';
import { tempDir } from './models-helpers.ts';
import { expectMeshsimError } from '../support/errors.ts';

// A GPT-2 block small enough for a 4×4 grid: two heads of 64, an MLP of 256.
const dir = tempDir();
const gpt2Mini = join(dir, 'gpt2-mini.json');
writeFileSync(gpt2Mini, JSON.stringify({ model_type: 'gpt2', n_embd: 128, n_head: 2, n_layer: 2, n_positions: 256, n_inner: 256, vocab_size: 512, activation_function: 'gelu_new', layer_norm_epsilon: 1e-5 }));

const base = (o: Partial<LayerRunOptions>): LayerRunOptions => ({
  model: gpt2Mini, layer: 0, phase: 'prefill', batch: 1, seq: 64, kvLen: 40, arch: 'wormhole_n150', grid: { rows: 4, cols: 4 },
  strategy: '2d', weightsDtype: parseWeightsDtype('bf16'), mode: 'functional', seed: 3, ...o,
});

describe('the layer verifies against float64', () => {
  it.each([
    ['GPT-2 prefill', { seq: 64 }],
    ['GPT-2 prefill, seq not a multiple of 32, batch 2', { seq: 40, batch: 2 }],
    ['GPT-2 decode', { phase: 'decode' as const, batch: 4, kvLen: 40 }],
    ['tiny Llama prefill (teach_2x2)', { model: 'tiny', arch: 'teach_2x2', grid: undefined, seq: 48 }],
    ['tiny Llama decode (teach_2x2)', { model: 'tiny', arch: 'teach_2x2', grid: undefined, phase: 'decode' as const, batch: 2, kvLen: 70 }],
  ])('%s', (_name, o) => {
    const r = runTransformerLayer(base(o));
    expect(r.check).toBeDefined();
    expect(r.check!.maxRelError).toBeLessThan(r.check!.tolerance);
    expect(r.check!.passed).toBe(true);
    expect(r.ops.length).toBeGreaterThan(8);
    expect(r.summary.cycles).toBe(r.run.cycles);
    expect(r.run.cycles).toBe(r.ops.reduce((s, op) => s + op.endCycle - op.startCycle, 0));
  }, 120_000);

  it.each([['prefill', {}], ['decode', { phase: 'decode' as const, batch: 2, kvLen: 40 }]])('the whole tiny model (%s): every layer runs and the logits verify against the float64 model', (_phase, o) => {
    const r = runTransformerModel({ ...base({ model: 'tiny', arch: 'teach_2x2', grid: undefined, seq: 32, ...o }), layers: 2 }, '2d');
    expect(r.simulatedLayers).toBe(2);
    expect(r.check!.passed).toBe(true);
    expect(r.check!.maxRelError).toBeLessThan(r.check!.tolerance);
    expect(r.ops.map((op) => op.label)).toEqual(expect.arrayContaining(['embedding', 'norm', 'lm_head']));
  }, 120_000);

  it('bfp8_b weights verify within their looser tolerance', () => {
    const r = runTransformerLayer(base({ weightsDtype: parseWeightsDtype('bfp8_b') }));
    expect(r.check!.tolerance).toBeGreaterThan(0.05);
    expect(r.check!.passed).toBe(true);
  }, 120_000);
});

describe('cycles', () => {
  it('timing mode gives the functional cycles, op by op', () => {
    const f = runTransformerLayer(base({}));
    const t = runTransformerLayer(base({ mode: 'timing' }));
    expect(t.ops.map((o) => o.endCycle - o.startCycle)).toEqual(f.ops.map((o) => o.endCycle - o.startCycle));
    expect(t.check).toBeUndefined();
  }, 120_000);

  it('the strategies run different programs and give different cycles', () => {
    const cycles = (['2d', 'rows', 'heads', 'sharded'] as const).map((strategy) => runTransformerLayer(base({ strategy, mode: 'timing' })));
    expect(new Set(cycles.map((r) => r.run.cycles)).size).toBe(4);
    expect(cycles[3].ops.some((o) => o.name.includes('sharded'))).toBe(true); // the residual is resharded
    expect(cycles[2].ops.find((o) => o.label === 'attention')!.strategy).toBe('heads');
  }, 120_000);

  it('auto runs every preset that fits and keeps the fastest', () => {
    const r = runTransformerLayer(base({ strategy: 'auto', mode: 'timing' }));
    expect(r.auto!.length).toBeGreaterThanOrEqual(2);
    expect(r.plan.preset).toBe(r.auto![0].preset);
    expect(r.run.cycles).toBe(Math.min(...r.auto!.map((a) => a.cycles)));
  }, 120_000);

  it('--op-strategy overrides one op of a preset', () => {
    const r = runTransformerLayer(base({ mode: 'timing', opStrategy: 'attention=heads,mlp=1d-in0' }));
    expect(r.ops.find((o) => o.label === 'attention')!.strategy).toBe('heads');
    expect(r.plan.matmul).toEqual({ qkv: '2d-mcast', out: '2d-mcast', up: '1d-in0', down: '1d-in0' });
  }, 120_000);
});

describe('bad input', () => {
  const fails = (o: Partial<LayerRunOptions>, message: RegExp, code = 3) => expectMeshsimError(() => runTransformerLayer(base({ mode: 'timing', ...o })), code, message);
  it('a sequence past the model\'s positions', () => fails({ seq: 300 }, /--seq 300: 300 positions, past the 256/));
  it('a decode cache past the model\'s positions', () => fails({ phase: 'decode', kvLen: 256 }, /--kv-len 256 \+ 1: 257 positions/));
  it('dram-sharded in prefill', () => fails({ strategy: 'dram-sharded' }, /dram-sharded is a decode strategy/, 2));
  it('an unknown op in --op-strategy', () => fails({ opStrategy: 'softmax=fast' }, /--op-strategy "softmax=fast": unknown op "softmax"/, 2));
  it('a config without a needed field', () => {
    const path = join(dir, 'no-heads.json');
    writeFileSync(path, JSON.stringify({ model_type: 'gpt2', n_embd: 128, n_layer: 2, n_positions: 256, vocab_size: 512 }));
    fails({ model: path }, /n_head/);
  });
  it('weights that do not match the config', async () => {
    const { writeSafetensors } = await import('../../sim/models/safetensors-writer.ts');
    const path = join(dir, 'wrong.safetensors');
    writeSafetensors(path, { 'h.0.ln_1.weight': { dtype: 'F32', shape: [64], data: new Float32Array(64) } });
    fails({ weights: path }, /h\.0\.ln_1\.weight: shape \[64\], expected \[128\]/);
  });
});
