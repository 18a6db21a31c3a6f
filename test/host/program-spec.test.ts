import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tilize, untilize } from '../../sim/compute/formats.ts';
import { ExitCode } from '../../sim/errors.ts';
import { meshsim, repoRoot } from '../support/cli.ts';
import { missing } from '../support/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'meshsim-program-'));
const spec = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};

describe('meshsim program', () => {
  it('runs the committed example and prints the debug lines of its kernels, tagged', () => {
    const r = meshsim(['program', `${repoRoot}kernels/specs/eltwise_add.json`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ {2}core \(0,0\) \[noc 1,1\] trisc +\d+ instructions, done at cycle \d+$/m);
    expect(r.stderr).toMatch(/^\[core \(1,1\) \[noc 2,2\] brisc\] hello from a Tensix core$/m);
  });

  it('computes with buffers read from files, resolves references, and dumps results', () => {
    const a = Float32Array.from({ length: 64 * 32 }, (_, i) => (i % 13) / 4);
    const b = Float32Array.from({ length: 64 * 32 }, (_, i) => (i % 7) - 3);
    writeFileSync(join(dir, 'a.bin'), tilize(a, 64, 32, 'bf16'));
    writeFileSync(join(dir, 'b.bin'), tilize(b, 64, 32, 'bf16'));
    const base = JSON.parse(readFileSync(`${repoRoot}kernels/specs/eltwise_add.json`, 'utf8'));
    base.buffers.a.init = { file: 'a.bin' };
    base.buffers.b.init = { file: 'b.bin' };
    base.buffers = { a: { ...base.buffers.a, bytes: 4096 }, b: { ...base.buffers.b, bytes: 4096 }, c: { ...base.buffers.c, bytes: 4096 } };
    base.kernels[0].args = [2, 0, 'buffer:a', 2048, 2, 1, 'buffer:b', 2048, 2];
    base.kernels[1].args = [0, 0, 2];
    base.kernels[2].args = ['buffer:c', 2048, 0, 2, 16];
    const out = join(dir, 'out');
    const r = meshsim(['program', spec('add.json', base), '--out', out]);
    expect(r.code).toBe(0);
    const c = untilize(readFileSync(join(out, 'c.bin')), 64, 32, 'bf16');
    c.forEach((v, i) => expect(v).toBe(a[i] + b[i])); // small sums, exact in bf16
    expect(JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8')).run.harts).toHaveLength(4);
    // The report reads a program run as well as a matmul run.
    const report = meshsim(['report', out]);
    expect(report.code).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<title>meshsim report: program .*add\.json on wormhole_n150<\/title>/);
  });

  it('resolves every path in a spec (arch, init files) from the spec\'s folder, not the working directory', () => {
    const folder = join(dir, 'elsewhere');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'mine.json'), meshsim(['arch', 'show', 'teach_2x2', '--json']).stdout);
    writeFileSync(join(folder, 'ones.bin'), new Uint8Array(64).fill(1));
    const path = join(folder, 'relative.json');
    writeFileSync(path, JSON.stringify({
      arch: 'mine.json',
      buffers: { a: { bytes: 64, pageBytes: 64, init: { file: 'ones.bin' } } },
      kernels: [{ kernel: 'dataflow/hello_core', processor: 'brisc', cores: '0,0' }],
    }));
    const r = meshsim(['program', path]); // run from the repository root
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^program .*relative\.json on teach_2x2 2×2, functional mode$/m);
  });

  it.skipIf(missing('gcc', 'compiling a kernel from C source'))('compiles a kernel from C source for its processor', () => {
    writeFileSync(join(dir, 'mine.c'), '#include "dataflow_api.h"\nvoid kernel_main(void) { dprint_u32("arg", get_arg_val(0)); dprint_u32("sem", get_arg_val(1)); }\n');
    const r = meshsim(['program', spec('mine.json', {
      grid: '2x2',
      semaphores: [{ cores: '0,0-1,1', initial: 0 }, { cores: '0,0-1,1', initial: 5 }],
      kernels: [{ source: 'mine.c', processor: 'ncrisc', cores: '0,0-0,1', args: ['noc_x:1,1', 'semaphore:1'] }],
    })]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\[core \(0,1\) \[noc 1,2\] ncrisc\] arg 2$/m);
    expect(r.stderr).toMatch(/^\[core \(0,0\) \[noc 1,1\] ncrisc\] sem 65552$/m);
  });

  const bad: [string, unknown, RegExp][] = [
    ['unknown field', { kernels: [], colour: 1 }, /colour: unknown field/],
    ['no kernels', { kernels: [] }, /kernels: expected a non-empty array/],
    ['bad cores', { kernels: [{ kernel: 'dataflow/hello_core', processor: 'brisc', cores: 'everywhere' }] }, /kernels\[0\]\.cores: expected cores as "C,R" or "C0,R0-C1,R1"/],
    ['source and kernel', { kernels: [{ kernel: 'x', source: 'y.c', processor: 'brisc', cores: '0,0' }] }, /kernels\[0\]: expected exactly one of "source"/],
    ['unknown buffer', { kernels: [{ kernel: 'dataflow/hello_core', processor: 'brisc', cores: '0,0', args: ['buffer:nope'] }] }, /kernels\[0\]\.args\[0\]: no buffer "nope"/],
    ['dump of no buffer', { kernels: [{ kernel: 'dataflow/hello_core', processor: 'brisc', cores: '0,0' }], dump: ['c'] }, /dump\[0\]: "c" is not a buffer/],
    ['bad reference', { kernels: [{ kernel: 'dataflow/hello_core', processor: 'brisc', cores: '0,0', args: ['address of a'] }] }, /args\[0\]: expected a number or a reference/],
  ];
  for (const [name, value, message] of bad) {
    it(`a bad spec (${name}) is one line with exit 3`, () => {
      const r = meshsim(['program', spec(`${name.replace(/ /g, '_')}.json`, value)]);
      expect(r.code).toBe(ExitCode.badInput);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    });
  }
});
