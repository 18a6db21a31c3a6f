// The C test programs in kernels/build/programs, run by our interpreter and by qemu-riscv32:
// stdout and exit code must be identical. Each program's output is also checked against
// values computed here independently (zlib's CRC-32, a TypeScript sort, BigInt products),
// so a bug shared by the program and both machines cannot pass unnoticed.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { parseElf } from '../../sim/riscv/elf.ts';
import { execElf } from '../../sim/riscv/process.ts';
import { REPO_ROOT } from '../../sim/toolchain/kernels.ts';
import { missing, runQemu } from '../support/tools.ts';

const dir = join(REPO_ROOT, 'kernels/build/programs');
// fault_* and spin are for error-path tests; bench is too long for a unit test.
const programs = readdirSync(dir)
  .filter((f) => f.endsWith('.elf'))
  .map((f) => f.slice(0, -4))
  .filter((name) => !/^(fault_|spin$|bench$)/.test(name))
  .sort();

interface Run {
  stdout: string;
  exitCode: number;
}

function interpret(name: string): Run & { bytes: Buffer } {
  const path = join(dir, `${name}.elf`);
  const out: Uint8Array[] = [];
  const r = execElf(parseElf(readFileSync(path), path), { stdout: (b) => out.push(b.slice()), maxInstructions: 1e9 });
  const bytes = Buffer.concat(out);
  return { bytes, stdout: bytes.toString('latin1'), exitCode: r.exitCode };
}

// ---- independent expectations ----

const u32 = (x: number | bigint) => Number(BigInt.asUintN(32, BigInt(x)));
const fnv = (words: number[]) => {
  let h = 0x811c9dc5;
  for (const w of words) for (let b = 0; b < 32; b += 8) h = Math.imul(h ^ ((w >>> b) & 0xff), 0x01000193) >>> 0;
  return h;
};
const exitCodeOf = (result: number) => 1 + (result % 127);

function lines(stdout: string): [string, string][] {
  expect(stdout.endsWith('\n'), 'output ends with a newline').toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((l) => {
      const m = /^(\S+) (\S+)$/.exec(l);
      expect(m, `line "${l}"`).not.toBeNull();
      return [m![1], m![2]];
    });
}
const hexValues = (stdout: string) => lines(stdout).map(([k, v]) => [k, parseInt(v, 16)] as [string, number]);
const record = (stdout: string) => Object.fromEntries(lines(stdout));

function* xorshift32(seed: number) {
  let x = seed >>> 0;
  for (;;) {
    x = (x ^ (x << 13)) >>> 0;
    x = (x ^ (x >>> 17)) >>> 0;
    x = (x ^ (x << 5)) >>> 0;
    yield x;
  }
}

function arithExpected(): Record<string, number> {
  const MIN = -(2 ** 31);
  const MAX = 2 ** 31 - 1;
  const UMAX = 0xffffffff;
  const mulh = (a: number, b: number) => u32((BigInt(a) * BigInt(b)) >> 32n);
  const e: Record<string, number> = {
    add_max_1: 0x80000000, sub_min_1: 0x7fffffff, add_umax_1: 0, sub_0_1: UMAX, neg_min: 0x80000000,
    mul_min_m1: u32(Math.imul(MIN, -1)), mul_max_max: u32(Math.imul(MAX, MAX)), mul_umax_umax: 1,
    mulh_min_min: mulh(MIN, MIN), mulh_min_m1: mulh(MIN, -1), mulh_min_max: mulh(MIN, MAX),
    mulh_max_max: mulh(MAX, MAX), mulh_m1_m1: mulh(-1, -1),
    mulhu_umax_umax: mulh(UMAX, UMAX), mulhu_hi_2: mulh(0x80000000, 2), mulhu_umax_1: mulh(UMAX, 1),
    mulhsu_m1_umax: mulh(-1, UMAX), mulhsu_min_umax: mulh(MIN, UMAX), mulhsu_max_umax: mulh(MAX, UMAX),
    mulhsu_m1_1: mulh(-1, 1),
    div_m7_2: u32(-3), rem_m7_2: u32(-1), div_7_m2: u32(-3), rem_7_m2: 1,
    div_12345_7: Math.trunc(12345 / 7), rem_12345_7: 12345 % 7,
    divu_f9_2: Math.floor(0xfffffff9 / 2), remu_f9_2: 1, divu_umax_7: Math.floor(UMAX / 7),
    // the RISC-V spec's results for division by zero and signed overflow
    div_7_0: UMAX, rem_7_0: 7, div_m7_0: UMAX, rem_m7_0: u32(-7),
    divu_7_0: UMAX, remu_7_0: 7, divu_umax_0: UMAX, remu_umax_0: UMAX,
    div_min_m1: 0x80000000, rem_min_m1: 0, divu_hi_umax: 0, remu_hi_umax: 0x80000000,
    sll_0: 0x80000001, sll_1: 2, sll_31: 0x80000000,
    srl_0: 0x80000001, srl_1: 0x40000000, srl_31: 1,
    sra_0: 0x80000001, sra_1: 0xc0000000, sra_31: UMAX, sra_max_31: 0,
    sll_32: 0x80000001, srl_33: 0x40000000, sra_33: 0xc0000000,
    slt_m1_1: 1, sltu_m1_1: 0, slt_min_max: 1, sltu_min_max: 0, slt_max_min: 0, sltu_0_umax: 1,
    sge_m1_0: 0, sgeu_m1_0: 1,
  };
  const bytes = [0x80, 0x7f, 0xff, 0x01];
  const halves = [0x8000, 0x7fff, 0xffff, 0x0001];
  for (let i = 0; i < 4; i++) {
    e[`lb_${i}`] = u32((bytes[i] << 24) >> 24);
    e[`lbu_${i}`] = bytes[i];
    e[`lh_${i}`] = u32((halves[i] << 16) >> 16);
    e[`lhu_${i}`] = halves[i];
  }
  return e;
}

function check(name: string, run: Run): void {
  const { stdout, exitCode } = run;
  switch (name) {
    case 'hello':
      expect(stdout).toBe('hello from a baby RISC-V core\n');
      expect(exitCode).toBe(0);
      return;
    case 'arith': {
      const got = hexValues(stdout);
      const [last, checksum] = got.pop()!;
      expect(last).toBe('checksum');
      expect(Object.fromEntries(got)).toEqual(arithExpected());
      expect(checksum).toBe(fnv(got.map(([, v]) => v)));
      expect(exitCode).toBe(exitCodeOf(checksum));
      return;
    }
    case 'memops': {
      const r = record(stdout);
      expect(r.mismatches).toBe('0');
      expect(r.checksum).toBe(r.after_widths);
      expect(exitCode).toBe(exitCodeOf(parseInt(r.checksum, 16)));
      return;
    }
    case 'sort': {
      const rng = xorshift32(0x12345678);
      const values = Int32Array.from({ length: 600 }, (_, i) => {
        const v = rng.next().value! | 0;
        return i % 3 === 0 ? v >> 28 : v;
      }).sort();
      const checksum = fnv(Array.from(values, (v) => v >>> 0));
      expect(record(stdout)).toEqual({
        n: '600',
        min: String(values[0]),
        max: String(values[599]),
        quicksort_sorted: '1',
        insertion_sorted: '1',
        same: '1',
        permutation: '1',
        checksum: checksum.toString(16).padStart(8, '0'),
      });
      expect(exitCode).toBe(exitCodeOf(checksum));
      return;
    }
    case 'crc': {
      const rng = xorshift32(0xc0ffee);
      const data = Uint8Array.from({ length: 4096 }, () => rng.next().value! & 0xff);
      const crc = crc32(data);
      const hex = crc.toString(16).padStart(8, '0');
      expect(record(stdout)).toEqual({
        check_bitwise: 'cbf43926',
        check_table: 'cbf43926',
        crc_bitwise: hex,
        crc_table: hex,
        equal: '1',
      });
      expect(exitCode).toBe(exitCodeOf(crc));
      return;
    }
    default: {
      // a program added later without expectations here: at least its exit code must
      // follow from the checksum it prints
      const m = /^checksum ([0-9a-f]{8})$/m.exec(stdout);
      if (m) expect(exitCode).toBe(exitCodeOf(parseInt(m[1], 16)));
    }
  }
}

describe('C test programs under our interpreter', () => {
  it('has programs to run', () => {
    expect(programs).toEqual(expect.arrayContaining(['arith', 'crc', 'hello', 'memops', 'sort']));
  });
  it.each(programs)('%s: output and exit code are correct', (name) => {
    check(name, interpret(name));
  });
});

describe.skipIf(missing('qemu', 'comparing the C test programs with qemu-riscv32'))('C test programs: interpreter vs qemu-riscv32', () => {
  it.each(programs)('%s: identical stdout bytes and exit code', (name) => {
    const q = runQemu(join(dir, `${name}.elf`));
    expect(q.stderr.toString()).toBe('');
    const qemu = { stdout: q.stdout.toString('latin1'), exitCode: q.exitCode };
    check(name, qemu); // the reference itself produces the right answers
    const ours = interpret(name);
    expect(Buffer.compare(ours.bytes, q.stdout), `stdout of ${name}:\nours:\n${ours.stdout}\nqemu:\n${qemu.stdout}`).toBe(0);
    expect(ours.exitCode).toBe(qemu.exitCode);
  });
});
