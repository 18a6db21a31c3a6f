// Bad run directories given to meshsim report: missing or unreadable files, files of another
// run, values no run has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meshsim } from '../support/cli.ts';
import { Fixtures } from './fixtures.ts';
import { badInputs, scratch, type BadInputCase } from './harness.ts';

const f = new Fixtures(scratch('report'));
const good = f.path('run');
const made = meshsim(['matmul', '--m', '64', '--k', '64', '--n', '64', '--grid', '2x2', '--mode', 'timing', '--out', good]);
if (made.code !== 0) throw new Error(`the run the report cases edit failed: ${made.stderr}`);
const stats = JSON.parse(readFileSync(join(good, 'stats.json'), 'utf8'));
const trace = JSON.parse(readFileSync(join(good, 'trace.json'), 'utf8'));

// A run directory with stats.json and trace.json, either edited or replaced by raw text or a link.
type Part = ((v: any) => void) | string | { link: string } | { sparse: number } | null;
function run(name: string, parts: { stats?: Part; trace?: Part }): string {
  const dir = f.folder(name);
  for (const [file, base, part] of [['stats.json', stats, parts.stats], ['trace.json', trace, parts.trace]] as const) {
    if (part === null) continue;
    if (typeof part === 'string') f.file(`${name}/${file}`, part);
    else if (part && 'link' in part) f.link(`${name}/${file}`, part.link);
    else if (part && 'sparse' in part) f.sparse(`${name}/${file}`, part.sparse, '{');
    else {
      const copy = structuredClone(base);
      part?.(copy);
      f.file(`${name}/${file}`, JSON.stringify(copy));
    }
  }
  return dir;
}

const reports: [string, string, RegExp][] = [
  ['a directory that does not exist', f.path('nope'), /nope: no such directory, expected a run directory written by meshsim matmul or meshsim program --out/],
  ['a file instead of a directory', join(good, 'stats.json'), /stats\.json: not a directory, expected a run directory/],
  ['an empty directory', f.folder('empty'), /^cannot read .*empty\/stats\.json: no such file or directory \(expected the run statistics, as meshsim matmul or meshsim program --out .* writes it\)/],
  ['no trace.json', run('no-trace', { trace: null }), /no-trace\/trace\.json: no such file or directory \(expected Chrome trace events/],
  ['stats.json is a directory', (f.folder('stats-dir/stats.json'), run('stats-dir', { stats: null })), /stats-dir\/stats\.json: is a directory/],
  ['stats.json linked to /dev/zero', run('stats-zero', { stats: { link: '/dev/zero' } }), /stats-zero\/stats\.json: is a character device, not a regular file/],
  ['stats.json over the size limit', run('stats-huge', { stats: { sparse: 100 << 20 } }), /stats-huge\/stats\.json: 100 MiB, more than the limit of 64 MiB/],
  ['trace.json over the size limit', run('trace-huge', { trace: { sparse: 300 << 20 } }), /trace-huge\/trace\.json: 300 MiB, more than the limit of 256 MiB/],
  ['stats.json not JSON', run('stats-text', { stats: 'cycles: 5' }), /stats-text\/stats\.json: not valid JSON/],
  ['trace.json cut short', run('trace-cut', { trace: JSON.stringify(trace).slice(0, 500) }), /trace-cut\/trace\.json: not valid JSON/],
  ['stats.json an array', run('stats-array', { stats: '[1, 2]' }), /stats-array\/stats\.json: \(top level\): expected an object, got an array of 2/],
  ['no run id in stats.json', run('no-id', { stats: (s) => delete s.runId }), /no-id\/stats\.json: runId: expected a string, got nothing/],
  ['no run id in trace.json', run('no-trace-id', { trace: (t) => delete t.otherData.runId }), /no-trace-id\/trace\.json: otherData\.runId: expected a string, got nothing/],
  ['stats and trace of different runs', run('mixed', { trace: (t) => (t.otherData.runId = '0123456789abcdef') }), /mixed\/trace\.json: otherData\.runId: expected the run id of .*mixed\/stats\.json \([0-9a-f]{16}\): the two files come from different runs, got "0123456789abcdef"/],
  ['absurd cycle counts', run('absurd', { stats: (s) => Object.assign(s.run, { cycles: 1e15, endCycle: 1e15 }) }), /absurd\/stats\.json: run\.cycles: expected the run's cycles as summary\.cycles gives them \(\d+\), got 1000000000000000/],
  ['a hart that ends after the run', run('late-hart', { stats: (s) => (s.run.harts[2].endCycle = s.run.endCycle + 1) }), /late-hart\/stats\.json: run\.harts\[2\]\.endCycle: expected a cycle within the run, at most run\.endCycle \(\d+\), got \d+/],
  ['cycles past what a double holds', run('unsafe', { stats: (s) => Object.assign(s.run, { cycles: 2 ** 60, endCycle: 2 ** 60 }) }), /unsafe\/stats\.json: run\.cycles: expected a whole number of cycles/],
  ['fractional cycles', run('fraction', { stats: (s) => (s.run.cycles = 12.5) }), /fraction\/stats\.json: run\.cycles: expected a whole number of cycles, got 12\.5/],
  ['an end cycle that does not add up', run('inconsistent', { stats: (s) => (s.run.endCycle += 7) }), /inconsistent\/stats\.json: run\.endCycle: expected run\.startCycle \+ run\.cycles/],
  ['a broken preset inside stats.json', run('bad-arch', { stats: (s) => (s.arch.noc.hopCycles = 'x') }), /bad-arch\/stats\.json: arch: noc\.hopCycles: expected a positive integer, got "x"/],
  ['a grid that does not fit the preset', run('bad-grid', { stats: (s) => (s.grid = { rows: 30, cols: 30 }) }), /bad-grid\/stats\.json: grid: expected at most 9x8 .* on wormhole_n150, got 30x30/],
  ['a link counter that is not a number', run('bad-link', { stats: (s) => (s.run.links[0][3].bytes = 'many') }), /bad-link\/stats\.json: run\.links\[0\]\[3\]\.bytes: expected a number ≥ 0, got "many"/],
  ['no workload section', run('no-workload', { stats: (s) => delete s.matmul }), /no-workload\/stats\.json: matmul: expected an object, got nothing/],
  ['a trace without events', run('no-events', { trace: (t) => delete t.traceEvents }), /no-events\/trace\.json: traceEvents: expected an array, got nothing/],
  ['a span with a text duration', run('bad-span', { trace: (t) => (t.traceEvents.find((e: { ph: string }) => e.ph === 'X').dur = '1us') }), /bad-span\/trace\.json: traceEvents\[\d+\]\.dur: expected a number ≥ 0, got "1us"/],
];

const cases: BadInputCase[] = reports.map(([name, dir, message]) => ({ name, args: ['report', dir], code: 3, message }));
badInputs('bad run directories for meshsim report', cases);
