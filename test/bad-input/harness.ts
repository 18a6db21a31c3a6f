// The bad-input suite: each case runs the meshsim command line as a user would, with one wrong
// input, and asserts the documented exit code, exactly one `meshsim:` line on stderr that names
// the input and says what was expected, no stack trace, and bounded time and memory. Cases run in
// child processes with a heap limit (node --max-old-space-size), batched so that they share a
// start-up; each is still its own test, with its own assertions. A case that could hang or that
// touches process-wide state runs alone in a process of its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.ts';

export interface BatchCase {
  name: string;
  args: string[];
  cwd?: string;
  env?: Record<string, string>;
}

export interface BadInputCase extends BatchCase {
  code: number; // the exit code
  message: RegExp; // the one line (without "meshsim: ") must match: the input's name, what was expected
  lastLine?: boolean; // earlier stderr lines are progress, warnings or a kernel's prints; the error is the last
  stdout?: RegExp;
  then?: () => void; // more checks once the case ran (e.g. earlier outputs untouched)
  alone?: boolean; // in a process of its own
  maxMs?: number;
}

export interface CaseOutcome {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
  peakGrowthKiB: number;
}

const HEAP_MB = 512; // the child's JavaScript heap limit
const MAX_PEAK_GROWTH_KIB = 768 << 10; // resident memory one case may add to the process's peak
const DEFAULT_MAX_MS = 20_000; // generous: the machine is shared, but a hang never ends

export const scratch = (name: string) => mkdtempSync(join(tmpdir(), `meshsim-bad-${name}-`));

function runBatch(cases: BadInputCase[]): Map<string, CaseOutcome | string> {
  const dir = scratch('batch');
  const casesPath = join(dir, 'cases.json');
  const resultsPath = join(dir, 'results.jsonl');
  writeFileSync(casesPath, JSON.stringify(cases.map(({ name, args, cwd, env }) => ({ name, args, cwd, env }))));
  writeFileSync(resultsPath, '');
  const timeout = cases.reduce((t, c) => t + (c.maxMs ?? DEFAULT_MAX_MS), 15_000);
  const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', join(repoRoot, 'test/bad-input/runner.ts'), casesPath, resultsPath], {
    cwd: repoRoot, timeout, killSignal: 'SIGKILL', encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const outcomes = new Map<string, CaseOutcome | string>();
  for (const line of readFileSync(resultsPath, 'utf8').split('\n').filter(Boolean)) {
    const o = JSON.parse(line) as CaseOutcome;
    outcomes.set(o.name, o);
  }
  rmSync(dir, { recursive: true, force: true });
  const why = r.signal ? `the batch was killed (${r.signal}) after ${timeout} ms` : `the batch exited ${r.status}: ${r.stderr.slice(-2000)}`;
  const first = cases.find((c) => !outcomes.has(c.name));
  for (const c of cases) if (!outcomes.has(c.name)) outcomes.set(c.name, c === first ? `${why}, while this case ran` : `not run: ${why}`);
  return outcomes;
}

function check(c: BadInputCase, outcome: CaseOutcome | string | undefined): void {
  if (typeof outcome !== 'object') throw new Error(`${c.name}: ${outcome ?? 'no outcome'}`);
  const lines = outcome.stderr.trimEnd().split('\n');
  const line = c.lastLine ? lines.at(-1)! : lines.join('\n');
  expect(outcome.stderr, 'a stack trace').not.toMatch(/\n\s+at |internal error/);
  expect(line, `stderr: ${outcome.stderr}`).toMatch(/^meshsim: [^\n]+$/);
  expect(line.slice('meshsim: '.length)).toMatch(c.message);
  expect(outcome.code, `stderr: ${outcome.stderr}`).toBe(c.code);
  if (c.stdout) expect(outcome.stdout).toMatch(c.stdout);
  expect(outcome.ms).toBeLessThan(c.maxMs ?? DEFAULT_MAX_MS);
  expect(outcome.peakGrowthKiB).toBeLessThan(MAX_PEAK_GROWTH_KIB);
  c.then?.();
}

// One describe block: the shared cases run as one batch before its tests, the lone ones each in
// their own test.
export function badInputs(title: string, cases: BadInputCase[]): void {
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`two bad-input cases named ${c.name}`);
    names.add(c.name);
  }
  describe(title, () => {
    const batch = cases.filter((c) => !c.alone);
    let outcomes = new Map<string, CaseOutcome | string>();
    beforeAll(() => {
      outcomes = runBatch(batch);
    }, batch.reduce((t, c) => t + (c.maxMs ?? DEFAULT_MAX_MS), 30_000));
    for (const c of cases) {
      it(c.name, () => check(c, c.alone ? runBatch([c]).get(c.name) : outcomes.get(c.name)), (c.maxMs ?? DEFAULT_MAX_MS) + 30_000);
    }
  });
}
