// `meshsim op rotary` on seeded inputs: shape batch×heads×seq×headDim, tables for positions
// opts.start.. (θ opts.theta, default 10000). Strategy decode: seq 1, batch the users, user b at
// position start + b.
import type { Device } from '../../host/device.ts';
import { badInput } from '../../errors.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { expectShape, FORMS, formOf, seededTensor } from '../heads/seeded.ts';
import { ropeTableTensors, rotary, rotaryDecode } from './index.ts';

export interface RotaryEntryOptions {
  strategy?: string;
  seed?: number;
  start?: number;
  theta?: number;
}

export const rotaryEntry = {
  name: 'rotary',
  strategies: [...FORMS] as string[],
  describe: 'x·cos + rotate_half(x)·sin (NeoX halves); shape batch×heads×seq×headDim',
  run(device: Device, shape: readonly number[], opts: RotaryEntryOptions = {}): Tensor {
    expectShape('rotary', shape, 4, 'batch×heads×seq×headDim');
    const form = formOf('rotary', opts.strategy);
    const [B, H, S, D] = shape;
    const start = opts.start ?? 0;
    if (form === 'decode' && S !== 1) throw badInput(`rotary: decode has one row per user, expected seq 1 (got ${S})`);
    const rows = form === 'decode' ? B : S;
    const { cos, sin } = ropeTableTensors(device, D, Array.from({ length: rows }, (_, i) => start + i), opts.theta ?? 10000);
    const x = seededTensor(device, form === 'decode' ? [1, B, H, D] : [B, H, S, D], opts.seed ?? 1, 'rotary x');
    return (form === 'decode' ? rotaryDecode : rotary)(x, cos, sin);
  },
};
