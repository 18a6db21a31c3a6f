// Parsing and output helpers shared by the commands.
import { InvalidArgumentError } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badInput } from '../sim/errors.ts';

// Writes a block of text to stdout, ending it with a newline.
export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function positiveInt(max: number) {
  return (text: string): number => {
    const n = Number(text);
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

// Writes a file into dir (created if needed); one that cannot be written is an input error.
export function writeOut(dir: string, name: string, text: string | Uint8Array): void {
  const path = join(dir, name);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    throw badInput(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  process.stderr.write(`wrote ${path}\n`);
}

export const writeJson = (dir: string, name: string, value: unknown) => writeOut(dir, name, JSON.stringify(value) + '\n');
