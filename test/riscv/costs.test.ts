// Cycle costs per instruction (hardware.md §2.2 via sim/riscv/costs.ts), one instruction at a time.
import { describe, expect, it } from 'vitest';
import { parseElf } from '../../sim/riscv/elf.ts';
import { FlatProcess } from '../../sim/riscv/process.ts';
import { WORMHOLE_RISCV_COSTS as WH } from '../../sim/riscv/costs.ts';
import * as rv from '../support/rv32-encode.ts';
import { writeElf32 } from '../support/elf-writer.ts';

const A0 = 10, A1 = 11, A2 = 12, T0 = 5;

function processOf(words: number[]): FlatProcess {
  const code = new Uint8Array(new Uint32Array(words).buffer);
  return new FlatProcess(parseElf(writeElf32({ entry: 0, segments: [{ vaddr: 0, data: code, memsz: 0x2000 }] })));
}

// Cycles spent by each instruction of a straight-line program.
function cyclesPerStep(words: number[]): number[] {
  const p = processOf(words);
  const spent: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const before = p.hart.cycles;
    p.step();
    spent.push(p.hart.cycles - before);
  }
  return spent;
}

describe('baby RISC-V cycle costs', () => {
  it('ALU 1, multiply 2 cycles', () => {
    expect(cyclesPerStep([rv.addi(A0, 0, 7), rv.mul(A1, A0, A0), rv.mulhu(A1, A0, A0), rv.xor(A2, A0, A1)]))
      .toEqual([1, WH.mul, WH.mul, 1]);
  });

  it('divide: 2 cycles by 0 or 1, otherwise by dividend size, 6 to 33', () => {
    const spent = cyclesPerStep([
      ...rv.li(A0, 4000), rv.addi(A1, 0, 1), rv.addi(A2, 0, 3),
      rv.div(T0, A0, 0), rv.divu(T0, A0, A1), rv.div(T0, A0, A2), // ÷0, ÷1, 12-bit dividend
      rv.addi(A0, 0, 5), rv.rem(T0, A0, A2), // 3-bit dividend: the 6-cycle floor
      ...rv.li(A0, 0x7fffffff), rv.remu(T0, A0, A2), // 31 bits: the 33-cycle ceiling
      ...rv.li(A0, -4000), rv.div(T0, A0, A2), // the magnitude of a negative dividend counts
    ]);
    expect(spent.slice(4, 7)).toEqual([2, 2, 14]);
    expect(spent[8]).toBe(6);
    expect(spent[11]).toBe(33);
    expect(spent[14]).toBe(14);
  });

  it('loads cost the L1 latency; back-to-back stores sustain one per 5 cycles', () => {
    const spent = cyclesPerStep([rv.lui(A0, 1), rv.lw(A1, A0, 0), rv.lbu(A1, A0, 3), rv.sw(A1, A0, 0), rv.sw(A1, A0, 4), rv.addi(A2, 0, 1), rv.sb(A1, A0, 8)]);
    expect(spent).toEqual([1, 8, 8, 1, 5, 1, 4]);
  });

  it('static branch prediction: backward taken and forward not-taken are cheap, the rest mispredict', () => {
    // 0: addi a0,1   4: beq a0,zero,+8 (forward, not taken)   8: bne a0,zero,+8 (forward, taken)
    // 16: addi a0,-1  20: bne a0,zero,-4 (backward: taken once, then not)
    const spent = cyclesPerStep([rv.addi(A0, 0, 2), rv.beq(A0, 0, 8), rv.bne(A0, 0, 8), rv.nop(), rv.addi(A0, A0, -1), rv.bne(A0, 0, -4), rv.addi(A0, A0, -1), rv.bne(A0, 0, -4)]);
    expect(spent.slice(1, 3)).toEqual([1, WH.mispredict]);
    expect(spent.slice(3, 7)).toEqual([1, 1, 1, WH.mispredict]);
  });

  it('jal costs 1, jalr is charged as a mispredict', () => {
    const spent = cyclesPerStep([rv.jal(1, 8), rv.nop(), rv.jalr(0, 1, 0)]);
    expect(spent.slice(0, 2)).toEqual([1, WH.mispredict]);
  });

  it('the instruction count and cycles of a run add up', () => {
    const p = processOf([rv.addi(A0, 0, 3), rv.mul(A0, A0, A0), rv.addi(17, 0, 93), rv.ecall()]);
    const r = p.run();
    expect(r).toMatchObject({ exitCode: 9, instructions: 4, cycles: 1 + WH.mul + 1 + 1 });
  });
});
