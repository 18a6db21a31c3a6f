// A run's terminal summary, with its bottleneck line highlighted on a colour terminal.
import { jsonMode } from './json.ts';
import { print } from './options.ts';
import { colorsFor } from './terminal.ts';

export function printSummary(text: string): void {
  const c = colorsFor(jsonMode() ? process.stderr : process.stdout);
  print(text.replace(/^( {2}bottleneck {2})(.*)$/m, (_all, label: string, what: string) => `${label}${c.bold(c.yellow(what))}`));
}
