// Runs bad-input cases through the meshsim command line in this process, one after another
// (a batch shares one start-up), and appends each case's outcome to a results file as soon as it
// ends, so the parent still knows which case was running if the batch has to be killed.
//   node --max-old-space-size=N --import tsx test/bad-input/runner.ts cases.json results.jsonl
// Each outcome: exit code, stdout, stderr, wall time and how much the process's peak resident
// memory grew while the case ran.
import { appendFileSync, readFileSync } from 'node:fs';
import { main } from '../../bin/cli.ts';
import type { BatchCase, CaseOutcome } from './harness.ts';

const [casesPath, resultsPath] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(casesPath, 'utf8')) as BatchCase[];
const home = process.cwd();
const writers = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

for (const c of cases) {
  let stdout = '';
  let stderr = '';
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += chunk.toString()), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += chunk.toString()), true)) as typeof process.stderr.write;
  const saved = Object.keys(c.env ?? {}).map((k) => [k, process.env[k]] as const);
  Object.assign(process.env, c.env ?? {});
  process.chdir(c.cwd ?? home);
  process.exitCode = undefined;
  const peakBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  try {
    await main(['node', 'meshsim', ...c.args]);
  } catch (e) {
    stderr += `runner: main threw ${(e as Error).stack}`;
  }
  const outcome: CaseOutcome = {
    name: c.name,
    code: Number(process.exitCode ?? 0),
    stdout,
    stderr,
    ms: performance.now() - started,
    peakGrowthKiB: process.resourceUsage().maxRSS - peakBefore,
  };
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  process.stdout.write = writers.out;
  process.stderr.write = writers.err;
  appendFileSync(resultsPath, JSON.stringify(outcome) + '\n');
}
process.exitCode = 0;
