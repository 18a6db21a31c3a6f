// The layer's arrays on disk: --input x.npy [batch, seq, hidden]; a K/V cache as k_cache.npy and
// v_cache.npy [batch, kvHeads, positions, headDim]; and what a run writes: output.npy and the
// caches it made (float32).
import { badInput } from '../errors.ts';
import type { ModelConfig } from './config.ts';
import { encodeNpy, readNpy } from './npy.ts';
import type { KvCache } from './reference/kv-cache.ts';

export interface Activations {
  batch: number;
  seq: number;
  data: Float32Array | Float64Array; // [batch, seq, hidden]
}

export function readActivations(path: string, config: ModelConfig): Activations {
  const a = readNpy(path);
  const [batch, seq, hidden] = a.shape;
  if (a.shape.length !== 3 || hidden !== config.hidden || batch === 0 || seq === 0) {
    throw badInput(`${path}: shape (${a.shape.join(', ')}), expected (batch, seq, ${config.hidden}) for ${config.source}`);
  }
  return { batch, seq, data: a.data };
}

export function readKvCache(kPath: string, vPath: string, config: ModelConfig): KvCache {
  const read = (path: string) => {
    const a = readNpy(path);
    const [batch, kvHeads, , headDim] = a.shape;
    if (a.shape.length !== 4 || kvHeads !== config.kvHeads || headDim !== config.headDim || batch === 0) {
      throw badInput(`${path}: shape (${a.shape.join(', ')}), expected (batch, ${config.kvHeads}, positions, ${config.headDim}) for ${config.source}`);
    }
    return { shape: a.shape, data: Float64Array.from(a.data) };
  };
  const k = read(kPath), v = read(vPath);
  if (k.shape.some((d, i) => d !== v.shape[i])) throw badInput(`${vPath}: shape (${v.shape.join(', ')}) differs from ${kPath}'s (${k.shape.join(', ')})`);
  const [batch, kvHeads, positions, headDim] = k.shape;
  return { batch, kvHeads, positions, headDim, k: k.data, v: v.data };
}

// output.npy, k_cache.npy and v_cache.npy of a layer run, by file name.
export function layerOutputFiles(output: ArrayLike<number>, batch: number, seq: number, hidden: number, cache: KvCache): Record<string, Uint8Array> {
  const cacheShape = [cache.batch, cache.kvHeads, cache.positions, cache.headDim];
  return {
    'output.npy': encodeNpy([batch, seq, hidden], output),
    'k_cache.npy': encodeNpy(cacheShape, cache.k),
    'v_cache.npy': encodeNpy(cacheShape, cache.v),
  };
}
