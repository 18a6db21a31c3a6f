// Typed reads of config.json fields. Hugging Face writes null for "use the default", so null reads
// as absent; fields the reader does not ask for are ignored, as transformers ignores them.
import type { Checker } from '../checker.ts';
import { describeValue } from '../errors.ts';

export class ConfigFields {
  constructor(readonly checker: Checker, readonly raw: Record<string, unknown>, readonly prefix = '') {}

  private path(key: string): string {
    return this.prefix ? `${this.prefix}.${key}` : key;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }

  fail(key: string, message: string): never {
    return this.checker.fail(this.path(key), message);
  }

  // A positive integer the model cannot do without (a size): missing is an error naming it.
  count(key: string, what: string): number {
    if (!this.has(key)) this.fail(key, `missing (${what}, a positive integer)`);
    return this.checker.positiveInt(this.raw[key], this.path(key));
  }

  optionalCount(key: string): number | undefined {
    return this.has(key) ? this.checker.positiveInt(this.raw[key], this.path(key)) : undefined;
  }

  positive(key: string, fallback: number): number {
    return this.has(key) ? this.checker.positive(this.raw[key], this.path(key)) : fallback;
  }

  bool(key: string, fallback: boolean): boolean {
    if (!this.has(key)) return fallback;
    const v = this.raw[key];
    if (typeof v !== 'boolean') this.checker.expect(this.path(key), 'true or false', v);
    return v as boolean;
  }

  string(key: string, fallback: string): string {
    return this.has(key) ? this.checker.string(this.raw[key], this.path(key)) : fallback;
  }

  // A string that must be one of `choices`.
  choice<T extends string>(key: string, fallback: T, choices: readonly T[]): T {
    const v = this.string(key, fallback);
    if (!(choices as readonly string[]).includes(v)) this.fail(key, `${describeValue(v)} is not supported (supported: ${choices.join(', ')})`);
    return v as T;
  }

  // The fields of a nested object, or undefined when it is absent or null.
  object(key: string): ConfigFields | undefined {
    if (!this.has(key)) return undefined;
    return new ConfigFields(this.checker, this.checker.record(this.raw[key], this.path(key), 'an object'), this.path(key));
  }
}
