// `meshsim op split_qkv_heads` and `meshsim op concat_heads` on seeded inputs, checked against the
// head reshapes of the block references (exact: only bf16 values move). Strategy prefill moves
// whole tiles; decode moves rows between tiles, and takes the batch·seq rows of --shape as that
// many users of one row each (the decode form's [1, users, ...] tensors).
import { mergeHeads, splitHeads } from '../../models/reference/linear.ts';
import { fromDevice } from '../../tensor/host.ts';
import { compare, expectShape, seededTensor, strategyOf, type OpEntry } from '../op-entry.ts';
import { concatHeads, concatHeadsDecode, splitQkvHeads, splitQkvHeadsDecode } from './index.ts';

const EXACT = { rel: 0, abs: 0 };
const FORMS = ['prefill', 'decode'];

const f64 = (values: Float32Array) => Float64Array.from(values);
const joined = (parts: ArrayLike<number>[]) => Float64Array.from(parts.flatMap((p) => Array.from(p)));

export const SPLIT_QKV_HEADS_ENTRY: OpEntry = {
  name: 'split_qkv_heads',
  strategies: FORMS,
  describe: 'qkv [B, S, (H+2KV)·D] → q [B, H, S, D], k and v [B, KV, S, D]; shape batch×seq×heads×kvHeads×headDim',
  prefillShape: [1, 128, 12, 12, 64],
  run(device, shape, o) {
    expectShape(this.name, shape, 5, 'batch×seq×heads×kvHeads×headDim');
    const decode = strategyOf(this, o.strategy) === 'decode';
    const [B, S, heads, kvHeads, headDim] = shape;
    const width = (heads + 2 * kvHeads) * headDim;
    // Decode: every row a user, [1, users, width]; the reference's batch of users with seq 1.
    const [batch, seq] = decode ? [B * S, 1] : [B, S];
    const qkv = seededTensor(device, decode ? [1, batch, width] : [B, S, width], o, 1, 'qkv');
    const { q, k, v } = (decode ? splitQkvHeadsDecode : splitQkvHeads)(qkv, { heads, kvHeads, headDim });
    if (device.mode !== 'functional') return { output: q };
    const x = f64(fromDevice(qkv));
    const want = [splitHeads(x, batch, seq, width, 0, heads, headDim), splitHeads(x, batch, seq, width, heads * headDim, kvHeads, headDim), splitHeads(x, batch, seq, width, (heads + kvHeads) * headDim, kvHeads, headDim)];
    return { output: q, check: compare(Float32Array.from(joined([q, k, v].map(fromDevice))), joined(want), EXACT) };
  },
};

export const CONCAT_HEADS_ENTRY: OpEntry = {
  name: 'concat_heads',
  strategies: FORMS,
  describe: 'x [B, H, S, D] → [B, S, H·D]; shape batch×heads×seq×headDim',
  prefillShape: [1, 12, 128, 64],
  run(device, shape, o) {
    expectShape(this.name, shape, 4, 'batch×heads×seq×headDim');
    const decode = strategyOf(this, o.strategy) === 'decode';
    const [B, H, S, D] = shape;
    const x = seededTensor(device, decode ? [1, B * S, H, D] : [B, H, S, D], o, 1, 'heads');
    const output = decode ? concatHeadsDecode(x) : concatHeads(x);
    if (device.mode !== 'functional') return { output };
    const want = decode ? mergeHeads(f64(fromDevice(x)), B * S, 1, H, D) : mergeHeads(f64(fromDevice(x)), B, S, H, D);
    return { output, check: compare(fromDevice(output), want, EXACT) };
  },
};
