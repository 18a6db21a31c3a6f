// Which core does what in decode attention (sim/ops/attention/decode.ts). The work is one
// (user, kv head) pair per query tile row, over the cache's position tiles:
// - split-L (tt-metal's sdpa_decode): each pair gets k = floor(cores / pairs) cores (at least 1,
//   at most one per position tile, and at most maxSplit: the reducer's L1 holds every partial); its position tiles are split over them (split_work_to_cores),
//   the core with the first chunk reduces the others' partials. With more pairs than cores,
//   k = 1 and each core takes whole pairs, as below.
// - single: no split; the pairs are dealt to the cores, each core doing its pairs one by one.
import { splitWork } from '../work-split.ts';

export const DECODE_STRATEGIES = ['split-L', 'single'] as const;
export type DecodeStrategy = (typeof DECODE_STRATEGIES)[number];

export type DecodeRole = 'alone' | 'reducer' | 'worker';

export interface DecodeJob {
  core: number; // index into the device's cores
  firstPair: number; // pair = user · KV + kv head
  pairs: number;
  firstTile: number; // this core's chunk of position tiles
  tiles: number;
  role: DecodeRole;
  workers: number; // a reducer's workers
  slot: number; // a worker's place among its reducer's workers
  reducer: number; // a worker's reducer (core index)
}

export interface DecodePlan {
  jobs: DecodeJob[];
  split: number; // cores per pair
}

export function planDecode(strategy: DecodeStrategy, pairs: number, positionTiles: number, cores: number, maxSplit = Infinity): DecodePlan {
  const k = strategy === 'split-L' ? Math.max(1, Math.min(Math.floor(cores / pairs), positionTiles, maxSplit)) : 1;
  if (k === 1) {
    const jobs = splitWork(pairs, cores).map((s) => ({
      core: s.core, firstPair: s.first, pairs: s.count, firstTile: 0, tiles: positionTiles, role: 'alone' as const, workers: 0, slot: 0, reducer: s.core,
    }));
    return { jobs, split: 1 };
  }
  const jobs: DecodeJob[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const reducer = pair * k;
    for (const chunk of splitWork(positionTiles, k)) {
      const role = chunk.core === 0 ? 'reducer' : 'worker';
      jobs.push({
        core: reducer + chunk.core, firstPair: pair, pairs: 1, firstTile: chunk.first, tiles: chunk.count, role, workers: role === 'reducer' ? k - 1 : 0, slot: Math.max(0, chunk.core - 1), reducer,
      });
    }
  }
  return { jobs, split: k };
}
