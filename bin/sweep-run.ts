// A sweep as a command: the options every kind of sweep takes (workers, output directory, resume,
// shard, point timeout), running its definition (sim/sweep/session.ts), the ranked table on
// stdout, and the exit code: 0 when every point finished, 8 when some failed or are missing, 130
// after Ctrl-C. `meshsim sweep` (matmul points) uses it; a sweep of another kind of point builds
// its SweepDefinition and calls the same two functions.
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { ExitCode, MeshsimError, usageError } from '../sim/errors.ts';
import type { Shard, SweepDefinition } from '../sim/sweep/definition.ts';
import { formatSweep } from '../sim/sweep/format.ts';
import type { PointRecord } from '../sim/sweep/point.ts';
import { sweepDocument, type SweepSummary } from '../sim/sweep/results.ts';
import { runSweepSession } from '../sim/sweep/session.ts';
import { pointKind } from '../sim/sweep/kinds.ts';
import { invocation, jsonOption, printJson } from './json.ts';
import { positiveInt, print, seconds, shard } from './options.ts';

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

export async function runSweepCommand(def: SweepDefinition, o: SweepRunOptions): Promise<void> {
  if (o.out && o.resume && o.out !== o.resume) throw usageError(`--out ${o.out} and --resume ${o.resume}: expected one directory (--resume writes into the directory it continues)`);
  const out = o.resume ?? o.out;
  const header = invocation();
  const outcome = await runSweepSession(def, { out, resume: Boolean(o.resume), shard: o.shard, workers: o.workers, pointTimeoutMs: o.pointTimeout && o.pointTimeout * 1000, header });
  print(formatSweep(outcome.ranked));
  if (o.json) printJson(sweepDocument(header, outcome.summary, outcome.ranked));
  if (outcome.interrupted) {
    const left = outcome.summary.missing.length;
    const kept = out ? `, kept in ${out}/sweep.partial.jsonl; run the same command with --resume ${out} for the other ${left}` : ` (no --out, so nothing was kept)`;
    throw new MeshsimError(`sweep interrupted: ${outcome.ranked.length} of ${outcome.ranked.length + left} points finished${kept}`, ExitCode.interrupted);
  }
  failIfIncomplete(outcome.summary, outcome.ranked);
}

// Exit 8, naming the first failed points, when a sweep's result is not whole.
export function failIfIncomplete(summary: SweepSummary, ranked: PointRecord[]): void {
  const failed = ranked.filter((r) => r.failure);
  if (failed.length === 0 && summary.missing.length === 0) return;
  const name = (r: PointRecord) => `point ${r.index} (${pointKind(r.point.kind).label(r.point.params)}): ${r.failure!.message}`;
  const shown = failed.slice(0, 3).map(name).join('; ');
  const more = failed.length > 3 ? `; and ${failed.length - 3} more (see the table)` : '';
  const missing = summary.missing.length ? `${failed.length ? '; ' : ''}${summary.missing.length} of ${summary.points} points missing` : '';
  throw new MeshsimError(`${failed.length ? `${failed.length} of ${summary.points} sweep points failed: ${shown}${more}` : ''}${missing}`, ExitCode.incomplete);
}
