// `meshsim op update_cache` and `meshsim op fill_cache` on a seeded cache and seeded new rows,
// checked against updateCacheReference (exact: only bf16 values move).
// - update_cache: shape users×kvHeads×maxSeq×headDim; user b writes at position 7·b mod maxSeq
//   (distinct positions, a few tiles apart).
// - fill_cache: shape users×kvHeads×maxSeq×headDim×seq; strategy tiles writes rows 0..seq−1 (whole
//   tiles), rows writes rows 1..seq (every row moves between tiles).
import { fromDevice } from '../../tensor/host.ts';
import { compare, expectShape, seededTensor, strategyOf, type OpEntry } from '../op-entry.ts';
import { fillCache, updateCache } from './index.ts';
import { updateCacheReference, type CacheShape } from './reference.ts';

const EXACT = { rel: 0, abs: 0 };

export const UPDATE_CACHE_ENTRY: OpEntry = {
  name: 'update_cache',
  strategies: ['rows'],
  describe: 'decode KV-cache update: one row per user and kv head at its position; shape users×kvHeads×maxSeq×headDim',
  prefillShape: [1, 12, 128, 64], // the K cache of a GPT-2-small layer after a 128-token prefill
  run(device, shape, o) {
    expectShape(this.name, shape, 4, 'users×kvHeads×maxSeq×headDim');
    strategyOf(this, o.strategy);
    const [B, KV, L, D] = shape;
    const cache = seededTensor(device, [B, KV, L, D], o, 1, 'kv cache');
    const x = seededTensor(device, [1, B, KV, D], o, 2, 'new kv');
    const before = device.mode === 'functional' ? fromDevice(cache) : undefined;
    const positions = Array.from({ length: B }, (_, b) => (7 * b) % L);
    updateCache(cache, x, positions);
    if (!before) return { output: cache };
    const want = updateCacheReference(before, { batch: B, kvHeads: KV, maxSeq: L, headDim: D }, fromDevice(x), positions);
    return { output: cache, check: compare(fromDevice(cache), want, EXACT) };
  },
};

// Rows s of x [B, KV, S, D] written at position start + s, one updateCacheReference per row.
function fillReference(cache: Float32Array, shape: CacheShape, x: Float32Array, S: number, start: number): Float64Array {
  const { batch, kvHeads, headDim } = shape;
  let out: Float64Array<ArrayBufferLike> = Float64Array.from(cache);
  for (let s = 0; s < S; s++) {
    const rows = new Float32Array(batch * kvHeads * headDim);
    for (let m = 0; m < batch * kvHeads; m++) rows.set(x.subarray((m * S + s) * headDim, (m * S + s + 1) * headDim), m * headDim);
    out = updateCacheReference(out, shape, rows, Array(batch).fill(start + s));
  }
  return out;
}

export const FILL_CACHE_ENTRY: OpEntry = {
  name: 'fill_cache',
  strategies: ['tiles', 'rows'],
  describe: 'prefill KV-cache fill: seq rows of every user and kv head, at position 0 (tiles) or 1 (rows); shape users×kvHeads×maxSeq×headDim×seq',
  prefillShape: [1, 12, 1024, 64, 128], // GPT-2's 1024-position cache, filled by a 128-token prefill
  run(device, shape, o) {
    expectShape(this.name, shape, 5, 'users×kvHeads×maxSeq×headDim×seq');
    const start = strategyOf(this, o.strategy) === 'tiles' ? 0 : 1;
    const [B, KV, L, D, S] = shape;
    const cache = seededTensor(device, [B, KV, L, D], o, 1, 'kv cache');
    const x = seededTensor(device, [B, KV, S, D], o, 2, 'prefill kv');
    const before = device.mode === 'functional' ? fromDevice(cache) : undefined;
    fillCache(cache, x, start);
    if (!before) return { output: cache };
    const want = fillReference(before, { batch: B, kvHeads: KV, maxSeq: L, headDim: D }, fromDevice(x), S, start);
    return { output: cache, check: compare(fromDevice(cache), want, EXACT) };
  },
};
