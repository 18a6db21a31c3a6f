import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../sim/errors.ts';
import { parseElf } from '../../sim/riscv/elf.ts';
import { execElf } from '../../sim/riscv/process.ts';
import { meshsim, repoRoot } from '../support/cli.ts';

const prog = (name: string) => `${repoRoot}kernels/build/programs/${name}.elf`;
const tmp = mkdtempSync(join(tmpdir(), 'meshsim-exec-'));

// A user error is exactly one line on stderr, never a stack trace.
function expectOneLineError(stderr: string, ...fragments: (string | RegExp)[]) {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^meshsim: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  for (const f of fragments) expect(lines[0]).toMatch(f);
}

describe('meshsim exec', () => {
  it('runs a program: its stdout, its exit code', () => {
    const r = meshsim(['exec', prog('hello')]);
    expect(r.stdout).toBe('hello from a baby RISC-V core\n');
    expect(r.code).toBe(0);
  });

  it('passes the program exit code through', () => {
    const r = meshsim(['exec', prog('crc')]);
    const direct = execElf(parseElf(readFileSync(prog('crc'))));
    expect(direct.exitCode).toBeGreaterThan(0);
    expect(r.code).toBe(direct.exitCode);
  });

  it('--stats prints instructions, cycles, CPI and the mix to stderr', () => {
    const r = meshsim(['exec', prog('sort'), '--stats']);
    const instructions = Number(/instructions\s+(\d+)/.exec(r.stderr)?.[1]);
    const cycles = Number(/cycles\s+(\d+)/.exec(r.stderr)?.[1]);
    const cpi = Number(/CPI\s+([\d.]+)/.exec(r.stderr)?.[1]);
    expect(instructions).toBeGreaterThan(1000);
    expect(cycles).toBeGreaterThan(instructions);
    expect(cpi).toBeCloseTo(cycles / instructions, 3);
    const [, byClass, byInstruction] = r.stderr.split(/mix by class\n|mix by instruction\n/);
    const total = (section: string) =>
      [...section.matchAll(/^ {2}\w+\s+(\d+)\s+[\d.]+%$/gm)].reduce((s, m) => s + Number(m[1]), 0);
    expect(total(byClass)).toBe(instructions);
    expect(total(byInstruction)).toBe(instructions);
    expect(r.stderr).toMatch(/^ {2}lw\s/m);
  });

  it('--trace prints every instruction with the registers it changed and its cycles', () => {
    const r = meshsim(['exec', prog('hello'), '--trace', '--stats']);
    expect(r.code).toBe(0);
    const steps = r.stderr.split('\n').filter((l) => /^ +\d+ {2}0x[0-9a-f]{8} {2}[0-9a-f]{8} {2}/.test(l));
    expect(steps).toHaveLength(Number(/instructions\s+(\d+)/.exec(r.stderr)![1]));
    expect(steps[0]).toMatch(/^ +1 {2}0x00000000 {2}00002197 {2}auipc gp,0x2 +gp=0x00002000 +\+1$/);
    expect(steps.at(-1)).toMatch(/ecall +\+1$/);
    const cycles = steps.reduce((t, l) => t + Number(/\+(\d+)$/.exec(l)![1]), 0);
    expect(cycles).toBe(Number(/cycles\s+(\d+)/.exec(r.stderr)![1]));
    expect(r.stdout).toBe('hello from a baby RISC-V core\n');
  });

  it('an illegal instruction stops with exit 4, naming hart, pc and instruction', () => {
    const r = meshsim(['exec', prog('fault_illegal')]);
    expect(r.code).toBe(ExitCode.fault);
    expectOneLineError(r.stderr, /illegal instruction/, /pc 0x[0-9a-f]{8}/, /exec hart/);
  });

  it('an out-of-range load names the address and the disassembled load', () => {
    const r = meshsim(['exec', prog('fault_load')]);
    expect(r.code).toBe(ExitCode.fault);
    expectOneLineError(r.stderr, /load from 0x7ffffff0, outside memory/, /\bl[bhw]u?\s/);
  });

  it('a jump outside memory names the target and the jump', () => {
    const r = meshsim(['exec', prog('fault_jump')]);
    expect(r.code).toBe(ExitCode.fault);
    expectOneLineError(r.stderr, /jump to 0x40000000, outside code memory/, /from pc 0x[0-9a-f]{8}: [0-9a-fx]+ j/);
  });

  it('an infinite loop stops at --max-instructions with exit 5', () => {
    const r = meshsim(['exec', prog('spin'), '--max-instructions', '100000']);
    expect(r.code).toBe(ExitCode.limit);
    expectOneLineError(r.stderr, /within 100000 instructions/);
  });

  it('bad files are one-line errors with exit 3', () => {
    const notElf = join(tmp, 'not.elf');
    writeFileSync(notElf, 'just text, not an executable');
    expectOneLineError(meshsim(['exec', notElf]).stderr, /not an ELF file/);
    expect(meshsim(['exec', notElf]).code).toBe(ExitCode.badInput);

    const missing = meshsim(['exec', join(tmp, 'nope.elf')]);
    expect(missing.code).toBe(ExitCode.badInput);
    expectOneLineError(missing.stderr, /cannot read .*nope\.elf: no such file/);
  });

  it('bad arguments exit 2', () => {
    expect(meshsim(['exec', prog('hello'), '--max-instructions', 'lots']).code).toBe(ExitCode.usage);
    expect(meshsim(['exec']).code).toBe(ExitCode.usage);
  });
});

describe('meshsim disasm', () => {
  it('prints an objdump-style listing with the entry symbol', () => {
    const r = meshsim(['disasm', prog('hello')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Disassembly of section \.text:/);
    expect(r.stdout).toMatch(/<_start>:/);
    expect(r.stdout).toMatch(/^\s+0:\t[0-9a-f]{8}\s+\t\w+/m);
  });
});

describe('meshsim arch', () => {
  it('lists the presets and shows one with its map and a compute grid', () => {
    const list = meshsim(['arch', 'list']);
    for (const name of ['wormhole_n150', 'wormhole_n300', 'blackhole_p150', 'grayskull_e150', 'teach_2x2', 'teach_4x4']) expect(list.stdout).toContain(name);
    const show = meshsim(['arch', 'show', 'wormhole_n150', '--grid', '2x3']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^ 1 {3}D T T T T D T T T T$/m);
    expect(show.stdout).toMatch(/^ {2}1: \(1,2\) \(2,2\) \(3,2\)$/m);
  });

  it('round-trips a preset through a JSON file the user can edit', () => {
    const path = join(tmp, 'mine.json');
    writeFileSync(path, meshsim(['arch', 'show', 'teach_4x4', '--json']).stdout.replace('"linkBytesPerCycle": 32', '"linkBytesPerCycle": "fast"'));
    const bad = meshsim(['arch', 'show', path]);
    expect(bad.code).toBe(ExitCode.badInput);
    expectOneLineError(bad.stderr, /noc\.linkBytesPerCycle: expected a positive number, got "fast"/);
  });

  it('unknown presets and grids that do not fit are one-line errors', () => {
    expectOneLineError(meshsim(['arch', 'show', 'nope']).stderr, /unknown architecture "nope"; known: wormhole_n150/);
    expectOneLineError(meshsim(['arch', 'show', 'teach_2x2', '--grid', '3x3']).stderr, /--grid: 3x3 does not fit teach_2x2/);
  });
});
