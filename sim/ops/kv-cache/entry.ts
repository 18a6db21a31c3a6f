// `meshsim op update_cache` on seeded inputs: a cache of shape users×kvHeads×maxSeq×headDim, user b
// writing at position (opts.start ?? 0) + b·7 mod maxSeq (distinct positions, a few tiles apart).
import type { Device } from '../../host/device.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { expectShape, seededTensor } from '../heads/seeded.ts';
import { badInput } from '../../errors.ts';
import { updateCache } from './index.ts';

export interface CacheEntryOptions {
  strategy?: string;
  seed?: number;
  start?: number;
}

export const updateCacheEntry = {
  name: 'update_cache',
  strategies: ['rows'],
  describe: 'decode KV-cache update: one row per user and kv head at its position; shape users×kvHeads×maxSeq×headDim',
  run(device: Device, shape: readonly number[], opts: CacheEntryOptions = {}): Tensor {
    expectShape('update_cache', shape, 4, 'users×kvHeads×maxSeq×headDim');
    if (opts.strategy !== undefined && opts.strategy !== 'rows') throw badInput(`update_cache: unknown strategy '${opts.strategy}' (known: rows)`);
    const [B, KV, L, D] = shape;
    const cache = seededTensor(device, [B, KV, L, D], opts.seed ?? 1, 'kv cache');
    const x = seededTensor(device, [1, B, KV, D], (opts.seed ?? 1) + 1, 'new kv');
    updateCache(cache, x, Array.from({ length: B }, (_, b) => ((opts.start ?? 0) + 7 * b) % L));
    return cache;
  },
};
