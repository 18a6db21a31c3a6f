// What the command handlers share: reading a command's arguments, and checks whose failures are
// one message naming the core, the hart, the pc of the access and the offending value.
import type { CoreHart } from '../core/tensix-core.ts';
import { CMD_ARGS, NUM_CBS, PRIVATE_RAM_BASE } from '../core/mmio.ts';
import { ExitCode, hex, MeshsimError } from '../errors.ts';


// Argument i of the command the hart is issuing (from its command block in private RAM).
export function arg(h: CoreHart, i: number): number {
  return h.privateWord(CMD_ARGS - PRIVATE_RAM_BASE + 4 * i);
}

export function fail(h: CoreHart, message: string): MeshsimError {
  return new MeshsimError(`${h.name}, pc ${hex(h.hart.lastPc)}: ${message}`, ExitCode.fault);
}

export function circularBuffer(h: CoreHart, index: number, op: string) {
  const cb = index < NUM_CBS ? h.core.cbs[index] : undefined;
  if (!cb) throw fail(h, `${op}(cb ${index}): no circular buffer ${index} is configured on this core`);
  return cb;
}

export function nocIndex(h: CoreHart, noc: number): number {
  if (noc !== 0 && noc !== 1) throw fail(h, `NoC ${noc} does not exist: expected 0 or 1`);
  return noc;
}

export function checkL1(h: CoreHart, addr: number, bytes: number, op: string): void {
  if (bytes <= 0 || addr + bytes > h.core.l1Bytes) {
    throw fail(h, `${op}: L1 range ${hex(addr)} + ${bytes} bytes is outside this core's ${h.core.l1Bytes} bytes of L1`);
  }
  if (addr % 4 !== 0 && bytes === 4) throw fail(h, `${op}: address ${hex(addr)} is not 4-byte aligned`);
}
