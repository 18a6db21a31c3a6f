// What `meshsim op` and the op bench know of an op (each op folder's entry.ts exports its OpEntry):
// its name, strategies and a run on seeded inputs of a given shape, checked against the op's float64
// reference in functional mode. sim/ops/registry.ts lists the entries.
import type { DataFormat } from '../compute/formats.ts';
import { badInput } from '../errors.ts';
import type { Device } from '../host/device.ts';
import { fillUniform } from '../random-fill.ts';
import { DRAM_INTERLEAVED, type MemoryConfig } from '../tensor/memory-config.ts';
import { toDevice } from '../tensor/host.ts';
import type { Tensor } from '../tensor/tensor.ts';

export interface OpCheck {
  maxAbsError: number;
  maxRelError: number; // over the values the tolerance holds relatively (|want| > its absolute term)
  passed: boolean; // every value within the entry's tolerance
}

export interface OpRunOptions {
  strategy?: string;
  dtype?: DataFormat; // of the seeded inputs (default bf16)
  seed: number;
}

export interface OpEntry {
  name: string;
  strategies: readonly string[];
  describe: string; // one line: what runs, and what --shape means
  prefillShape?: readonly number[]; // its shape in a GPT-2-small prefill (seq 128, hidden 768, 12 heads of 64), or Llama's where GPT-2 has none
  run(device: Device, shape: number[], o: OpRunOptions): { output: Tensor; check?: OpCheck };
}

// A tensor of seeded values uniform in [-range, range) (none are made in timing mode).
export function seededTensor(device: Device, shape: readonly number[], o: OpRunOptions, stream: number, name: string, range = 1, memory: MemoryConfig = DRAM_INTERLEAVED): Tensor {
  const values = device.mode === 'functional' ? seededValues(shape, o, stream, range) : undefined;
  return toDevice(device, values, shape, o.dtype ?? 'bf16', memory, name);
}

// The values seededTensor places, for an entry whose reference needs only some of them.
export function seededValues(shape: readonly number[], o: OpRunOptions, stream: number, range = 1): Float32Array {
  const count = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(count);
  fillUniform(values, (o.seed * 1009 + stream) >>> 0, range); // mulberry32's (rand() · 2 − 1) · range, in bulk
  return values;
}

// got against want: |got − want| ≤ rel·|want| + abs for every value.
export function compare(got: Float32Array, want: ArrayLike<number>, tol: { rel: number; abs: number }): OpCheck {
  let maxAbsError = 0;
  let maxRelError = 0;
  let passed = got.length === want.length;
  for (let i = 0; i < got.length; i++) {
    const error = Math.abs(got[i] - want[i]);
    const size = Math.abs(want[i]);
    maxAbsError = Math.max(maxAbsError, error);
    if (size > tol.abs) maxRelError = Math.max(maxRelError, error / size);
    if (!(error <= tol.rel * size + tol.abs)) passed = false;
  }
  return { maxAbsError, maxRelError, passed };
}

// The largest |value|: the scale of errors for outputs that are weighted sums (attention, matmul).
export function largest(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]));
  return max;
}

// The shape an entry reads --shape as, refused in one line otherwise.
export function expectShape(op: string, shape: readonly number[], dims: number, form: string): void {
  if (shape.length !== dims || shape.some((d) => !Number.isInteger(d) || d < 1)) throw badInput(`${op}: shape ${shape.join('×')}, expected ${form} (positive whole numbers)`);
}

// The strategy an entry runs: the one asked for, or its first.
export function strategyOf(entry: { name: string; strategies: readonly string[] }, strategy: string | undefined): string {
  const s = strategy ?? entry.strategies[0];
  if (!entry.strategies.includes(s)) throw badInput(`${entry.name}: unknown strategy '${s}' (known: ${entry.strategies.join(', ')})`);
  return s;
}
