// Parsing and output helpers shared by the commands.
import { InvalidArgumentError, type Command } from 'commander';
import { accessSync, constants, mkdirSync, renameSync, rmSync, statSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { badInput } from '../sim/errors.ts';
import { DEFAULT_MAX_CYCLES } from '../sim/host/device.ts';
import { DEFAULT_MAX_SPANS } from '../sim/trace/recorder.ts';
import { jsonMode, jsonOption } from './json.ts';

// Writes a block of text meant for people: stdout, or stderr under --json (stdout holds the JSON).
export function print(text: string): void {
  (jsonMode() ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);
}

export function positiveInt(max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!/^\s*\d+\s*$/.test(text) && !/^\d+(\.0*)?e\d+$/i.test(text.trim())) throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    if (!Number.isSafeInteger(n) || n <= 0 || n > max) throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return n;
  };
}

export function oneOf<T extends string>(choices: readonly T[]) {
  return (text: string): T => {
    if (!(choices as readonly string[]).includes(text)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
    return text as T;
  };
}

// Ends a command's --help with examples.
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

// What every command that runs the device takes (matmul, program, op, run).
export interface DeviceRunOptions {
  out?: string;
  statsOnly?: boolean;
  json?: boolean;
  quiet?: boolean;
  maxCycles?: number;
  traceMaxSpans: number;
  exportNocTrace?: string;
  exportOpsCsv?: string;
}

export function deviceRunOptions(cmd: Command): Command {
  jsonOption(cmd, 'the run\'s stats (stats.json, schema meshsim-stats v1)');
  return cmd
    .option('--out <dir>', 'write stats.json and trace.json (Perfetto; for meshsim report) into this directory')
    .option('--stats-only', 'with --out: write stats.json only, and record no trace (faster, less memory)')
    .option('--max-cycles <n>', `stop with exit code 5 past this many cycles (default ${DEFAULT_MAX_CYCLES.toExponential()})`, positiveInt(Number.MAX_SAFE_INTEGER))
    .option('--trace-max-spans <n>', 'spans kept one by one in trace.json; past this, short spans are merged per window (a warning says so)', positiveInt(Number.MAX_SAFE_INTEGER), DEFAULT_MAX_SPANS)
    .option('--export-noc-trace <file>', 'write the NoC transfers in tt-metal\'s NoC trace JSON (tt-npe, ttnn-visualizer)')
    .option('--export-ops-csv <file>', 'write per-op performance as CSV, in the columns of tt-metal\'s ops perf report')
    .option('--quiet', 'no progress line and no kernel debug prints');
}

// A path as stats.json records it: relative to the working directory, whatever was typed.
export function relativePath(path: string): string {
  return (isAbsolute(path) ? relative(process.cwd(), path) : relative(process.cwd(), resolve(path))) || '.';
}

// Fails early, before a run, when an output file could not be written (its folder is missing or
// is not a writable folder), so a long run is not lost to a typo.
export function checkWritable(path: string, option: string): void {
  const dir = dirname(resolve(path));
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${path} is a directory`);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? `folder ${dir} does not exist` : code === 'EACCES' || code === 'EROFS' ? `folder ${dir} is not writable` : (e as Error).message;
    throw badInput(`${option} ${path}: cannot write there (${why}), expected a file path in a writable folder`);
  }
}

// Writes a file whole or not at all: into a temporary name beside it, then renamed into place.
// `text` may come in pieces (a large trace is never one string).
export function writeFile(path: string, text: string | Uint8Array | Iterable<string>, announce = true): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    if (typeof text === 'string' || text instanceof Uint8Array) writeFileSync(tmp, text);
    else {
      const fd = openSync(tmp, 'w');
      try {
        for (const piece of text) writeSync(fd, piece);
      } finally {
        closeSync(fd);
      }
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw badInput(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (announce) process.stderr.write(`wrote ${path}\n`);
}

export function writeOut(dir: string, name: string, text: string | Uint8Array | Iterable<string>): void {
  writeFile(join(dir, name), text);
}

export const writeJson = (dir: string, name: string, value: unknown) => writeOut(dir, name, JSON.stringify(value) + '\n');
