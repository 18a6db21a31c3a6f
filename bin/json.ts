// --json: one JSON object on stdout, everything meant for people on stderr. cli.ts turns the mode
// on before a command's action when the command was given --json; print() (options.ts) then sends
// human text to stderr, and a failing run prints its error as a JSON document too.
import type { Command } from 'commander';
import type { MeshsimError } from '../sim/errors.ts';
import { PACKAGE_ROOT } from '../sim/package-root.ts';
import { errorDocument, type Invocation } from '../sim/trace/stats.ts';
import { readFileSync } from 'node:fs';

export const VERSION = (JSON.parse(readFileSync(`${PACKAGE_ROOT}package.json`, 'utf8')) as { version: string }).version;

let active = false;

export function jsonMode(): boolean {
  return active;
}

// Adds --json to a command; cli.ts's preAction hook reads it.
export function jsonOption(cmd: Command, what = 'the result'): Command {
  return cmd.option('--json', `print ${what} as one JSON object on stdout (human text goes to stderr)`);
}

export function setJsonMode(on: boolean): void {
  active = on;
}

// meshsim's version and the command line as typed, for every document meshsim writes.
export function invocation(): Invocation {
  return { meshsim: VERSION, command: ['meshsim', ...process.argv.slice(2)] };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function failJson(e: MeshsimError): void {
  if (active) printJson(errorDocument(invocation(), e));
}
