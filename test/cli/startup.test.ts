// The command line declares every command without loading the simulator: --version, --help and a
// malformed option load only the declarations (bin/commands/*.ts), and a command's implementation
// (bin/commands/*-action.ts) loads when it runs. A loader hook logs every module the process loads.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
// The repository's modules (sources or dist/) the command loaded, as paths like sim/host/device.
function loaded(args: string[]) {
  const log = join(tmp, `load-${runs++}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', register, `${repoRoot}bin/meshsim.mjs`, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, env: { ...process.env, MESHSIM_LOAD_LOG: log } });
  const modules = readFileSync(log, 'utf8').split('\n').filter((u) => u.startsWith(pathToFileURL(repoRoot).href)).map((u) => u.slice(pathToFileURL(repoRoot).href.length).replace(/^dist\//, '').replace(/\.(ts|js|mjs)$/, ''));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, modules };
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
});
