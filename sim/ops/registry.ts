// The ops `meshsim op` runs and the op bench measures: every op folder's entry.ts.
import { ELTWISE_ENTRIES } from './eltwise/entry.ts';
import type { OpEntry } from './op-entry.ts';
import { SOFTMAX_ENTRY } from './softmax/entry.ts';

export type { OpCheck, OpEntry, OpRunOptions } from './op-entry.ts';

export const OPS: readonly OpEntry[] = [...ELTWISE_ENTRIES, SOFTMAX_ENTRY];

export function findOp(name: string): OpEntry | undefined {
  return OPS.find((e) => e.name === name);
}
