// Option parsers and helpers shared by the commands. The exit-code rule (README "Exit codes"): an
// option value that is malformed — not a number, not one of the choices, not a grid — is refused
// here, by commander, with exit 2, the same in every command; a well-formed value that is wrong
// for the input (a grid larger than the preset's) is the command's to refuse, with exit 3.
// Files are written through output sets (sim/io/output-set.ts), never here one by one.
import { InvalidArgumentError, type Command } from 'commander';
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { readGrid } from '../sim/arch/grid-text.ts';
import type { GridSize } from '../sim/arch/types.ts';
import { badInput } from '../sim/errors.ts';
import { fsReason } from '../sim/io/fs-errors.ts';
import { DEFAULT_MAX_CYCLES } from '../sim/run-limits.ts';
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

// `--grid RxC`: rows × columns of Tensix.
export function grid(text: string): GridSize {
  const g = readGrid(text);
  if (typeof g === 'string') throw new InvalidArgumentError(g);
  return g;
}

// "a,b,c" → each item parsed, repeats dropped, in order; an empty item or a bad one is malformed.
export function listOf<T>(parse: (item: string) => T) {
  return (text: string): T[] => {
    const items = text.split(',').map((s) => s.trim());
    if (items.some((s) => s === '')) throw new InvalidArgumentError('expected a comma-separated list without empty items');
    return [...new Set(items)].map((item) => {
      try {
        return parse(item);
      } catch (e) {
        throw new InvalidArgumentError(`${JSON.stringify(item)}: ${(e as Error).message}`);
      }
    });
  };
}

// `--shard i/N`: the i-th of N slices, i from 0 (as a job array's index).
export function shard(text: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
  if (!(count >= 1 && count <= 1e6 && index >= 0 && index < count)) throw new InvalidArgumentError('expected I/N with N from 1 and I from 0 to N-1, e.g. 0/4');
  return { index, count };
}

// A duration in seconds, e.g. 30 or 0.5.
export function seconds(text: string): number {
  const s = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!(s > 0 && s <= 1e7)) throw new InvalidArgumentError('expected a number of seconds above 0');
  return s;
}

// The text of a JSON output file.
export const jsonText = (value: unknown) => JSON.stringify(value) + '\n';

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
    const why = code === 'ENOENT' ? `folder ${dir} does not exist` : code === 'EACCES' || code === 'EROFS' ? `folder ${dir} is not writable: ${fsReason(e)}` : (e as Error).message;
    throw badInput(`${option} ${path}: cannot write there (${why}), expected a file path in a writable folder`);
  }
}
