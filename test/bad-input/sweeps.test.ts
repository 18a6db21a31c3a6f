// Bad sweeps: resuming what is not there or is another sweep, merging what does not belong
// together, damaged journals, points that all fail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meshsim } from '../support/cli.ts';
import { Fixtures } from './fixtures.ts';
import { badInputs, scratch, type BadInputCase } from './harness.ts';

const f = new Fixtures(scratch('sweeps'));
const options = ['--m', '64,128', '--k', '64', '--n', '64', '--strategy', 'dp,2d-mcast', '--grid', '2x2'];
const done = f.path('done');
const made = meshsim(['sweep', ...options, '--out', done]);
if (made.code !== 0) throw new Error(`the sweep the cases edit failed: ${made.stderr}`);
const [headerLine, ...recordLines] = readFileSync(join(done, 'sweep.jsonl'), 'utf8').trim().split('\n');
const header = JSON.parse(headerLine);
const records = recordLines.map((l) => JSON.parse(l) as { index: number });

// A sweep directory holding a journal (finished, or `partial`) made of these lines.
function journal(name: string, lines: unknown[], partial = false): string {
  f.file(`${name}/${partial ? 'sweep.partial.jsonl' : 'sweep.jsonl'}`, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return f.path(name);
}
const shard = (name: string, index: number, count: number, edit: Record<string, unknown> = {}) =>
  journal(name, [{ ...header, shard: { index, count }, ...edit }, ...records.filter((r) => r.index % count === index)]);

const shard0 = shard('shard0', 0, 2);
const other = shard('other', 1, 2, { sweep: '0123456789abcdef' });
const wrongCount = shard('count3', 1, 3);
const partial = journal('partial', [header, records[0]], true);

const resume = (name: string, dir: string, message: RegExp, extra: string[] = []): BadInputCase => ({ name, args: ['sweep', ...options, ...extra, '--resume', dir], code: 3, message });
const merge = (name: string, dirs: string[], code: number, message: RegExp): BadInputCase => ({ name, args: ['sweep', 'merge', ...dirs], code, message, lastLine: true });

const cases: BadInputCase[] = [
  resume('--resume into a path under a file', f.file('a-file', 'x') + '/sub', /^cannot write into .*a-file\/sub: .*a-file is not a directory/),
  resume('--resume with other options than the sweep had', done, /done\/sweep\.jsonl: a different sweep \(4 matmul points, id [0-9a-f]{16}\) than this command line defines \(4 matmul points, id [0-9a-f]{16}\); expected the same options it was started with/, ['--n', '96']),
  resume('--resume a shard as the whole sweep', shard0, /shard0\/sweep\.jsonl: holds shard 0\/2 of this sweep, not the whole sweep; expected the same --shard it was started with/),
  resume('--resume with another --shard', shard0, /shard0\/sweep\.jsonl: holds shard 0\/2 of this sweep, not shard 1\/2/, ['--shard', '1/2']),
  resume('--resume a journal with a damaged line', journal('damaged', [header, '{"index": 0, "point"', records[1], records[2]]), /damaged\/sweep\.jsonl: line 2 is not valid JSON: the journal is damaged/),
  resume('--resume a journal of another version', journal('version', [{ ...header, meshsimSweep: 2 }, ...records]), /version\/sweep\.jsonl: line 1: meshsimSweep: expected journal version 1, got 2/),
  resume('--resume a journal with no header', journal('noheader', ['']), /noheader\/sweep\.jsonl: line 1 is not valid JSON/),
  resume('--resume a journal whose record is of another point', journal('swapped', [header, { ...records[0], index: 1 }]), /swapped\/sweep\.jsonl: the record of point 1 does not match this sweep's point 1: the journal is damaged/),
  resume('--resume a journal with a record past the sweep', journal('past', [header, { ...records[0], index: 9 }]), /past\/sweep\.jsonl: line 2: index: expected an integer from 0 to 3, got 9/),
  resume('--resume a journal record with neither result nor failure', journal('neither', [header, { index: 0, point: (records[0] as any).point }]), /neither\/sweep\.jsonl: line 2: expected exactly one of "result" and "failure"/),
  { name: '--out over an unfinished sweep', args: ['sweep', ...options, '--out', partial], code: 3, message: /partial\/sweep\.partial\.jsonl: an unfinished sweep is there; continue it with --resume .*partial, or remove the file to start this one/ },
  { name: 'a sweep whose every point fails', args: ['sweep', '--m', '6400', '--k', '32', '--n', '6400', '--strategy', 'reuse', '--grid', '1x1'], code: 8, lastLine: true, message: /^1 of 1 sweep points failed: point 0 \(reuse 1x1 6400×32×6400 bf16 HiFi4\): matmul reuse: a 200×200-tile block of C per core needs/ },
  { name: 'a sweep --arch that is a directory', args: ['sweep', '--arch', f.folder('arch.json')], code: 3, message: /arch\.json: is a directory \(expected an architecture preset/ },
  { name: 'a sweep --arch that is not a preset', args: ['sweep', '--arch', f.file('notpreset.json', '{"name": 5}')], code: 3, message: /notpreset\.json: name: expected a name of letters/ },
  merge('merge a directory that does not exist', [f.path('none2')], 3, /none2: no sweep\.jsonl; expected the --out directory of a finished meshsim sweep --shard/),
  merge('merge an unfinished shard', [partial], 3, /partial: an unfinished sweep \(sweep\.partial\.jsonl\); expected a finished shard \(finish it with --resume .*partial\)/),
  merge('merge shards of different sweeps', [shard0, other], 3, /other\/sweep\.jsonl: from a different sweep \(id 0123456789abcdef, 4 matmul points\) than .*shard0\/sweep\.jsonl/),
  merge('merge a shard twice', [shard0, shard0], 3, /shard0\/sweep\.jsonl: shard 0\/2 overlaps shard 0\/2 in .*shard0\/sweep\.jsonl; expected distinct shards i\/N of one N/),
  merge('merge a whole sweep with one of its shards', [done, shard0], 3, /shard0\/sweep\.jsonl: shard 0\/2 overlaps the whole sweep in .*done\/sweep\.jsonl/),
  merge('merge shards of different counts', [shard0, wrongCount], 3, /count3\/sweep\.jsonl: shard 1\/3 overlaps shard 0\/2/),
  merge('merge a damaged journal', [shard0, journal('damaged2', [{ ...header, shard: { index: 1, count: 2 } }, 'garbage', records[1]])], 3, /damaged2\/sweep\.jsonl: line 2 is not valid JSON/),
  merge('merge with a shard missing', [shard0], 8, /^2 of 4 points missing$/),
];

badInputs('bad sweeps, resumes and merges', cases);
