// Fault injection: a full disk, a read-only output directory, a sweep interrupted with Ctrl-C or
// killed outright, a worker ended mid-point. Each must lose nothing that had finished, leave
// earlier outputs exactly as they were, and say what happened in one line.
// Disk faults need a tmpfs mount (root, as CI runs): without permission they skip, saying why.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../sim/sweep/journal.ts';
import { meshsim, repoRoot } from '../support/cli.ts';
import { tools } from '../support/tools.ts';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-fault-'));
const mounts: string[] = [];

// A fresh tmpfs of `size` at a new directory, or undefined (and a printed reason) if mounting is not permitted.
function tmpfs(name: string, size: string): string | undefined {
  const dir = join(tmp, name);
  mkdirSync(dir);
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.warn(`skipping: this fault test needs to mount a tmpfs (as root), which failed here: ${(r.stderr || r.error?.message || '').trim()}`);
    return undefined;
  }
  mounts.push(dir);
  return dir;
}
const remountReadOnly = (dir: string) => expect(spawnSync('mount', ['-o', 'remount,ro', dir]).status).toBe(0);
const canMount = (() => {
  const probe = tmpfs('probe', '4k');
  return probe !== undefined;
})();

afterAll(() => {
  for (const dir of mounts.reverse()) spawnSync('umount', ['-l', dir]);
  rmSync(tmp, { recursive: true, force: true });
});

const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
const lastLine = (stderr: string) => stderr.trimEnd().split('\n').at(-1)!;
const noTrace = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at |internal error/);
const small = ['--m', '64', '--k', '64', '--n', '64', '--grid', '2x2', '--mode', 'timing'];

// A sweep of points that take a while each, so it can be stopped in the middle.
const slow = ['sweep', '--m', '256,384,512,640,768,896', '--k', '512', '--n', '512', '--strategy', 'dp', '--grid', '2x2'];
const results = (dir: string) => JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')).results as { index: number }[];
// The indices of the points a journal holds, as a resumed sweep reads it (a last line cut short by
// a kill or a full disk is dropped).
const journalRecords = (path: string) => readJournal(path).records.map((r) => r.index);

// Starts meshsim; resolves when it exits. `when(stderr)` decides when to send `signal`.
function runUntil(args: string[], journal: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/meshsim.mjs`, ...args], { cwd: repoRoot });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (existsSync(journal) && journalRecords(journal).length >= 2) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 50);
    child.on('exit', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, stdout, stderr });
    });
  });
}

describe('a sweep stopped in the middle', () => {
  const clean = join(tmp, 'clean');
  let reference: { index: number }[] = [];

  it('runs to the end undisturbed (the reference)', () => {
    const r = meshsim([...slow, '--out', clean], 300_000);
    expect(r.code, r.stderr).toBe(0);
    reference = results(clean);
    expect(reference).toHaveLength(6);
  }, 300_000);

  it('Ctrl-C (SIGINT) stops it cleanly, keeps what finished, and --resume runs only the rest', async () => {
    const dir = join(tmp, 'interrupted');
    const journal = join(dir, 'sweep.partial.jsonl');
    const r = await runUntil([...slow, '--out', dir], journal, 'SIGINT');
    expect(r.code).toBe(130);
    noTrace(r.stderr);
    const kept = journalRecords(journal);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(6);
    expect(r.stderr).toMatch(/meshsim: interrupted: stopping the running points and keeping the finished ones/);
    expect(lastLine(r.stderr)).toBe(`meshsim: sweep interrupted: ${kept.length} of 6 points finished, kept in ${dir}/sweep.partial.jsonl; run the same command with --resume ${dir} for the other ${6 - kept.length}`);
    expect(existsSync(join(dir, 'sweep.json'))).toBe(false); // an interrupted sweep is not a result
    const resumed = meshsim([...slow, '--resume', dir], 300_000);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`sweep: 6 matmul points, ${kept.length} already done; ${6 - kept.length} to run`));
    expect(results(dir)).toEqual(reference);
    expect(existsSync(journal)).toBe(false); // it became sweep.jsonl
  }, 300_000);

  it('killed outright (SIGKILL), it keeps every point it finished, and --resume completes it', async () => {
    const dir = join(tmp, 'killed');
    const journal = join(dir, 'sweep.partial.jsonl');
    const r = await runUntil([...slow, '--workers', '2', '--out', dir], journal, 'SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    const kept = journalRecords(journal);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    const resumed = meshsim([...slow, '--resume', dir, '--workers', '2'], 300_000);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`${kept.length} already done; ${6 - kept.length} to run`));
    expect(results(dir)).toEqual(reference);
  }, 300_000);

  it('a worker ended mid-point (--point-timeout) is recorded with why, and the sweep goes on', () => {
    const dir = join(tmp, 'timeout');
    const r = meshsim(['sweep', '--m', '2048,64', '--k', '2048', '--n', '2048', '--strategy', 'dp', '--grid', '1x1', '--point-timeout', '2', '--out', dir], 300_000);
    expect(r.code).toBe(8);
    noTrace(r.stderr);
    expect(r.stdout).toMatch(/^1\s+dp\s+1x1\s+64×2048×2048/m);
    expect(r.stdout).toMatch(/^-\s+dp\s+1x1\s+2048×2048×2048 .*FAILED \(timeout\): stopped after 2 s \(--point-timeout\); its worker thread was ended$/m);
    expect(lastLine(r.stderr)).toMatch(/^meshsim: 1 of 2 sweep points failed: point 0 \(dp 1x1 2048×2048×2048 bf16 HiFi4\): stopped after 2 s/);
    const json = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    expect(json).toMatchObject({ finished: 1, failed: 1, complete: true });
  }, 300_000);
});

describe.skipIf(!canMount)('a full disk', () => {
  it('a run that cannot write all of its files replaces none of the earlier ones', () => {
    const disk = tmpfs('full', '128k')!;
    const out = join(disk, 'run');
    expect(meshsim(['matmul', ...small, '--out', out]).code).toBe(0); // about 80 KB: fits once
    const before = files(out);
    const r = meshsim(['matmul', ...small, '--seed', '2', '--out', out]);
    expect(r.code).toBe(3);
    noTrace(r.stderr);
    expect(lastLine(r.stderr)).toMatch(new RegExp(`^meshsim: cannot write ${out}/(stats|trace)\\.json: no space left on the device$`));
    expect(files(out)).toEqual(before); // same files, same bytes, no temporaries left
    expect(meshsim(['report', out, '-o', join(tmp, 'full.html')]).code).toBe(0); // and still a consistent pair
  });

  // Room for the header and a few points: the journal fills the disk; room for all the points:
  // the result files do. Either way the finished points stay in the journal, for --resume.
  const cases = [
    ['its journal', 4096, (dir: string) => `meshsim: cannot append to ${dir}/sweep.partial.jsonl: no space left on the device; the points finished before are kept in ${dir}/sweep.partial.jsonl (--resume ${dir} continues the sweep)`],
    ['its result files', 12 * 1024, (dir: string) => `meshsim: cannot write ${dir}/sweep.json: no space left on the device; the finished points are kept in ${dir}/sweep.partial.jsonl (--resume ${dir} writes the results)`],
  ] as const;
  for (const [what, room, message] of cases) {
    it(`a sweep that fills the disk with ${what} stops with what it finished kept, and resumes once there is room`, () => {
      const disk = tmpfs(`sweepfull${room}`, '64k')!;
      const dir = join(disk, 'sweep');
      const filler = join(disk, 'filler');
      writeFileSync(filler, Buffer.alloc(64 * 1024 - room));
      const args = ['sweep', '--m', '64,96,128,160,192,224,256,288', '--k', '64', '--n', '64', '--strategy', 'dp', '--grid', '2x2'];
      const r = meshsim([...args, '--out', dir], 300_000);
      expect(r.code).toBe(3);
      noTrace(r.stderr);
      expect(lastLine(r.stderr)).toBe(message(dir));
      const kept = journalRecords(join(dir, 'sweep.partial.jsonl'));
      expect(kept.length).toBeGreaterThan(0);
      rmSync(filler);
      const resumed = meshsim([...args, '--resume', dir], 300_000);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toMatch(new RegExp(`${kept.length} already done; ${8 - kept.length} to run`));
      expect(results(dir)).toHaveLength(8);
    }, 300_000);
  }
});

describe.skipIf(!canMount)('a read-only output directory', () => {
  it('refuses in one line and leaves the earlier outputs as they were, for every command that writes', () => {
    const disk = tmpfs('ro', '1m')!;
    const out = join(disk, 'run');
    expect(meshsim(['matmul', ...small, '--out', out]).code).toBe(0);
    const before = files(out);
    remountReadOnly(disk);
    const writers = [
      ['matmul', ...small, '--out', out],
      ['program', `${repoRoot}kernels/specs/eltwise_add.json`, '--out', out],
      ['report', out],
      ['sweep', ...small.slice(0, 8), '--strategy', 'dp', '--out', out],
      ...(tools.gcc ? [['kernels', 'build', '--out', join(out, 'kernels')]] : []),
    ];
    for (const args of writers) {
      const r = meshsim(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(3);
      noTrace(r.stderr);
      expect(lastLine(r.stderr), args[0]).toMatch(new RegExp(`^meshsim: (cannot write|cannot create the directory) ${out}.*: the file system is read-only$`));
    }
    expect(files(out)).toEqual(before);
  }, 300_000);
});
