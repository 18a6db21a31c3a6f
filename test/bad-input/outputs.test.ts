// Output paths that cannot be written: one line naming the path and why, exit 3, no hang (mkdir
// under /proc once looped), and the previous outputs in a directory left exactly as they were.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { meshsim } from '../support/cli.ts';
import { tools } from '../support/tools.ts';
import { EXAMPLE_SPEC, Fixtures } from './fixtures.ts';
import { badInputs, scratch, type BadInputCase } from './harness.ts';

const f = new Fixtures(scratch('outputs'));
const small = ['--m', '64', '--k', '64', '--n', '64', '--grid', '2x2', '--mode', 'timing'];
const aFile = f.file('a-file', 'not a directory');
const longName = f.path('x'.repeat(300));

// A run directory from an earlier run, which a failing run must leave as it was.
const earlier = f.path('earlier');
if (meshsim(['matmul', ...small, '--out', earlier]).code !== 0) throw new Error('the earlier run failed');
const snapshot = () => Object.fromEntries(readdirSync(earlier).map((name) => [name, readFileSync(join(earlier, name), 'utf8')]));
const before = snapshot();
const unchanged = () => expect(snapshot()).toEqual(before);

type Writer = [name: string, args: (out: string) => string[]];
const writers: Writer[] = [
  ['matmul --out', (out) => ['matmul', ...small, '--out', out]],
  ['program --out', (out) => ['program', EXAMPLE_SPEC, '--out', out]],
  ['sweep --out', (out) => ['sweep', ...small.slice(0, 8), '--strategy', 'dp', '--out', out]],
  ['report -o', (out) => ['report', earlier, '-o', join(out, 'report.html')]],
];
// kernels build looks for gcc first (exit 7 without it).
if (tools.gcc) writers.push(['kernels build --out', (out) => ['kernels', 'build', '--out', out]]);
else console.warn('skipping the bad-input cases of kernels build --out: they need riscv64-unknown-elf-gcc, which is not installed (.ci/run installs it)');
const places: [name: string, out: string, message: RegExp][] = [
  ['under /proc', '/proc/meshsim-out', /cannot create the directory \/proc\/meshsim-out: \/proc does not accept new directories/],
  ['a regular file', aFile, /cannot write into .*a-file.*: .*a-file is not a directory/],
  ['under a regular file', join(aFile, 'sub'), /cannot write into .*a-file\/sub.*: .*a-file is not a directory/],
  ['/dev/null', '/dev/null', /cannot write into \/dev\/null.*: \/dev\/null is not a directory/],
  ['a name too long for the file system', longName, /cannot (create the directory|write) .*x{300}.*: the name is too long/],
];

const cases: BadInputCase[] = writers.flatMap(([writer, args]) =>
  places.map(([place, out, message]): BadInputCase => ({ name: `${writer} ${place}`, args: args(out), code: 3, message, lastLine: true, maxMs: 60_000 })),
);
cases.push(
  { name: 'report -o onto a directory', args: ['report', earlier, '-o', f.folder('a-dir')], code: 3, message: /cannot write .*a-dir: is a directory/, then: unchanged },
  { name: 'a program dump into an earlier run fails late: nothing is replaced', args: ['program', f.spec('late.json', (s) => (s.kernels[2].args = ['buffer:c', 2048, 0, 8, 17])), '--out', earlier], code: 4, message: /cb_wait_front\(cb 17\): no circular buffer 17 is configured/, lastLine: true, then: unchanged },
  { name: 'a matmul into an earlier run refused before it runs: nothing is replaced', args: ['matmul', ...small.slice(0, 6), '--grid', '20x20', '--out', earlier], code: 3, message: /^--grid: 20x20 does not fit/, then: unchanged },
);

badInputs('output paths that cannot be written', cases);
