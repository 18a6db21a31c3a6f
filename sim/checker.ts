// Field-by-field checks of JSON input (presets, program specs): a failure is one line naming the
// file, the field path and what was expected, e.g. `my.json: noc.hopCycles: expected a positive
// number, got "fast"`.
import { badInput, describeValue as describe } from './errors.ts';

export const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

export class Checker {
  constructor(readonly source: string) {}

  fail(path: string, message: string): never {
    throw badInput(path ? `${this.source}: ${path}: ${message}` : `${this.source}: ${message}`);
  }

  expect(path: string, expected: string, got: unknown, gotText = describe(got)): never {
    return this.fail(path, `expected ${expected}, got ${gotText}`);
  }

  object(v: unknown, path: string, keys: readonly string[], what = 'an object'): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.expect(path, what, v);
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (!keys.includes(k) && !k.startsWith('$')) this.fail(join(path, k), `unknown field (expected one of ${keys.join(', ')})`);
    }
    return o;
  }

  // An object of entries by name, whatever the names.
  record(v: unknown, path: string, what: string): Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.expect(path, what, v);
    return v as Record<string, unknown>;
  }

  string(v: unknown, path: string, pattern?: RegExp, what = 'a string'): string {
    if (typeof v !== 'string' || (pattern && !pattern.test(v))) this.expect(path, what, v);
    return v as string;
  }

  number(v: unknown, path: string, opts: { int?: boolean; min?: number; above?: number; max?: number; multipleOf?: number }, what: string): number {
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (!opts.int || Number.isInteger(v)) &&
      (opts.min === undefined || v >= opts.min) &&
      (opts.above === undefined || v > opts.above) &&
      (opts.max === undefined || v <= opts.max) &&
      (opts.multipleOf === undefined || v % opts.multipleOf === 0);
    if (!ok) this.expect(path, what, v);
    return v as number;
  }

  positive(v: unknown, path: string): number {
    return this.number(v, path, { above: 0 }, 'a positive number');
  }

  positiveInt(v: unknown, path: string, max?: number): number {
    return this.number(v, path, { int: true, min: 1, max }, max === undefined ? 'a positive integer' : `an integer from 1 to ${max}`);
  }

  count(v: unknown, path: string, max?: number): number {
    return this.number(v, path, { int: true, min: 0, max }, max === undefined ? 'a non-negative integer' : `an integer from 0 to ${max}`);
  }

  array(v: unknown, path: string, minLength = 0, what?: string): unknown[] {
    if (!Array.isArray(v) || v.length < minLength) {
      this.expect(path, what ?? (minLength > 0 ? `a non-empty array` : 'an array'), v);
    }
    return v as unknown[];
  }
}
