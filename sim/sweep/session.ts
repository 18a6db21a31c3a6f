// One run of a sweep, as `meshsim sweep` makes it: the points of its shard that are not done yet
// run on worker threads; each finished point is appended to the journal at once; Ctrl-C stops
// the running points and keeps what finished; at the end sweep.jsonl, sweep.json, sweep.csv and
// sweep.svg are written from the journal as one output set. With `resume`, the journal already in
// the directory (of the same sweep and shard, else refused) says what is done.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { badInput, MeshsimError } from '../errors.ts';
import { makeDirs, outputPath, withOutputs } from '../io/output-set.ts';
import { definitionId, inShard, shardName, type Shard, type SweepDefinition, JOURNAL_VERSION } from './definition.ts';
import { JOURNAL, Journal, PARTIAL_JOURNAL, readJournal, type JournalHeader } from './journal.ts';
import { sweepPlot } from './plot.ts';
import { pointKey, type PointRecord } from './point.ts';
import { runPoints } from './pool.ts';
import { progressLine } from './progress.ts';
import { rank, sweepCsv, sweepDocument, type SweepSummary } from './results.ts';

export interface SessionOptions {
  out?: string;
  resume?: boolean; // continue the sweep whose journal is in `out`
  shard?: Shard;
  workers: number;
  pointTimeoutMs?: number;
  log?: (line: string) => void; // status lines, to stderr
  header?: object; // who writes sweep.json: meshsim's version and the command line
}

export interface SessionOutcome {
  summary: SweepSummary;
  ranked: PointRecord[];
  interrupted: boolean;
}

export async function runSweepSession(def: SweepDefinition, o: SessionOptions): Promise<SessionOutcome> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const header: JournalHeader = { meshsimSweep: JOURNAL_VERSION, sweep: definitionId(def), kind: def.kind, points: def.points.length, shard: o.shard ?? null };
  const slice = def.points.map((point, index) => ({ index, point })).filter((p) => inShard(p.index, o.shard));
  const records = new Map<number, PointRecord>();
  let journal: Journal | undefined;
  if (o.out) {
    const kept = o.resume ? resumable(o.out, header, def, log) : (makeDirs(o.out), fresh(o.out));
    for (const r of kept) records.set(r.index, r);
    journal = Journal.create(join(o.out, PARTIAL_JOURNAL), header, [...records.values()]);
  }
  const todo = slice.filter((p) => !records.has(p.index));
  const workers = Math.max(1, Math.min(o.workers, todo.length));
  log(`sweep: ${def.points.length} ${def.kind} points${o.shard ? `, ${slice.length} in ${shardName(o.shard)}` : ''}` +
    `${records.size ? `, ${records.size} already done` : ''}; ${todo.length} to run on ${workers} worker${workers === 1 ? '' : 's'}`);

  const stop = new AbortController();
  let journalError: unknown;
  const onInterrupt = () => {
    if (stop.signal.aborted) process.exit(130); // a second Ctrl-C: at once
    log('\nmeshsim: interrupted: stopping the running points and keeping the finished ones (Ctrl-C again to quit at once)');
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  const progress = progressLine(todo.length);
  let [done, failed] = [0, 0];
  try {
    await runPoints(todo, {
      workers,
      pointTimeoutMs: o.pointTimeoutMs,
      signal: stop.signal,
      onRecord: (r) => {
        records.set(r.index, r);
        if (r.failure) failed++;
        else done++;
        progress.update(done, failed);
        try {
          journal?.append(r);
        } catch (e) {
          journalError ??= e;
          stop.abort();
        }
      },
    });
  } finally {
    process.off('SIGINT', onInterrupt);
    progress.end();
    journal?.close();
  }
  const partial = o.out && join(o.out, PARTIAL_JOURNAL);
  if (journalError) {
    throw new MeshsimError(`${(journalError as Error).message}; the points finished before are kept in ${partial} (--resume ${o.out} continues the sweep)`, (journalError as MeshsimError).exitCode);
  }

  const ranked = rank([...records.values()]);
  const summary: SweepSummary = {
    sweep: header.sweep,
    kind: def.kind,
    points: def.points.length,
    finished: ranked.filter((r) => r.result).length,
    failed: ranked.filter((r) => r.failure).length,
    missing: slice.filter((p) => !records.has(p.index)).map((p) => p.index),
  };
  const interrupted = stop.signal.aborted;
  if (o.out && !interrupted) {
    try {
      await writeSweepOutputs(o.out, o.header ?? {}, summary, ranked, partial as string);
    } catch (e) {
      if (!(e instanceof MeshsimError)) throw e;
      throw new MeshsimError(`${e.message}; the finished points are kept in ${partial} (--resume ${o.out} writes the results)`, e.exitCode);
    }
  }
  return { summary, ranked, interrupted };
}

// sweep.jsonl (a journal file renamed, or the given lines), sweep.json, sweep.csv and sweep.svg,
// all or none.
export async function writeSweepOutputs(dir: string, header: object, summary: SweepSummary, ranked: PointRecord[], journal: string | { lines: string }): Promise<void> {
  const title = `meshsim sweep: ${summary.finished} ${summary.kind} runs ranked by cycles${summary.failed ? `, ${summary.failed} failed` : ''}${summary.missing.length ? `, ${summary.missing.length} missing` : ''}`;
  await withOutputs((out) => {
    if (typeof journal === 'string') out.adopt(journal, outputPath(dir, JOURNAL));
    else out.write(outputPath(dir, JOURNAL), journal.lines);
    out.write(outputPath(dir, 'sweep.json'), JSON.stringify(sweepDocument(header, summary, ranked)) + '\n');
    out.write(outputPath(dir, 'sweep.csv'), sweepCsv(ranked));
    out.write(outputPath(dir, 'sweep.svg'), sweepPlot(ranked, title));
  });
}

// A new sweep into `dir`: an unfinished one there is not thrown away unasked.
function fresh(dir: string): PointRecord[] {
  const partial = join(dir, PARTIAL_JOURNAL);
  if (existsSync(partial)) {
    throw badInput(`${partial}: an unfinished sweep is there; continue it with --resume ${dir}, or remove the file to start this one`);
  }
  return [];
}

// The records a resumed sweep keeps: those of its journal (the unfinished one, else the finished
// one), except points whose worker died, which run again.
// A directory with no journal yet has nothing done: the sweep starts there (so a batch job can
// always say --resume, first run or restart).
function resumable(dir: string, header: JournalHeader, def: SweepDefinition, log: (line: string) => void): PointRecord[] {
  const path = [PARTIAL_JOURNAL, JOURNAL].map((name) => join(dir, name)).find(existsSync);
  if (!path) {
    makeDirs(dir);
    log(`sweep: --resume ${dir}: no journal there yet, so the sweep starts`);
    return [];
  }
  const j = readJournal(path);
  if (j.header.sweep !== header.sweep || j.header.points !== header.points || j.header.kind !== header.kind) {
    throw badInput(
      `${path}: a different sweep (${j.header.points} ${j.header.kind} points, id ${j.header.sweep}) than this command line defines ` +
        `(${header.points} ${header.kind} points, id ${header.sweep}); expected the same options it was started with, or another --out`,
    );
  }
  if (shardName(j.header.shard) !== shardName(header.shard)) {
    throw badInput(`${path}: holds ${shardName(j.header.shard)} of this sweep, not ${shardName(header.shard)}; expected the same --shard it was started with`);
  }
  const keep = j.records.filter((r) => r.failure?.kind !== 'crash');
  for (const r of keep) {
    if (!inShard(r.index, header.shard ?? undefined) || pointKey(r.point) !== pointKey(def.points[r.index])) {
      throw badInput(`${path}: the record of point ${r.index} does not match this sweep's point ${r.index}: the journal is damaged`);
    }
  }
  return keep;
}
