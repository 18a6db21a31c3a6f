// Differential test: random RV32IM programs (test/riscv/random-programs.ts) run under
// qemu-riscv32 and under our interpreter; stdout (final registers + data memory) and the
// exit code must be identical. MESHSIM_RANDOM_PROGRAMS sets the number of programs (default
// 300), MESHSIM_RANDOM_SEED the first seed (default 1): a failing seed reruns alone with
//   MESHSIM_RANDOM_SEED=<seed> MESHSIM_RANDOM_PROGRAMS=1 npx vitest run test/riscv/qemu-random.test.ts
import { hex } from '../../sim/errors.ts';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseElf } from '../../sim/riscv/elf.ts';
import { execElf } from '../../sim/riscv/process.ts';
import { missing, runQemu } from '../support/tools.ts';
import { encode, MNEMONICS, OPS, type Mnemonic } from '../support/rv32-encode.ts';
import { emptyCounts, explainOutputDiff, generateProgram, lockStep } from './random-programs.ts';

const PROGRAMS = Number(process.env.MESHSIM_RANDOM_PROGRAMS ?? 300);
const FIRST_SEED = Number(process.env.MESHSIM_RANDOM_SEED ?? 1);
const seeds = Array.from({ length: PROGRAMS }, (_, i) => FIRST_SEED + i);

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function runOurs(elf: Uint8Array, path: string, countMix: boolean) {
  const chunks: Uint8Array[] = [];
  const r = execElf(parseElf(elf, path), { stdout: (b) => chunks.push(b.slice()), maxInstructions: 1e8, countMix });
  return { ...r, stdout: concat(chunks) };
}

describe('random RV32IM programs', () => {
  it(`the generator emits every one of the 48 RV32IM operations (${PROGRAMS} programs)`, () => {
    const live = emptyCounts();
    const dead = emptyCounts();
    for (const seed of seeds) {
      const p = generateProgram(seed);
      for (const m of MNEMONICS) {
        live[m] += p.counts[m];
        dead[m] += p.deadCounts[m];
      }
    }
    expect(MNEMONICS).toHaveLength(48);
    // ebreak stops a qemu-user process with SIGTRAP, so it only appears in jumped-over code.
    const missingLive = MNEMONICS.filter((m) => m !== 'ebreak' && live[m] === 0);
    expect(missingLive, `operations never emitted in executed code: ${missingLive.join(' ')}`).toEqual([]);
    expect(dead.ebreak).toBeGreaterThan(0);
    if (PROGRAMS >= 100) {
      const rare = MNEMONICS.filter((m) => m !== 'ebreak' && live[m] < PROGRAMS / 10);
      expect(rare, `operations emitted fewer than ${PROGRAMS / 10} times: ${rare.join(' ')}`).toEqual([]);
    }
  });

  it('the encoder agrees with objdump on every operation', () => {
    if (missing('objdump', 'checking the test encoder against binutils')) return;
    const words: number[] = [];
    const expected: string[] = [];
    const base = 0x1000;
    let seed = 12345;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const pick = <T,>(xs: T[]) => xs[rnd(xs.length)];
    for (let round = 0; round < 6; round++) {
      for (const m of MNEMONICS) {
        const pc = base + 4 * words.length;
        const [a, b, c] = [rnd(32), rnd(32), rnd(32)];
        const imm12 = round === 0 ? -2048 : round === 1 ? 2047 : rnd(4096) - 2048;
        const { fmt } = OPS[m];
        let text: string;
        let w: number;
        if (fmt === 'R') [w, text] = [encode(m, a, b, c), `${m}\tx${a},x${b},x${c}`];
        else if (fmt === 'I' && m !== 'jalr') [w, text] = [encode(m, a, b, imm12), `${m}\tx${a},x${b},${imm12}`];
        else if (fmt === 'I' || fmt === 'L') [w, text] = [encode(m, a, b, imm12), `${m}\tx${a},${imm12}(x${b})`];
        else if (fmt === 'S') [w, text] = [encode(m, a, b, imm12), `${m}\tx${a},${imm12}(x${b})`];
        else if (fmt === 'SH') [w, text] = [encode(m, a, b, c), `${m}\tx${a},x${b},${hex(c)}`];
        else if (fmt === 'B') {
          const off = pick([-4096, 4094, 2 * (rnd(4096) - 2048)]);
          [w, text] = [encode(m, a, b, off), `${m}\tx${a},x${b},${hex(pc + off)}`];
        } else if (fmt === 'J') {
          const off = pick([-(1 << 20), (1 << 20) - 2, 2 * (rnd(1 << 20) - (1 << 19))]);
          [w, text] = [encode(m, a, off), `${m}\tx${a},${hex(pc + off)}`];
        } else if (fmt === 'U') {
          const imm = pick([0, 0xfffff, rnd(1 << 20)]);
          [w, text] = [encode(m, a, imm), `${m}\tx${a},${hex(imm)}`];
        } else if (fmt === 'FENCE') {
          const [pred, succ] = [1 + rnd(15), 1 + rnd(15)];
          const set = (x: number) => ['i', 'o', 'r', 'w'].filter((_, i) => x & (8 >> i)).join('');
          [w, text] = [encode(m, pred, succ), `${m}\t${set(pred)},${set(succ)}`];
        } else [w, text] = [encode(m), m];
        words.push(w);
        expected.push(text);
      }
    }
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-enc-'));
    try {
      const bin = join(dir, 'words.bin');
      const bytes = new Uint8Array(4 * words.length);
      words.forEach((w, i) => new DataView(bytes.buffer).setUint32(4 * i, w, true));
      writeFileSync(bin, bytes);
      const r = spawnSync('riscv64-unknown-elf-objdump',
        ['-D', '-b', 'binary', '-m', 'riscv:rv32', '-M', 'no-aliases,numeric', `--adjust-vma=${base}`, bin], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const got = [...r.stdout.matchAll(/^\s*[0-9a-f]+:\t[0-9a-f]{8}\s+(.*)$/gm)].map((m) => m[1].trim().replace(/\s+#.*$/, ''));
      expect(got).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`${PROGRAMS} random programs give the same stdout and exit code under qemu-riscv32 and meshsim`, () => {
    if (missing('qemu', 'comparing random programs with qemu-riscv32')) return;
    const started = Date.now();
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-random-'));
    const mismatches: string[] = [];
    const executed = emptyCounts() as Record<string, number>;
    let instructions = 0;
    let qemuMs = 0;
    for (const seed of seeds) {
      const program = generateProgram(seed);
      const path = join(dir, `random-${seed}.elf`);
      writeFileSync(path, program.elf, { mode: 0o755 }); // qemu-user refuses files without x permission
      const t = Date.now();
      const q = runQemu(path);
      qemuMs += Date.now() - t;
      // Both the plain and the mix-counting interpreter loops, each against qemu.
      for (const countMix of [false, true]) {
        const what = `seed ${seed}${countMix ? ' (countMix)' : ''}`;
        let ours;
        try {
          ours = runOurs(program.elf, path, countMix);
        } catch (e) {
          mismatches.push(`${what}: meshsim stopped with "${(e as Error).message}" (qemu exited ${q.exitCode})`);
          break;
        }
        if (countMix) {
          instructions += ours.instructions;
          for (const [m, n] of Object.entries(ours.mix ?? {})) executed[m] = (executed[m] ?? 0) + n;
        }
        const diff = explainOutputDiff(q.stdout, ours.stdout);
        if (ours.exitCode !== q.exitCode || diff !== 'stdout identical') {
          mismatches.push(`${what}: exit code qemu ${q.exitCode} ours ${ours.exitCode}; ${diff}`);
        }
      }
      if (q.stderr.length > 0) mismatches.push(`seed ${seed}: qemu wrote to stderr: ${q.stderr.toString().trim()}`);
    }
    const notExecuted = MNEMONICS.filter((m: Mnemonic) => m !== 'ebreak' && !executed[m]);
    console.log(`random programs: ${PROGRAMS} (seeds ${FIRST_SEED}..${FIRST_SEED + PROGRAMS - 1}), ` +
      `${instructions} instructions executed by meshsim, ${mismatches.length} mismatches, ` +
      `${47 - notExecuted.length}/47 operations executed (ebreak only in dead code), ` +
      `qemu ${qemuMs} ms, total ${Date.now() - started} ms`);
    if (mismatches.length === 0) rmSync(dir, { recursive: true, force: true });
    else {
      // Pinpoint the first failing program's bad instruction with a qemu register trace.
      const seed = Number(/^seed (\d+)/.exec(mismatches[0])?.[1]);
      const program = generateProgram(seed);
      const r = lockStep(program.elf, `trace-${seed}`, dir);
      mismatches.unshift(`first failing seed ${seed} single-stepped against qemu: ${r.error ?? r.fault ?? `no register difference in ${r.steps} steps`}`);
      console.log(`failing ELF files kept in ${dir}`);
    }
    expect(mismatches.slice(0, 20), `${mismatches.length} mismatches`).toEqual([]);
    if (PROGRAMS >= 50) expect(notExecuted, `operations never executed: ${notExecuted.join(' ')}`).toEqual([]);
  });
});
