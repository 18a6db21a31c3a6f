// `meshsim op attention`: causal prefill attention on seeded q, k, v (scale 1/√headDim), checked
// against attentionReference. The shape is heads×seq×headDim, or heads×kvHeads×seq×headDim for
// grouped-query attention; batch 1.
import { badInput } from '../../errors.ts';
import { fromDevice } from '../../tensor/host.ts';
import { compare, largest, seededTensor, strategyOf, type OpEntry } from '../op-entry.ts';
import { ATTENTION_STRATEGIES, attention, type AttentionStrategy } from './index.ts';
import { attentionReference } from './reference.ts';

// Of the output's scale (its largest |value|): bf16 keeps 8 significant bits, Q·Kᵀ, P, the row
// sums and O each round to bf16 and HiFi2 drops a bit of each matmul's first operand
// (test/ops/attention.test.ts).
const TOLERANCE = 0.02;

export const ATTENTION_ENTRY: OpEntry = {
  name: 'attention',
  strategies: ATTENTION_STRATEGIES,
  describe: 'causal prefill attention softmax(Q·Kᵀ/√d + mask)·V; shape heads×seq×headDim or heads×kvHeads×seq×headDim',
  prefillShape: [12, 128, 64],
  run(device, shape, o) {
    if ((shape.length !== 3 && shape.length !== 4) || shape.some((d) => !Number.isInteger(d) || d < 1)) {
      throw badInput(`attention: shape ${shape.join('×')}, expected heads×seq×headDim or heads×kvHeads×seq×headDim`);
    }
    const [heads, kvHeads, seq, headDim] = shape.length === 3 ? [shape[0], ...shape] : shape;
    const strategy = strategyOf(this, o.strategy) as AttentionStrategy;
    const [q, k, v] = [['q', heads], ['k', kvHeads], ['v', kvHeads]].map(([name, h], i) => seededTensor(device, [1, h as number, seq, headDim], o, i + 1, `attention ${name}`));
    const scale = 1 / Math.sqrt(headDim);
    const output = attention(q, k, v, { causal: true, scale, strategy });
    if (device.mode !== 'functional') return { output };
    const want = attentionReference(fromDevice(q), fromDevice(k), fromDevice(v), { batch: 1, heads, kvHeads, seq, seqKv: seq, headDim, scale, causal: true });
    return { output, check: compare(fromDevice(output), want, { rel: 0, abs: TOLERANCE * largest(want) }) };
  },
};
