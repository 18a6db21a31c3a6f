// `meshsim op split_qkv_heads` and `meshsim op concat_heads` on seeded inputs. Strategy prefill
// (whole tiles) or decode (rows between tiles; seq must be 1, batch is the users).
import type { Device } from '../../host/device.ts';
import { badInput } from '../../errors.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { concatHeads, concatHeadsDecode, splitQkvHeads, splitQkvHeadsDecode } from './index.ts';
import { expectShape, FORMS, formOf, seededTensor } from './seeded.ts';

export interface FormOptions {
  strategy?: string;
  seed?: number;
}

function decodeSeq(op: string, seq: number): void {
  if (seq !== 1) throw badInput(`${op}: decode has one row per user, expected seq 1 (got ${seq})`);
}

export const splitQkvHeadsEntry = {
  name: 'split_qkv_heads',
  strategies: [...FORMS] as string[],
  describe: 'qkv [B, S, (H+2KV)·D] → q [B, H, S, D], k and v [B, KV, S, D]; shape batch×seq×heads×kvHeads×headDim',
  run(device: Device, shape: readonly number[], opts: FormOptions = {}): Tensor {
    const op = 'split_qkv_heads';
    expectShape(op, shape, 5, 'batch×seq×heads×kvHeads×headDim');
    const form = formOf(op, opts.strategy);
    const [B, S, heads, kvHeads, headDim] = shape;
    const width = (heads + 2 * kvHeads) * headDim;
    if (form === 'decode') decodeSeq(op, S);
    const qkv = seededTensor(device, form === 'decode' ? [1, B, width] : [B, S, width], opts.seed ?? 1, 'qkv');
    return (form === 'decode' ? splitQkvHeadsDecode : splitQkvHeads)(qkv, { heads, kvHeads, headDim }).q;
  },
};

export const concatHeadsEntry = {
  name: 'concat_heads',
  strategies: [...FORMS] as string[],
  describe: 'x [B, H, S, D] → [B, S, H·D]; shape batch×heads×seq×headDim',
  run(device: Device, shape: readonly number[], opts: FormOptions = {}): Tensor {
    const op = 'concat_heads';
    expectShape(op, shape, 4, 'batch×heads×seq×headDim');
    const form = formOf(op, opts.strategy);
    const [B, H, S, D] = shape;
    if (form === 'decode') decodeSeq(op, S);
    const x = seededTensor(device, form === 'decode' ? [1, B, H, D] : [B, H, S, D], opts.seed ?? 1, 'heads');
    return form === 'decode' ? concatHeadsDecode(x) : concatHeads(x);
  },
};
