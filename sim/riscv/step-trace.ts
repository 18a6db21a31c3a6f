// `meshsim exec --trace`: one line per executed instruction — count, pc, word, disassembly, the
// registers it changed and the cycles it took — for watching a program run step by step.
import { disassemble } from './disassemble.ts';
import { hex32 } from '../errors.ts';
import type { Hart } from './hart.ts';
import type { StepState } from './process.ts';

const ABI = ['zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];

export function stepTracer(write: (line: string) => void): (before: StepState, hart: Hart) => void {
  return (before, hart) => {
    const changed = hart.regs().flatMap((v, i) => (v !== before.regs[i] ? [`${ABI[i]}=${hex32(v)}`] : []));
    const word = hart.fetchWord(before.pc);
    const text = word === undefined ? '?' : disassemble(word, before.pc).replace('\t', ' ');
    const count = String(hart.instructions).padStart(8);
    write(`${count}  ${hex32(before.pc)}  ${word === undefined ? '        ' : hex32(word).slice(2)}  ${text.padEnd(28)} ${changed.join(' ').padEnd(24)} +${hart.cycles - before.cycles}`);
  };
}
