import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../sim/errors.ts';
import { meshsim, repoRoot } from '../support/cli.ts';
import { schemaErrors } from '../support/schema.ts';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-json-'));
const small = ['--m', '64', '--k', '64', '--n', '64', '--grid', '2x2'];
const spec = `${repoRoot}kernels/specs/eltwise_add.json`;

function json(args: string[], env: Record<string, string> = {}) {
  const r = meshsim(args, 60_000, env);
  let doc: Record<string, unknown> | undefined;
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    doc = undefined;
  }
  return { ...r, doc };
}

describe('--json', () => {
  it('matmul: one stats v1 object on stdout, valid against the shipped schema, equal to stats.json; the summary on stderr', () => {
    const out = join(tmp, 'mm');
    const r = json(['matmul', ...small, '--json', '--out', out, '--stats-only']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.doc).toBeDefined();
    expect(schemaErrors(r.doc)).toEqual([]);
    expect(r.stderr).toMatch(/matmul 64×64×64 bf16 HiFi4 on wormhole_n150 2×2/);
    const d = r.doc as any;
    expect(d.schema).toEqual({ name: 'meshsim-stats', version: 1 });
    expect(d.command.slice(0, 2)).toEqual(['meshsim', 'matmul']);
    expect(d.options.out).not.toMatch(/^\//); // relative to the working directory
    expect(d.run.harts[0]).toEqual({ core: { x: 0, y: 0 }, noc: { x: 1, y: 1 }, processor: expect.any(String), kernel: expect.stringMatching(/\.elf$/), instructions: expect.any(Number), endCycle: expect.any(Number) });
    expect(String(d.summary.microseconds).replace(/^0\.0*|\./g, '').length).toBeLessThanOrEqual(6);
    expect(d.ops).toEqual([{ name: 'matmul', strategy: '2d-mcast', startCycle: 0, endCycle: d.summary.cycles }]);
    expect(JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'))).toEqual(d);
  });

  it('--stats-only writes no trace; --out alone writes both, and the trace says its schema', () => {
    const out = join(tmp, 'both');
    expect(meshsim(['matmul', ...small, '--out', out]).code).toBe(0);
    const trace = JSON.parse(readFileSync(join(out, 'trace.json'), 'utf8'));
    expect(trace.otherData.schema).toEqual({ name: 'meshsim-trace', version: 1 });
    expect(() => readFileSync(join(tmp, 'mm', 'trace.json'))).toThrow();
  });

  it('program, sweep, arch list, exec and report print schema-valid JSON', () => {
    const program = json(['program', spec, '--json']);
    expect(program.code, program.stderr).toBe(0);
    expect(schemaErrors(program.doc)).toEqual([]);
    expect((program.doc as any).kind).toBe('program');
    const sweep = json(['sweep', '--m', '64', '--k', '64', '--n', '64', '--grid', '2x2', '--strategy', 'dp,2d-mcast', '--json']);
    expect(sweep.code, sweep.stderr).toBe(0);
    expect(schemaErrors(sweep.doc)).toEqual([]);
    expect((sweep.doc as any).results).toHaveLength(2);
    const list = json(['arch', 'list', '--json']);
    expect(schemaErrors(list.doc)).toEqual([]);
    expect((list.doc as any).presets.map((p: { name: string }) => p.name)).toContain('blackhole_p150');
    const exec = json(['exec', `${repoRoot}kernels/build/programs/hello.elf`, '--json']);
    expect(exec.code).toBe(0);
    expect(schemaErrors(exec.doc)).toEqual([]);
    expect(exec.stderr).toContain('hello from a baby RISC-V core'); // the program's own output moves to stderr
    const out = join(tmp, 'rep');
    expect(meshsim(['matmul', ...small, '--out', out]).code).toBe(0);
    const report = json(['report', out, '--json']);
    expect(report.code, report.stderr).toBe(0);
    expect(schemaErrors(report.doc)).toEqual([]);
    expect((report.doc as any).bytes).toBe(readFileSync(join(out, 'report.html')).length);
  });

  it('a run past --max-cycles: exit 5, one line naming a few harts and how many more; --json lists every hart', () => {
    const r = json(['matmul', ...small, '--max-cycles', '300', '--json']);
    expect(r.code).toBe(ExitCode.limit);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^meshsim: run passed the cycle limit of 300 cycles \(at cycle \d+; --max-cycles sets it\); 12 harts still running: core \(0,0\) \[noc 1,1\] \w+, .* and 8 more$/);
    expect(schemaErrors(r.doc)).toEqual([]);
    const e = (r.doc as any).error;
    expect(e).toMatchObject({ exitCode: ExitCode.limit, reason: 'cycle-limit', maxCycles: 300 });
    expect(e.harts).toHaveLength(12);
    expect(e.harts[0]).toEqual({ core: { x: 0, y: 0 }, noc: { x: 1, y: 1 }, processor: expect.any(String), pc: expect.stringMatching(/^0x/), state: expect.any(String) });
  });

  it('bad --max-cycles and --trace-max-spans exit 2; an unwritable export path is one line, exit 3, before the run', () => {
    for (const bad of [['--max-cycles', '0'], ['--max-cycles', '1.5'], ['--max-cycles', 'lots'], ['--trace-max-spans', '-3']]) {
      const r = meshsim(['matmul', ...small, ...bad]);
      expect(r.code, bad.join(' ')).toBe(ExitCode.usage);
      expect(r.stderr).toMatch(/expected a whole number/);
    }
    const r = meshsim(['matmul', ...small, '--export-noc-trace', join(tmp, 'no', 'such', 'dir', 'noc.json')]);
    expect(r.code).toBe(ExitCode.badInput);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^meshsim: --export-noc-trace .*noc\.json: cannot write there \(folder .* does not exist\)/)]);
    expect(r.stdout).toBe('');
  });
});

describe('exports', () => {
  it('--export-noc-trace writes tt-metal NoC trace events, sorted by source, processor and time', () => {
    const file = join(tmp, 'noc.json');
    expect(meshsim(['matmul', ...small, '--mode', 'timing', '--export-noc-trace', file]).code).toBe(0);
    const events = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>[];
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) {
      expect(['BRISC', 'NCRISC']).toContain(e.proc);
      expect(['NOC_0', 'NOC_1']).toContain(e.noc);
      expect(['READ', 'WRITE', 'WRITE_MULTICAST', 'SEMAPHORE_INC']).toContain(e.type);
      expect(typeof e.num_bytes).toBe('number');
      if (e.type === 'WRITE_MULTICAST') expect(e).toHaveProperty('mcast_end_y');
      else expect(e).toHaveProperty('dx');
    }
    const key = (e: Record<string, any>) => [e.sx, e.sy, e.proc];
    for (let i = 1; i < events.length; i++) {
      const [a, b] = [key(events[i - 1]), key(events[i])];
      const order = a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
      expect(order).toBeLessThanOrEqual(0);
      if (order === 0) expect(events[i].timestamp).toBeGreaterThanOrEqual(events[i - 1].timestamp);
    }
    expect(events.some((e) => e.type === 'WRITE_MULTICAST')).toBe(true);
  });

  it('--export-ops-csv writes one row per op in the ops perf report columns', () => {
    const file = join(tmp, 'ops.csv');
    const r = json(['matmul', ...small, '--export-ops-csv', file, '--json']);
    const [header, row, ...rest] = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(rest).toEqual([]);
    const cols = header.split(',');
    for (const c of ['OP CODE', 'CORE COUNT', 'DEVICE KERNEL DURATION [ns]', 'DRAM BW UTIL (%)', 'NOC UTIL (%)', 'BOUND']) expect(cols).toContain(c);
    const cells = Object.fromEntries(row.split(',').map((v, i) => [cols[i], v]));
    expect(cells['OP CODE']).toBe('matmul');
    expect(Number(cells['CORE COUNT'])).toBe(4);
    expect(Number(cells['DEVICE KERNEL DURATION [ns]'])).toBe((r.doc as any).summary.cycles); // 1 GHz
    expect(cells.BOUND).toBe((r.doc as any).summary.bound);
  });
});

describe('the terminal', () => {
  it('a closed pipe ends quietly with exit 0', () => {
    const r = spawnSync('bash', ['-c', `node bin/meshsim.mjs disasm kernels/build/programs/bench.elf | head -1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('exit=0');
    expect(r.stderr).toBe('');
    const e = spawnSync('bash', ['-c', `node bin/meshsim.mjs exec kernels/build/programs/hello.elf --trace 2>&1 | head -2 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { cwd: repoRoot, encoding: 'utf8' });
    expect(e.stdout.trim()).toBe('exit=0');
  });

  it('shows a progress line on a terminal only, and none under --quiet', () => {
    const run = (extra: string) => spawnSync('script', ['-qec', `node bin/meshsim.mjs matmul --m 256 --k 256 --n 256 --mode timing ${extra}`, '/dev/null'], {
      cwd: repoRoot, encoding: 'utf8', env: { ...process.env, MESHSIM_PROGRESS_AFTER_MS: '0' },
    });
    const tty = run('');
    expect(tty.stdout).toMatch(/simulating: [\d.]+ [kMG]?\s?cycles, [\d.]+ s/);
    expect(run('--quiet').stdout).not.toMatch(/simulating:/);
    expect(meshsim(['matmul', '--m', '256', '--k', '256', '--n', '256', '--mode', 'timing'], 60_000, { MESHSIM_PROGRESS_AFTER_MS: '0' }).stderr).not.toMatch(/simulating:/);
  });

  it('colours the bottleneck on a colour terminal, not under NO_COLOR or in a pipe', () => {
    expect(meshsim(['matmul', ...small], 60_000, { FORCE_COLOR: '1' }).stdout).toMatch(/bottleneck {2}\x1b\[/);
    expect(meshsim(['matmul', ...small]).stdout).not.toMatch(/\x1b\[/);
  });

  it('every command\'s --help ends with examples', () => {
    for (const cmd of [['matmul'], ['program'], ['sweep'], ['report'], ['exec'], ['disasm'], ['arch', 'list'], ['arch', 'show'], ['kernels', 'build']]) {
      const r = meshsim([...cmd, '--help']);
      expect(r.code).toBe(0);
      const examples = r.stdout.split('Examples:\n')[1] ?? '';
      expect(examples.trimEnd().split('\n').filter((l) => l.startsWith('  $ meshsim') || l.startsWith('  $ npm')).length, cmd.join(' ')).toBeGreaterThanOrEqual(2);
    }
  });

  it('the compiled CLI (dist/) prints exactly what the sources print', () => {
    const args = ['matmul', ...small, '--mode', 'timing', '--json'];
    const compiled = meshsim(args);
    const sources = meshsim(args, 60_000, { MESHSIM_FROM_SOURCES: '1' });
    expect(compiled.code).toBe(0);
    expect(sources.stdout).toBe(compiled.stdout);
    expect(sources.stderr).toBe(compiled.stderr);
  });
});

// A file that is not a stats.json (another schema, or none) is refused with the version expected.
describe('report input versions', () => {
  it('names the schema version it expected', () => {
    const out = join(tmp, 'v2');
    expect(meshsim(['matmul', ...small, '--out', out]).code).toBe(0);
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    writeFileSync(join(out, 'stats.json'), JSON.stringify({ ...stats, schema: { name: 'meshsim-stats', version: 2 } }));
    const r = meshsim(['report', out]);
    expect(r.code).toBe(ExitCode.badInput);
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/stats\.json: schema: expected schema meshsim-stats version 1 .*, got "meshsim-stats" version 2/)]);
  });
});
