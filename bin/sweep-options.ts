// The options every kind of sweep takes (workers, output directory, resume, shard, point
// timeout), apart from running a sweep (sweep-run.ts) so that declaring them loads no simulator.
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import type { Shard } from '../sim/sweep/definition.ts';
import { jsonOption } from './json.ts';
import { positiveInt, seconds, shard } from './options.ts';

export interface SweepRunOptions {
  workers: number;
  out?: string;
  resume?: string;
  shard?: Shard;
  pointTimeout?: number;
  json?: boolean;
}

export function addSweepRunOptions(command: Command): Command {
  jsonOption(command, 'the ranked results (the sweep.json document)');
  return command
    .option('--workers <n>', `worker threads (up to ${availableParallelism()} cores here)`, positiveInt(64), 1)
    .option('--out <dir>', 'write sweep.jsonl (each point as it finishes), sweep.json, sweep.csv and sweep.svg (the ranked bar chart) into this directory')
    .option('--resume <dir>', 'continue the sweep whose --out was this directory: run only the points not finished there (same options as it was started with)')
    .option('--shard <i/N>', 'run only the points whose index is i modulo N (i from 0), e.g. one task of a batch job array; join the shards with meshsim sweep merge', shard)
    .option('--point-timeout <seconds>', 'stop a point that runs longer than this and record it as failed', seconds);
}
