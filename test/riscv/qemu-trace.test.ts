// Lock-step test: qemu-riscv32's single-step CPU log gives pc and x0..x31 before every
// instruction; our interpreter, started from qemu's initial registers, must match at every step.
// Programs: small random programs (test/riscv/random-programs.ts) and the committed ELFs in
// kernels/build/programs/ (skipped when longer than MAX_STEPS, since the log is ~600 B/step).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode, MeshsimError } from '../../sim/errors.ts';
import { parseElf } from '../../sim/riscv/elf.ts';
import { execElf } from '../../sim/riscv/process.ts';
import { missing } from '../support/tools.ts';
import { MNEMONICS } from '../support/rv32-encode.ts';
import { CODE_BASE, generateProgram, lockStep, type RandomProgram } from './random-programs.ts';

const MAX_STEPS = 20_000;
const TRACED_SEEDS = Array.from({ length: 20 }, (_, i) => 1000 + i);
const programsDir = fileURLToPath(new URL('../../kernels/build/programs/', import.meta.url));

function executedOps(program: RandomProgram, pcs: number[]): Set<string> {
  const seen = new Set<string>();
  for (const pc of pcs) {
    const m = program.mnemonics[(pc - CODE_BASE) / 4];
    if (m) seen.add(m);
  }
  return seen;
}

describe('single-stepped register traces against qemu-riscv32', () => {
  it(`${TRACED_SEEDS.length} small random programs match qemu at every instruction`, () => {
    if (missing('qemu', 'lock-step comparison with qemu-riscv32')) return;
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-trace-'));
    const errors: string[] = [];
    const executed = new Set<string>();
    let steps = 0;
    try {
      for (const seed of TRACED_SEEDS) {
        const program = generateProgram(seed, { items: 40, maxTrip: 4, functions: 2 });
        const r = lockStep(program.elf, `random-${seed}`, dir);
        steps += r.steps;
        if (r.error) errors.push(r.error);
        for (const m of executedOps(program, r.pcs)) executed.add(m);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const notExecuted = MNEMONICS.filter((m) => m !== 'ebreak' && !executed.has(m));
    console.log(`traced random programs: ${TRACED_SEEDS.length}, ${steps} steps compared, ` +
      `${47 - notExecuted.length}/47 operations executed, ${errors.length} mismatches`);
    expect(errors).toEqual([]);
    expect(notExecuted, `operations never executed in traced programs: ${notExecuted.join(' ')}`).toEqual([]);
  });

  const elfs = existsSync(programsDir) ? readdirSync(programsDir).filter((f) => f.endsWith('.elf')).sort() : [];
  it.each(elfs.length > 0 ? elfs : ['(none)'])('kernels/build/programs/%s matches qemu at every instruction', (file) => {
    if (file === '(none)') {
      console.warn('skipping: no ELF files in kernels/build/programs/ to trace');
      return;
    }
    if (missing('qemu', `lock-step comparison of ${file} with qemu-riscv32`)) return;
    const elf = new Uint8Array(readFileSync(join(programsDir, file)));
    // Too long a program would write a trace of hundreds of MB: check its length first.
    let length = 0; // when meshsim faults, the lock-step run below says where
    try {
      length = execElf(parseElf(elf, file), { stdout: () => {}, stderr: () => {}, maxInstructions: MAX_STEPS + 1 }).instructions;
    } catch (e) {
      if (e instanceof MeshsimError && e.exitCode === ExitCode.limit) length = Infinity;
    }
    if (length > MAX_STEPS) {
      console.warn(`skipping: ${file} runs more than the ${MAX_STEPS} a trace comparison allows`);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-trace-'));
    try {
      const r = lockStep(elf, file.replace(/\.elf$/, ''), dir);
      console.log(`${file}: ${r.steps} steps compared${r.fault ? `, both stopped: ${r.fault}` : ''}`);
      expect(r.error).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
