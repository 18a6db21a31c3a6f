// A sweep's definition — its points, in order, and the contents of the files they name — and the
// id that stands for it, so a resumed sweep, a shard and a merge can tell whether they belong to
// the same sweep. A shard i/N is the points whose index is i modulo N.
import { createHash } from 'node:crypto';
import { canonicalJson, type SweepPoint } from './point.ts';

export interface SweepDefinition {
  kind: string;
  points: SweepPoint[];
  inputs: Record<string, string>; // a file a point names (a preset) → the SHA-256 of its contents
}

export interface Shard {
  index: number; // from 0
  count: number;
}

export const JOURNAL_VERSION = 1;

export function definitionId(def: SweepDefinition): string {
  return createHash('sha256').update(canonicalJson({ version: JOURNAL_VERSION, ...def })).digest('hex').slice(0, 16);
}

export const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function inShard(index: number, shard: Shard | undefined): boolean {
  return !shard || index % shard.count === shard.index;
}

export const shardName = (shard: Shard | null | undefined) => (shard ? `shard ${shard.index}/${shard.count}` : 'the whole sweep');
