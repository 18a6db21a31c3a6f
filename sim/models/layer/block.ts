// One decoder layer as op calls on device tensors — the GPT-2 block and the Llama block, in
// prefill (the prompt's S positions at once, filling the KV cache) and decode (one new token per
// user at position L, updating the cache) — with each op's program factory taken from the plan.
// Every op leaves its output where the next op reads it; intermediates are freed as soon as the
// graph is done with them, so L1 and DRAM hold what the real layer would hold.
import type { Device } from '../../host/device.ts';
import { MeshsimError } from '../../errors.ts';
import { attention } from '../../ops/attention/index.ts';
import { attentionDecode } from '../../ops/attention/decode.ts';
import { add, mul } from '../../ops/eltwise/index.ts';
import { concatHeads, concatHeadsDecode, splitQkvHeads, splitQkvHeadsDecode } from '../../ops/heads/index.ts';
import { fillCache, updateCache } from '../../ops/kv-cache/index.ts';
import { layerNorm, rmsNorm } from '../../ops/layernorm/index.ts';
import { matmul } from '../../ops/matmul/index.ts';
import { withOpLabel } from '../../ops/op.ts';
import { ropeTableTensors, rotary, rotaryDecode } from '../../ops/rotary/index.ts';
import { interleavedToSharded, shardedToInterleaved } from '../../tensor/convert.ts';
import { shardedL1, type MemoryConfig } from '../../tensor/memory-config.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { attentionScale, type ModelConfig } from '../config.ts';
import type { DeviceLayerWeights, DeviceLinear, DeviceNorm } from './device-weights.ts';
import type { LayerPlan, MatmulRole, Phase } from './plan.ts';

export interface BlockInput {
  config: ModelConfig;
  layer: number;
  plan: LayerPlan;
  phase: Phase;
  weights: DeviceLayerWeights;
  x: Tensor; // prefill [B, S, hidden]; decode [1, B, hidden] (one row per user)
  kCache: Tensor; // [B, kvHeads, capacity, headDim]
  vCache: Tensor;
  past: number; // positions already in the cache (decode: L; prefill: 0)
}

// The layer's output, a new tensor in DRAM (x is left as it is).
export function runBlock(b: BlockInput): Tensor {
  const { config: c, plan, weights: w } = b;
  const device = b.x.device;
  // Each op runs under its role's name; an op that cannot run says which layer and role it was.
  const label = <T>(name: string, fn: () => T): T => {
    try {
      return withOpLabel(device, name, fn);
    } catch (e) {
      if (e instanceof MeshsimError && !e.message.startsWith('layer ')) throw new MeshsimError(`layer ${b.layer} ${name} (${plan.preset}): ${e.message}`, e.exitCode, e.details);
      throw e;
    }
  };
  const gpt2 = c.family === 'gpt2';
  const names = gpt2
    ? { norm1: 'ln_1', qkv: 'attn.c_attn', out: 'attn.c_proj', norm2: 'ln_2', up: 'mlp.c_fc', down: 'mlp.c_proj' }
    : { norm1: 'input_layernorm', qkv: 'qkv_proj', out: 'o_proj', norm2: 'post_attention_layernorm', up: 'up_proj', down: 'down_proj' };
  const sharded = plan.residual === 'l1-sharded' ? residualShards(device, b.x) : undefined;
  const temps: Tensor[] = [];
  const keep = (t: Tensor) => (temps.push(t), t);
  const toL1 = (t: Tensor) => (sharded ? keep(label('reshard', () => interleavedToSharded(t, sharded))) : t);
  const toDram = (t: Tensor) => (sharded ? keep(label('reshard', () => shardedToInterleaved(t))) : t);
  const norm = (name: string, x: Tensor, n: DeviceNorm) =>
    keep(label(name, () => {
      const strategy = sharded ? 'sharded' : 'interleaved';
      return gpt2 ? layerNorm(x, { gamma: n.gamma, beta: n.beta, eps: c.normEps, strategy }) : rmsNorm(x, { gamma: n.gamma, eps: c.normEps, strategy });
    }));
  const linear = (role: MatmulRole, name: string, x: Tensor, l: DeviceLinear, activation?: 'gelu_new' | 'silu') =>
    keep(label(name, () => matmul(x, l.w, { bias: l.b, activation, strategy: plan.matmul[role] })));

  // Attention half.
  const residual = toL1(b.x);
  const h1 = toDram(norm(names.norm1, residual, w.norm1));
  const qkv = linear('qkv', names.qkv, h1, w.qkv);
  const heads = { heads: c.heads, kvHeads: c.kvHeads, headDim: c.headDim };
  const decode = b.phase === 'decode';
  let { q, k, v } = label('split_heads', () => (decode ? splitQkvHeadsDecode(qkv, heads) : splitQkvHeads(qkv, heads)));
  temps.push(q, k, v);
  if (c.family === 'llama') {
    const users = b.kCache.shape[0];
    const positions = decode ? Array.from({ length: users }, () => b.past) : Array.from({ length: b.x.rows }, (_, i) => i);
    const tables = ropeTableTensors(device, c.headDim, positions, c.ropeTheta, c.ropeScaling);
    temps.push(tables.cos, tables.sin);
    const rope = (t: Tensor, which: string) => keep(label(`rotary ${which}`, () => (decode ? rotaryDecode(t, tables.cos, tables.sin) : rotary(t, tables.cos, tables.sin))));
    q = rope(q, 'q');
    k = rope(k, 'k');
  }
  const scale = attentionScale(c, b.layer);
  let attended: Tensor;
  if (decode) {
    const positions = Array.from({ length: b.kCache.shape[0] }, () => b.past);
    label('update_cache k', () => updateCache(b.kCache, k, positions));
    label('update_cache v', () => updateCache(b.vCache, v, positions));
    attended = keep(label('attention', () => attentionDecode(q, b.kCache, b.vCache, { length: b.past + 1, scale, strategy: plan.attention })));
  } else {
    label('fill_cache k', () => fillCache(b.kCache, k, 0));
    label('fill_cache v', () => fillCache(b.vCache, v, 0));
    attended = keep(label('attention', () => attention(q, k, v, { causal: true, scale, strategy: plan.attention as 'heads' | 'flash' })));
  }
  const merged = keep(label('concat_heads', () => (decode ? concatHeadsDecode(attended) : concatHeads(attended))));
  const projected = linear('out', names.out, merged, w.out);
  const afterAttn = keep(label('residual', () => add(residual, toL1(projected), { strategy: sharded ? 'sharded' : undefined })));

  // MLP half.
  const h2 = toDram(norm(names.norm2, afterAttn, w.norm2));
  let hidden: Tensor;
  if (w.gate) {
    const gate = linear('up', 'gate_proj', h2, w.gate, 'silu');
    const up = linear('up', names.up, h2, w.up);
    hidden = keep(label('silu×up', () => mul(gate, up)));
  } else {
    hidden = linear('up', names.up, h2, w.up, 'gelu_new');
  }
  const down = linear('down', names.down, hidden, w.down);
  const out = label('residual', () => add(afterAttn, toL1(down), { strategy: sharded ? 'sharded' : undefined }));
  const result = sharded ? label('reshard', () => shardedToInterleaved(out)) : out;
  if (result !== out) out.deallocate();
  for (const t of temps) if (t !== b.x) t.deallocate();
  return result;
}

// The residual stream height-sharded over as many cores as its tile rows divide evenly onto
// (whole grid rows once past one row of cores), as ttnn's height-sharded activations.
function residualShards(device: Device, x: Tensor): MemoryConfig {
  const tileRows = x.layout.grid.height;
  const { rows: gridRows, cols: gridCols } = device.grid;
  let n = 1;
  for (let d = 1; d <= Math.min(tileRows, gridRows * gridCols); d++) {
    if (tileRows % d === 0 && (d <= gridCols || d % gridCols === 0)) n = d;
  }
  const across = Math.min(n, gridCols);
  const range = { start: { x: 0, y: 0 }, end: { x: across - 1, y: n / across - 1 } };
  return shardedL1('height', range, [(tileRows / n) * 32, x.layout.grid.width * 32]);
}
