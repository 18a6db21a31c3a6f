// Checks every op makes of its input tensors before it builds a program: live, on the op's device,
// and where its program factory can read them. Each failure is one line naming the op and operand.
import { badInput } from '../errors.ts';
import type { Device } from '../host/device.ts';
import type { Tensor } from '../tensor/tensor.ts';

export function liveOn(device: Device, op: string, operand: string, t: Tensor): void {
  if (!t.isAllocated) throw badInput(`${op}: ${operand} (${t.name}) has been deallocated`);
  if (t.device !== device) throw badInput(`${op}: ${operand} (${t.name}) is on another device than the op's first input`);
}

export function inDram(op: string, operand: string, t: Tensor): void {
  if (t.memory.kind !== 'dram-interleaved') throw badInput(`${op}: ${operand} is ${t.where}: expected DRAM interleaved`);
}

// A strategy named by the caller, or the op's choice; one it does not have lists those it has.
export function pickStrategy<S extends string>(op: string, known: readonly S[], asked: string | undefined, chosen: S): S {
  if (asked === undefined) return chosen;
  if (!(known as readonly string[]).includes(asked)) throw badInput(`${op}: unknown strategy '${asked}': expected one of ${known.join(', ')}`);
  return asked as S;
}

export const shapeText = (t: Tensor) => `[${t.shape.join(', ')}]`;
