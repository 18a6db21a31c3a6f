// `meshsim op embedding` on a seeded table: shape vocab×hidden×tokens, the token ids seeded too.
import type { Device } from '../../host/device.ts';
import { badInput } from '../../errors.ts';
import { mulberry32 } from '../../random.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { expectShape, seededTensor } from '../heads/seeded.ts';
import { embedding } from './index.ts';

export interface EmbeddingEntryOptions {
  strategy?: string;
  seed?: number;
}

export const embeddingEntry = {
  name: 'embedding',
  strategies: ['rows'],
  describe: 'rows of a [V, H] table for each token id → [1, tokens, H]; shape vocab×hidden×tokens',
  run(device: Device, shape: readonly number[], opts: EmbeddingEntryOptions = {}): Tensor {
    expectShape('embedding', shape, 3, 'vocab×hidden×tokens');
    if (opts.strategy !== undefined && opts.strategy !== 'rows') throw badInput(`embedding: unknown strategy '${opts.strategy}' (known: rows)`);
    const [V, H, n] = shape;
    const seed = opts.seed ?? 1;
    const rand = mulberry32(seed + 1);
    const table = seededTensor(device, [V, H], seed, 'embedding table');
    return embedding(table, Array.from({ length: n }, () => Math.floor(rand() * V)));
  },
};
