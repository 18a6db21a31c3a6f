// Parameters of one NoC, taken from the architecture preset, and their validation.
import { badInput } from '../errors.ts';

export type NocId = 0 | 1;

export interface NocParams {
  width: number; // NoC grid incl. non-Tensix tiles; a 2D torus, both edges wrap ([ISA-WH] NoC/README.md)
  height: number;
  linkBytesPerCycle: number; // WH 32: 256-bit links, 1 flit/cycle per axis ([ISA-WH] NoC/README.md)
  hopCycles: number; // router→router, WH 9 ([ISA-WH] NoC/README.md Performance)
  injectCycles: number; // NIU→router, ~5 (same source)
  ejectCycles: number; // router→NIU, ~5 (same source)
  maxPacketBytes: number; // WH 8192, BH 16384 (1 header + ≤256 data flits, [ISA-WH]/[ISA-BH] NoC/README.md)
  flitBytes: number; // WH 32, BH 64 (same source)
  injectionBytesPerCycle: number; // NIU injection port, tt-npe WORKER 28.1 WH ([NPE] wormhole_b0.hpp)
  absorptionBytesPerCycle: number; // NIU absorption port, tt-npe WORKER 28.1 WH (same source)
}

function positive(p: NocParams, key: keyof NocParams, integer: boolean): void {
  const v = p[key];
  if (typeof v !== 'number' || !(v > 0) || (integer && !Number.isInteger(v)))
    throw badInput(`NoC parameter ${key} is ${String(v)}, expected a positive ${integer ? 'integer' : 'number'}`);
}

function nonNegative(p: NocParams, key: keyof NocParams): void {
  const v = p[key];
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v))
    throw badInput(`NoC parameter ${key} is ${String(v)}, expected a finite number ≥ 0`);
}

export function validateNocParams(p: NocParams): void {
  positive(p, 'width', true);
  positive(p, 'height', true);
  positive(p, 'linkBytesPerCycle', false);
  positive(p, 'flitBytes', true);
  positive(p, 'maxPacketBytes', true);
  positive(p, 'injectionBytesPerCycle', false); // Infinity allowed: no port limit
  positive(p, 'absorptionBytesPerCycle', false);
  nonNegative(p, 'hopCycles');
  nonNegative(p, 'injectCycles');
  nonNegative(p, 'ejectCycles');
  if (!Number.isFinite(p.linkBytesPerCycle)) throw badInput('NoC parameter linkBytesPerCycle must be finite');
}
