// Sweep axes: the sweep runs every combination of the values of its axes.

// Every combination of the axes' values, the first axis varying slowest.
export function combinations<T extends Record<string, unknown>>(axes: { [K in keyof T]: T[K][] }): T[] {
  let out: Partial<T>[] = [{}];
  for (const key of Object.keys(axes) as (keyof T)[]) {
    out = out.flatMap((partial) => axes[key].map((value) => ({ ...partial, [key]: value })));
  }
  return out as T[];
}
