// What the `meshsim op` entries of these ops share: seeded bf16 inputs (values only in functional
// mode) and the choice between an op's prefill and decode forms.
import type { Device } from '../../host/device.ts';
import { badInput } from '../../errors.ts';
import { mulberry32 } from '../../random.ts';
import { DRAM_INTERLEAVED, toDevice } from '../../tensor/index.ts';
import type { Tensor } from '../../tensor/tensor.ts';

export const FORMS = ['prefill', 'decode'] as const;
export type Form = (typeof FORMS)[number];

export function formOf(op: string, strategy: string | undefined): Form {
  const form = strategy ?? 'prefill';
  if (!(FORMS as readonly string[]).includes(form)) throw badInput(`${op}: unknown strategy '${form}' (known: ${FORMS.join(', ')})`);
  return form as Form;
}

export function expectShape(op: string, shape: readonly number[], dims: number, form: string): void {
  if (shape.length !== dims || shape.some((d) => !Number.isInteger(d) || d < 1)) throw badInput(`${op}: shape ${shape.join('×')}, expected ${form} (positive whole numbers)`);
}

// A seeded tensor of values in [−1, 1).
export function seededTensor(device: Device, shape: number[], seed: number, name: string): Tensor {
  const rand = mulberry32(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const values = device.mode === 'functional' ? Float32Array.from({ length: n }, () => rand() * 2 - 1) : undefined;
  return toDevice(device, values, shape, 'bf16', DRAM_INTERLEAVED, name);
}
