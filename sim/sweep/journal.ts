// sweep.jsonl: a header line naming the sweep, then one line per finished point, appended (and
// flushed) as each point finishes, so a sweep killed at any moment keeps every point it finished.
// A running sweep writes DIR/sweep.partial.jsonl; when it completes, that file becomes
// DIR/sweep.jsonl together with the files made from it (sim/sweep/session.ts). A last line cut
// short by a kill is dropped when the journal is read back; any other damage is refused.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { badInput, MeshsimError } from '../errors.ts';
import { Checker } from '../checker.ts';
import { fsReason } from '../io/fs-errors.ts';
import { readUserText } from '../io/read-file.ts';
import { JOURNAL_VERSION, type Shard } from './definition.ts';
import { FAILURES, type FailureKind, type PointRecord, type PointResult } from './point.ts';

export const JOURNAL = 'sweep.jsonl';
export const PARTIAL_JOURNAL = 'sweep.partial.jsonl';
const JOURNAL_MAX_BYTES = 1 << 30;

export interface JournalHeader {
  meshsimSweep: typeof JOURNAL_VERSION;
  sweep: string; // the definition id
  kind: string;
  points: number; // in the whole sweep
  shard: Shard | null;
}

export class Journal {
  private constructor(private readonly fd: number, readonly path: string) {}

  // A journal at `path` holding `header` and `records`, appended to from then on. It replaces
  // a file there only once it is written whole (a resumed sweep rewrites its journal so).
  static create(path: string, header: JournalHeader, records: PointRecord[] = []): Journal {
    const temp = `${path}.${process.pid}.tmp`;
    let fd: number;
    try {
      fd = openSync(temp, 'w');
    } catch (e) {
      throw badInput(`cannot write ${path}: ${fsReason(e)}`);
    }
    const journal = new Journal(fd, path);
    try {
      journal.write([header, ...records].map((v) => JSON.stringify(v)).join('\n') + '\n');
      renameSync(temp, path); // the open descriptor follows the file
    } catch (e) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw e instanceof MeshsimError ? e : badInput(`cannot write ${path}: ${fsReason(e)}`);
    }
    return journal;
  }

  append(record: PointRecord): void {
    this.write(JSON.stringify(record) + '\n');
  }

  close(): void {
    closeSync(this.fd);
  }

  private write(text: string): void {
    try {
      const bytes = Buffer.from(text);
      for (let at = 0; at < bytes.length; ) at += writeSync(this.fd, bytes, at, bytes.length - at);
      fsyncSync(this.fd);
    } catch (e) {
      throw badInput(`cannot append to ${this.path}: ${fsReason(e)}`);
    }
  }
}

export interface JournalContents {
  header: JournalHeader;
  records: PointRecord[];
  torn: boolean; // a last line cut short was dropped
}

export function readJournal(path: string): JournalContents {
  const text = readUserText(path, { what: 'a sweep journal written by meshsim sweep --out', maxBytes: JOURNAL_MAX_BYTES });
  const lines = text.split('\n');
  const last = lines.pop(); // '' when the file ends with a newline
  const torn = last !== undefined && last !== '';
  const parse = (line: string, n: number) => {
    try {
      return JSON.parse(line) as unknown;
    } catch {
      throw badInput(`${path}: line ${n} is not valid JSON: the journal is damaged (expected one JSON object per line)`);
    }
  };
  if (lines.length === 0) throw badInput(`${path}: no header line (expected a sweep journal written by meshsim sweep --out)`);
  const header = checkHeader(parse(lines[0], 1), path);
  const records = lines.slice(1).map((line, i) => checkRecord(parse(line, i + 2), `${path}: line ${i + 2}`, header.points));
  return { header, records, torn };
}

function checkHeader(v: unknown, path: string): JournalHeader {
  const c = new Checker(`${path}: line 1`);
  const o = c.object(v, '', ['meshsimSweep', 'sweep', 'kind', 'points', 'shard'], 'a sweep journal header');
  c.number(o.meshsimSweep, 'meshsimSweep', { int: true, min: JOURNAL_VERSION, max: JOURNAL_VERSION }, `journal version ${JOURNAL_VERSION}`);
  const points = c.count(o.points, 'points');
  let shard: Shard | null = null;
  if (o.shard !== null) {
    const so = c.object(o.shard, 'shard', ['index', 'count'], 'a shard {"index": I, "count": N} or null');
    const count = c.positiveInt(so.count, 'shard.count');
    shard = { index: c.count(so.index, 'shard.index', count - 1), count };
  }
  return { meshsimSweep: JOURNAL_VERSION, sweep: c.string(o.sweep, 'sweep', /^[0-9a-f]{16}$/, 'a sweep id'), kind: c.string(o.kind, 'kind'), points, shard };
}

function checkRecord(v: unknown, where: string, points: number): PointRecord {
  const c = new Checker(where);
  const o = c.object(v, '', ['index', 'point', 'result', 'failure'], 'a point record');
  const index = c.count(o.index, 'index', points - 1);
  const po = c.object(o.point, 'point', ['kind', 'params']);
  const point = { kind: c.string(po.kind, 'point.kind'), params: c.record(po.params, 'point.params', 'an object') };
  if ((o.result === undefined) === (o.failure === undefined)) c.fail('', 'expected exactly one of "result" and "failure"');
  if (o.failure !== undefined) {
    const f = c.object(o.failure, 'failure', ['kind', 'exitCode', 'message']);
    if (!FAILURES.includes(f.kind as never)) c.expect('failure.kind', `one of ${FAILURES.join(', ')}`, f.kind);
    return { index, point, failure: { kind: f.kind as FailureKind, exitCode: c.count(f.exitCode, 'failure.exitCode', 255), message: c.string(f.message, 'failure.message') } };
  }
  const r = c.record(o.result, 'result', 'an object');
  c.count(r.cycles, 'result.cycles');
  c.string(r.bottleneck, 'result.bottleneck');
  return { index, point, result: r as PointResult };
}
