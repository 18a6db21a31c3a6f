// One layer's weights on the device, as the layer graph's ops take them: each matrix [in, out] in
// its group's format (--weights-dtype), DRAM-interleaved, or width-sharded over the DRAM banks for
// the dram-sharded matmuls; norm weights and biases as bf16 rows [1, n]. Llama's q, k and v
// projections are fused into one [hidden, (heads + 2·kvHeads)·headDim] matrix, as tt-metal's wqkv.
// In timing mode only the shapes are allocated, so no weights are read or generated.
import type { DataFormat } from '../../compute/formats.ts';
import type { Device } from '../../host/device.ts';
import { DRAM_INTERLEAVED, type MemoryConfig } from '../../tensor/memory-config.ts';
import { toDevice } from '../../tensor/host.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import type { ModelConfig } from '../config.ts';
import type { WeightGroup } from '../tensor-names.ts';
import type { WeightDtypes } from '../weights-dtype.ts';
import type { LayerWeights } from '../weights.ts';
import type { MatmulRole } from './plan.ts';

export interface DeviceLinear {
  w: Tensor;
  b?: Tensor;
}

export interface DeviceNorm {
  gamma: Tensor;
  beta?: Tensor;
}

export interface DeviceLayerWeights {
  norm1: DeviceNorm;
  qkv: DeviceLinear;
  out: DeviceLinear;
  norm2: DeviceNorm;
  up: DeviceLinear; // GPT-2's c_fc, Llama's up_proj
  gate?: DeviceLinear; // Llama's gate_proj
  down: DeviceLinear;
}

const GROUP: Record<MatmulRole, WeightGroup> = { qkv: 'wqkv', out: 'wo', up: 'ff1_3', down: 'ff2' };

// `dramSharded`: the roles whose matmul reads its weights width-sharded over the DRAM banks.
export function uploadLayerWeights(device: Device, c: ModelConfig, w: LayerWeights | undefined, dtypes: WeightDtypes, dramSharded: ReadonlySet<MatmulRole>, layer: number): DeviceLayerWeights {
  const banks = device.dram.banks;
  const matrix = (role: MatmulRole, name: string, values: Float32Array | undefined, rows: number, cols: number): Tensor => {
    const memory: MemoryConfig = dramSharded.has(role) ? { kind: 'dram-sharded', shardCols: 32 * Math.ceil(Math.ceil(cols / 32) / banks) } : DRAM_INTERLEAVED;
    return toDevice(device, values, [rows, cols], dtypes[GROUP[role]] as DataFormat, memory, `layer ${layer} ${name}`);
  };
  const row = (name: string, values: Float32Array | undefined, n: number) => toDevice(device, values, [1, n], 'bf16', DRAM_INTERLEAVED, `layer ${layer} ${name}`);
  const linear = (role: MatmulRole, name: string, rows: number, cols: number, weight?: Float32Array, bias?: Float32Array, hasBias = true): DeviceLinear => ({
    w: matrix(role, `${name}.weight`, weight, rows, cols),
    b: hasBias ? row(`${name}.bias`, bias, cols) : undefined,
  });
  const { hidden: h, intermediate: f, heads, kvHeads, headDim: d } = c;
  const qkvWidth = (heads + 2 * kvHeads) * d;
  if (c.family === 'gpt2') {
    const g = w?.family === 'gpt2' ? w : undefined;
    return {
      norm1: { gamma: row('ln_1.weight', g?.ln1Gamma, h), beta: row('ln_1.bias', g?.ln1Beta, h) },
      qkv: linear('qkv', 'attn.c_attn', h, qkvWidth, g?.qkvW, g?.qkvB),
      out: linear('out', 'attn.c_proj', h, h, g?.outW, g?.outB),
      norm2: { gamma: row('ln_2.weight', g?.ln2Gamma, h), beta: row('ln_2.bias', g?.ln2Beta, h) },
      up: linear('up', 'mlp.c_fc', h, f, g?.fcW, g?.fcB),
      down: linear('down', 'mlp.c_proj', f, h, g?.projW, g?.projB),
    };
  }
  const l = w?.family === 'llama' ? w : undefined;
  return {
    norm1: { gamma: row('input_layernorm.weight', l?.inputNorm, h) },
    qkv: linear('qkv', 'self_attn.qkv_proj', h, qkvWidth, l && fuseColumns(h, [l.qW, l.kW, l.vW]), l?.qB && fuseRows([l.qB, l.kB!, l.vB!]), c.qkvBias),
    out: linear('out', 'self_attn.o_proj', heads * d, h, l?.oW, l?.oB, c.outputBias),
    norm2: { gamma: row('post_attention_layernorm.weight', l?.postNorm, h) },
    gate: linear('up', 'mlp.gate_proj', h, f, l?.gateW, l?.gateB, c.mlpBias),
    up: linear('up', 'mlp.up_proj', h, f, l?.upW, l?.upB, c.mlpBias),
    down: linear('down', 'mlp.down_proj', f, h, l?.downW, l?.downB, c.mlpBias),
  };
}

export function freeLayerWeights(w: DeviceLayerWeights): void {
  for (const part of Object.values(w) as (DeviceLinear | DeviceNorm | undefined)[]) {
    for (const t of Object.values(part ?? {}) as (Tensor | undefined)[]) t?.deallocate();
  }
}

// Matrices [rows, c_i] side by side → [rows, Σ c_i].
function fuseColumns(rows: number, parts: Float32Array[]): Float32Array {
  const widths = parts.map((p) => p.length / rows);
  const width = widths.reduce((a, b) => a + b, 0);
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let at = r * width;
    parts.forEach((p, i) => {
      out.set(p.subarray(r * widths[i], (r + 1) * widths[i]), at);
      at += widths[i];
    });
  }
  return out;
}

const fuseRows = (parts: Float32Array[]) => fuseColumns(1, parts);
