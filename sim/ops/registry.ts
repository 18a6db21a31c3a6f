// The ops `meshsim op` runs and the op bench measures: every op folder's entry.ts.
import { ATTENTION_DECODE_ENTRY } from './attention/decode-entry.ts';
import { ATTENTION_ENTRY } from './attention/entry.ts';
import { CONVERT_ENTRIES } from './convert/entry.ts';
import { ELTWISE_ENTRIES } from './eltwise/entry.ts';
import { EMBEDDING_ENTRY } from './embedding/entry.ts';
import { CONCAT_HEADS_ENTRY, SPLIT_QKV_HEADS_ENTRY } from './heads/entry.ts';
import { FILL_CACHE_ENTRY, UPDATE_CACHE_ENTRY } from './kv-cache/entry.ts';
import { LAYERNORM_ENTRIES } from './layernorm/entry.ts';
import { MATMUL_ENTRY } from './matmul/entry.ts';
import type { OpEntry } from './op-entry.ts';
import { ROTARY_ENTRY } from './rotary/entry.ts';
import { SOFTMAX_ENTRY } from './softmax/entry.ts';

export type { OpCheck, OpEntry, OpRunOptions } from './op-entry.ts';

// In the order of a decoder layer's prefill, then decode's own ops and the conversions.
export const OPS: readonly OpEntry[] = [
  EMBEDDING_ENTRY, ...LAYERNORM_ENTRIES, MATMUL_ENTRY, SPLIT_QKV_HEADS_ENTRY, ROTARY_ENTRY, FILL_CACHE_ENTRY, SOFTMAX_ENTRY, ATTENTION_ENTRY,
  CONCAT_HEADS_ENTRY, ...ELTWISE_ENTRIES, UPDATE_CACHE_ENTRY, ATTENTION_DECODE_ENTRY, ...CONVERT_ENTRIES,
];

export function findOp(name: string): OpEntry | undefined {
  return OPS.find((e) => e.name === name);
}
