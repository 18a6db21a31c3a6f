// `meshsim sweep merge DIR...`: the shards of one sweep, each the --out directory of a
// `meshsim sweep --shard i/N`, joined into one ranked result. Shards of different sweeps, the same
// shard twice, or slices that overlap are refused; shards not given leave their points missing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { badInput } from '../errors.ts';
import { shardName } from './definition.ts';
import { JOURNAL, PARTIAL_JOURNAL, readJournal, type JournalHeader } from './journal.ts';
import type { PointRecord } from './point.ts';
import { rank, type SweepSummary } from './results.ts';

export interface Merged {
  header: JournalHeader; // of the whole sweep (no shard)
  summary: SweepSummary;
  ranked: PointRecord[];
  missingShards: string[];
}

export function mergeShards(dirs: string[]): Merged {
  const shards = dirs.map((dir) => {
    const path = join(dir, JOURNAL);
    if (!existsSync(path)) {
      if (existsSync(join(dir, PARTIAL_JOURNAL))) throw badInput(`${dir}: an unfinished sweep (${PARTIAL_JOURNAL}); expected a finished shard (finish it with --resume ${dir})`);
      throw badInput(`${dir}: no ${JOURNAL}; expected the --out directory of a finished meshsim sweep --shard`);
    }
    return { dir, path, ...readJournal(path) };
  });
  const first = shards[0];
  for (const s of shards.slice(1)) {
    if (s.header.sweep !== first.header.sweep || s.header.points !== first.header.points || s.header.kind !== first.header.kind) {
      throw badInput(`${s.path}: from a different sweep (id ${s.header.sweep}, ${s.header.points} ${s.header.kind} points) than ${first.path} (id ${first.header.sweep}, ${first.header.points} ${first.header.kind} points); expected shards of one sweep`);
    }
  }
  // Slices overlap when a whole sweep meets a shard, shards of different counts meet, or one shard comes twice.
  for (const [i, a] of shards.entries()) {
    for (const b of shards.slice(i + 1)) {
      const clash = !a.header.shard || !b.header.shard || a.header.shard.count !== b.header.shard.count || a.header.shard.index === b.header.shard.index;
      if (clash) throw badInput(`${b.path}: ${shardName(b.header.shard)} overlaps ${shardName(a.header.shard)} in ${a.path}; expected distinct shards i/N of one N`);
    }
  }
  const records = new Map<number, PointRecord>();
  for (const s of shards) for (const r of s.records) records.set(r.index, r);
  const { points, kind, sweep } = first.header;
  const count = first.header.shard?.count ?? 1;
  const given = new Set(shards.map((s) => s.header.shard?.index ?? 0));
  const missingShards = Array.from({ length: count }, (_, i) => i).filter((i) => !given.has(i)).map((i) => `${i}/${count}`);
  const ranked = rank([...records.values()]);
  const missing = Array.from({ length: points }, (_, i) => i).filter((i) => !records.has(i));
  return {
    header: { ...first.header, shard: null },
    summary: { sweep, kind, points, finished: ranked.filter((r) => r.result).length, failed: ranked.filter((r) => r.failure).length, missing },
    ranked,
    missingShards,
  };
}
