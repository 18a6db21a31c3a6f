// Option parsers and output helpers shared by the commands. The exit-code rule (README "Exit
// codes"): an option value that is malformed — not a number, not one of the choices, not a grid —
// is refused here, by commander, with exit 2, the same in every command; a well-formed value that
// is wrong for the input (a grid larger than the preset's) is the command's to refuse, with exit 3.
import { InvalidArgumentError } from 'commander';
import { readGrid, type GridSize } from '../sim/arch/index.ts';

// Writes a block of text to stdout, ending it with a newline.
export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function positiveInt(max: number) {
  return (text: string): number => {
    const n = /^\s*\d+(\.\d+)?(e\d+)?\s*$/i.test(text) ? Number(text) : NaN; // 512, 1e9; not 0x10 or ''
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

// The text of a JSON output file.
export const jsonText = (value: unknown) => JSON.stringify(value) + '\n';

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
