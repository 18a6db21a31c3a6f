// One-line descriptions of why a hart stopped abnormally: what, where (hart, pc), and the
// disassembled instruction.
import { disassemble } from './disassemble.ts';
import type { Hart } from './hart.ts';
import { Stop, type StopCode } from './layout.ts';
import { ExitCode, MeshsimError, hex32 } from '../errors.ts';


function instructionAt(hart: Hart, pc: number): string {
  const word = hart.fetchWord(pc);
  return word === undefined ? 'no instruction' : `${hex32(word)} ${disassemble(word, pc).replace('\t', ' ')}`;
}

export function describeStop(hart: Hart, stop: StopCode, who: string): string {
  const pc = hart.pc;
  const at = `${who}, pc ${hex32(pc)}`;
  const addr = hex32(hart.faultAddr);
  switch (stop) {
    case Stop.ILLEGAL:
      return `illegal instruction at ${at}: ${instructionAt(hart, pc)} is not RV32IM`;
    case Stop.FETCH_RANGE:
    case Stop.FETCH_MISALIGNED: {
      const why = stop === Stop.FETCH_RANGE ? `outside code memory [0, ${hex32(hart.windows.codeSize)})` : 'not 4-byte aligned';
      return `jump to ${addr}, ${why}, at ${who}, from pc ${hex32(hart.lastPc)}: ${instructionAt(hart, hart.lastPc)}`;
    }
    case Stop.LOAD_MISALIGNED:
      return `misaligned load from ${addr} at ${at}: ${instructionAt(hart, pc)}`;
    case Stop.LOAD_RANGE:
      return `load from ${addr}, outside memory, at ${at}: ${instructionAt(hart, pc)}`;
    case Stop.STORE_MISALIGNED:
      return `misaligned store to ${addr} at ${at}: ${instructionAt(hart, pc)}`;
    case Stop.STORE_RANGE:
      return `store to ${addr}, outside memory, at ${at}: ${instructionAt(hart, pc)}`;
    case Stop.EBREAK:
      return `ebreak at ${who}, pc ${hex32(hart.lastPc)}`;
    default:
      return `hart stopped (code ${stop}) at ${at}`;
  }
}

export function faultError(hart: Hart, stop: StopCode, who: string): MeshsimError {
  return new MeshsimError(describeStop(hart, stop, who), ExitCode.fault);
}
