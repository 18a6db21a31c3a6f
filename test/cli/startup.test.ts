// The command line declares every command without loading the simulator: --version, --help and a
// malformed option load only the declarations (bin/commands/*.ts), and a command's implementation
// (bin/commands/*-action.ts) loads when it runs. A loader hook logs every file the process loads;
// a file of the bundled CLI (dist/cli/) counts as the sources the build's manifest says it holds.
// And the bundle runs only while it is what the sources say.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExitCode } from '../../sim/errors.ts';
import { repoRoot } from '../support/cli.ts';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-startup-'));
const hooks = join(tmp, 'hooks.mjs');
writeFileSync(hooks, `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.MESHSIM_LOAD_LOG, url + '\\n');
  return next(url, context);
}
`);
const register = join(tmp, 'register.mjs');
writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);

let runs = 0;
// The files of the package at root that the command loaded (paths like dist/cli/cli.js or
// bin/cli.ts), and the modules they hold, as paths like sim/host/device.
function loaded(args: string[], env: Record<string, string> = {}, root = repoRoot) {
  const log = join(tmp, `load-${runs++}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', register, `${root}bin/meshsim.mjs`, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env, MESHSIM_LOAD_LOG: log } });
  const files = readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith(pathToFileURL(root).href)).map((u) => u.slice(pathToFileURL(root).href.length));
  const outputs = (JSON.parse(readFileSync(`${root}dist/cli/sources.json`, 'utf8')) as { outputs: Record<string, string[]> }).outputs;
  const modules = files.flatMap((f) => (f.startsWith('dist/cli/') ? outputs[f.slice('dist/cli/'.length)] : [f])).map((m) => m.replace(/\.(ts|js|mjs)$/, ''));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, files, modules };
}

// What a command that runs the simulator loads, and the start-up must not.
const heavy = /^(sim\/(host\/device|riscv\/(wasm|hart)|ops\/registry|ops\/matmul\/run|models\/layer\/run|sweep\/session|toolchain\/)|visualizer\/|bin\/commands\/.*-action)/;

describe('start-up', () => {
  it('--version loads no simulator', () => {
    const r = loaded(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(r.modules.filter((m) => heavy.test(m))).toEqual([]);
    expect(r.modules.length).toBeLessThan(60); // 250 before the commands loaded lazily
    expect(r.files[1]).toBe('dist/cli/cli.js');
    expect(r.files.length).toBeLessThan(12); // the bundle: 34 files (and commander's 9) before
  });

  it('from the sources (MESHSIM_FROM_SOURCES=1), --version and --help load no simulator either', () => {
    for (const args of [['--version'], ['matmul', '--help']]) {
      const r = loaded(args, { MESHSIM_FROM_SOURCES: '1' });
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.modules).toContain('bin/cli');
      expect(r.modules.filter((m) => heavy.test(m)), args.join(' ')).toEqual([]);
    }
  });

  it('--help of every command, and a malformed option, load no simulator', () => {
    for (const args of [['--help'], ['matmul', '--help'], ['run', '--help'], ['sweep', 'run', '--help']]) {
      const r = loaded(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/Usage: meshsim/);
      expect(r.modules.filter((m) => heavy.test(m)), args.join(' ')).toEqual([]);
    }
    const bad = loaded(['matmul', '--m', 'many']);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toMatch(/--m <rows>' argument 'many' is invalid: expected a whole number/);
    expect(bad.modules.filter((m) => heavy.test(m))).toEqual([]);
  });

  it('a command loads its implementation when it runs', () => {
    const r = loaded(['arch', 'list']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/wormhole_n150/);
    expect(r.modules).toContain('bin/commands/arch-action');
    expect(r.modules).not.toContain('bin/commands/matmul-action');
  });

  it('an edited source that the bundle was built from makes the next run use the sources; a new file alone does not', () => {
    // A copy of the package with the files' times kept, so the checkout's own files stay untouched.
    const root = `${mkdtempSync(join(tmp, 'package-'))}/`;
    for (const d of ['bin', 'sim', 'visualizer', 'dist', 'build', 'package.json', 'tsconfig.json']) cpSync(join(repoRoot, d), join(root, d), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
    expect(loaded(['--version'], {}, root).files).toContain('dist/cli/cli.js');
    writeFileSync(join(root, 'sim/unused-new-file.ts'), 'export const unused = 1;\n');
    expect(loaded(['--version'], {}, root).files).toContain('dist/cli/cli.js');
    // A module --version never loads: what counts is every source the bundle holds.
    appendFileSync(join(root, 'sim/host/device.ts'), '// edited\n');
    const edited = loaded(['--version'], {}, root);
    expect(edited.code).toBe(0);
    expect(edited.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(edited.files).toContain('bin/cli.ts');
    expect(edited.files.filter((f) => f.startsWith('dist/'))).toEqual([]);
  });
});
