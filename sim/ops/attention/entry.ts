// `meshsim op attention`: prefill attention on seeded inputs. The shape is heads×seq×headDim
// (batch 1, as many kv heads as heads unless opts.kvHeads says otherwise), causal, scale 1/√headDim.
import type { Device } from '../../host/device.ts';
import { badInput } from '../../errors.ts';
import { mulberry32 } from '../../random.ts';
import { DRAM_INTERLEAVED, toDevice } from '../../tensor/index.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { ATTENTION_STRATEGIES, attention, type AttentionStrategy } from './index.ts';

export interface AttentionEntryOptions {
  strategy?: string;
  seed?: number;
  kvHeads?: number;
  chunk?: number;
  causal?: boolean;
}

export const attentionEntry = {
  name: 'attention',
  strategies: [...ATTENTION_STRATEGIES] as string[],
  describe: 'prefill attention softmax(scale·Q·Kᵀ + causal mask)·V; shape heads×seq×headDim',
  run(device: Device, shape: readonly number[], opts: AttentionEntryOptions = {}): Tensor {
    if (shape.length !== 3) throw badInput(`attention: shape ${shape.join('×')}, expected heads×seq×headDim`);
    const [heads, seq, headDim] = shape;
    const kvHeads = opts.kvHeads ?? heads;
    const rand = mulberry32(opts.seed ?? 1);
    const values = (n: number) => (device.mode === 'functional' ? Float32Array.from({ length: n }, () => rand() * 2 - 1) : undefined);
    const input = (name: string, h: number) => toDevice(device, values(h * seq * headDim), [1, h, seq, headDim], 'bf16', DRAM_INTERLEAVED, name);
    const [q, k, v] = [input('attention q', heads), input('attention k', kvHeads), input('attention v', kvHeads)];
    return attention(q, k, v, { causal: opts.causal ?? true, scale: 1 / Math.sqrt(headDim), strategy: opts.strategy as AttentionStrategy | undefined, chunk: opts.chunk });
  },
};
