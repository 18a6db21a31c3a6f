// Sweep axes: each option given as a comma-separated list; the sweep runs every combination.
import { badInput } from '../errors.ts';

// "a,b,c" → the items, each parsed; an empty item or a bad value is an input error naming the option.
export function parseList<T>(option: string, text: string, parse: (item: string) => T): T[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw badInput(`--${option} ${text}: expected a comma-separated list without empty items`);
  return [...new Set(items)].map((item) => {
    try {
      return parse(item);
    } catch (e) {
      throw badInput(`--${option}: ${item}: ${(e as Error).message}`);
    }
  });
}

// Every combination of the axes' values, the first axis varying slowest.
export function combinations<T extends Record<string, unknown>>(axes: { [K in keyof T]: T[K][] }): T[] {
  let out: Partial<T>[] = [{}];
  for (const key of Object.keys(axes) as (keyof T)[]) {
    out = out.flatMap((partial) => axes[key].map((value) => ({ ...partial, [key]: value })));
  }
  return out as T[];
}
