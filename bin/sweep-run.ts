// A sweep as a command: running its definition (sim/sweep/session.ts) with the options every kind
// of sweep takes (sweep-options.ts), the ranked table on stdout, and the exit code: 0 when every
// point finished, 8 when some failed or are missing, 130 after Ctrl-C. `meshsim sweep` (matmul
// points) uses it; a sweep of another kind of point builds its SweepDefinition and calls the same
// two functions.
import { ExitCode, MeshsimError, usageError } from '../sim/errors.ts';
import type { SweepDefinition } from '../sim/sweep/definition.ts';
import { formatSweep } from '../sim/sweep/format.ts';
import type { PointRecord } from '../sim/sweep/point.ts';
import { sweepDocument, type SweepSummary } from '../sim/sweep/results.ts';
import { runSweepSession } from '../sim/sweep/session.ts';
import { pointKind } from '../sim/sweep/kinds.ts';
import { invocation, printJson } from './json.ts';
import { print } from './options.ts';
import type { SweepRunOptions } from './sweep-options.ts';

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
