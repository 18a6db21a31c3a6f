// What a layer run starts from: the hidden states (from --input x.npy, or seeded normal values of
// unit scale, as the residual stream of a real model) and, in decode, the cache of the L positions
// before the new token (from --kv-cache DIR, or seeded). Values only exist in functional mode.
import { join } from 'node:path';
import { badInput } from '../../errors.ts';
import { readActivations, readKvCache } from '../activations.ts';
import type { ModelConfig } from '../config.ts';
import type { KvCache } from '../reference/kv-cache.ts';
import { fillNormal } from '../seeded.ts';

export interface LayerInputs {
  batch: number;
  seq: number; // new positions per user: the prompt in prefill, 1 in decode
  x?: Float32Array; // [batch, seq, hidden]
  past?: KvCache; // decode: the cache before the new token
}

export interface InputOptions {
  phase: 'prefill' | 'decode';
  batch: number;
  seq: number; // prefill
  kvLen: number; // decode: cached positions
  seed: number;
  input?: string; // --input x.npy
  kvCache?: string; // --kv-cache DIR (k_cache.npy, v_cache.npy)
  given?: readonly ('batch' | 'seq' | 'kvLen')[]; // set on the command line: a file's shape must agree
  functional: boolean;
}

// What the files give (--input, --kv-cache), checked against the options and the model: the
// shape, and the values read, none seeded yet, so that a run can size itself before it makes any.
export function readLayerInputs(c: ModelConfig, o: Omit<InputOptions, 'functional' | 'seed'>): LayerInputs {
  const decode = o.phase === 'decode';
  let batch = o.batch;
  let seq = decode ? 1 : o.seq;
  let x: Float32Array | undefined;
  if (o.input) {
    const a = readActivations(o.input, c);
    if (decode && a.seq !== 1) throw badInput(`--input ${o.input}: decode takes one new token per user, shape (batch, 1, ${c.hidden}); this has seq ${a.seq}`);
    for (const [key, flag, got] of [['batch', '--batch', a.batch], ['seq', '--seq', a.seq]] as const) {
      if (o.given?.includes(key) && !(decode && key === 'seq') && o[key] !== got) {
        throw badInput(`--input ${o.input}: ${key} ${got} (shape ${a.batch}, ${a.seq}, ${c.hidden}), but ${flag} ${o[key]}; expected them to agree (or leave ${flag} out)`);
      }
    }
    ({ batch, seq } = a);
    x = Float32Array.from(a.data);
  }
  let past: KvCache | undefined;
  if (decode && o.kvCache) {
    past = readKvCache(join(o.kvCache, 'k_cache.npy'), join(o.kvCache, 'v_cache.npy'), c);
    // The cache's users are the batch, as its positions are --kv-len, unless the command line or
    // --input says otherwise.
    const fixedBy = o.input ? `--input ${o.input}` : o.given?.includes('batch') ? '--batch' : undefined;
    if (past.batch !== batch && fixedBy) {
      throw badInput(`--kv-cache ${o.kvCache}: a cache of ${past.batch} users, but ${fixedBy} gives a batch of ${batch}; expected the same batch${o.input ? '' : ' (or leave --batch out)'}`);
    }
    batch = past.batch;
    if (o.given?.includes('kvLen') && past.positions !== o.kvLen) {
      throw badInput(`--kv-cache ${o.kvCache}: ${past.positions} cached positions, but --kv-len ${o.kvLen}; expected them to agree (or leave --kv-len out)`);
    }
  }
  const cached = decode ? (past?.positions ?? o.kvLen) : 0;
  const where = decode ? `${o.kvCache ? `--kv-cache ${o.kvCache}: ` : ''}--kv-len ${cached} + 1` : `${o.input ? `--input ${o.input}: ` : ''}--seq ${seq}`;
  if (cached + seq > c.maxPositions) throw badInput(`${where}: ${cached + seq} positions, past the ${c.maxPositions} ${c.source} holds (max_position_embeddings / n_positions)`);
  return { batch, seq, x, past };
}

// The inputs, with what the files did not give seeded (values only in functional mode).
export function layerInputs(c: ModelConfig, o: InputOptions, read: LayerInputs = readLayerInputs(c, o)): LayerInputs {
  const { batch, seq } = read;
  const x = read.x ?? (o.functional ? normal(batch * seq * c.hidden, o.seed) : undefined);
  let past = read.past;
  if (o.phase === 'decode' && !past) {
    const size = batch * c.kvHeads * o.kvLen * c.headDim;
    const values = (salt: number) => (o.functional ? Float64Array.from(normal(size, o.seed + salt)) : new Float64Array(0));
    past = { batch, kvHeads: c.kvHeads, positions: o.kvLen, headDim: c.headDim, k: values(1), v: values(2) };
  }
  return { batch, seq, x, past };
}

function normal(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  fillNormal(out, seed, 1);
  return out;
}
