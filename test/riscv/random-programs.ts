// Deterministic generator of random RV32IM test programs, for differential testing against
// qemu-riscv32. A program is a static ELF whose stdout (plus exit code) captures its final
// register file and data memory, so comparing stdout compares the whole final state.
//
// Memory layout (all far below 16 MiB):
//   0x000000 .. 0x000400  zero page head (never touched)
//   0x000400 .. 0x000480  register dump: x0..x31 (x0's slot receives the scratch write's return value)
//   0x000480 .. 0x000800  "abs" area, random initial bytes, accessed x0-relative (lw rd, imm(x0))
//   0x001000 ..           code: prologue, main body, epilogue, leaf functions
//   0x200000 .. 0x201000  scratch data, accessed through a reserved base register = 0x200800;
//                         random initial bytes in the file, the tail zero-filled (bss)
// stdout = [bytes of mid-program write ecalls] + scratch (4096 B) + low area 0x400..0x800 (1024 B).
import { mulberry32 } from '../../sim/random.ts';
import { hex32 } from '../../sim/errors.ts';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { disassemble } from '../../sim/riscv/disassemble.ts';
import { parseElf } from '../../sim/riscv/elf.ts';
import { FlatProcess } from '../../sim/riscv/process.ts';
import { qemuTrace } from '../support/tools.ts';
import { encode, hiLo, MNEMONICS, type Mnemonic } from '../support/rv32-encode.ts';
import { writeElf32 } from '../support/elf-writer.ts';

export const CODE_BASE = 0x1000;
export const LOW_AREA = 0x400;
export const LOW_SIZE = 0x400;
export const DUMP = 0x400;
export const ABS_AREA = 0x480;
export const SCRATCH = 0x200000;
export const SCRATCH_SIZE = 0x1000;
const BASE_VALUE = SCRATCH + 0x800;

export interface GenOptions {
  /** Number of top-level items in the main body (each is 1..~40 instructions). */
  items?: number;
  /** Largest loop trip count. */
  maxTrip?: number;
  /** Number of leaf functions. */
  functions?: number;
}

export interface RandomProgram {
  seed: number;
  elf: Uint8Array;
  entry: number;
  /** Code words from CODE_BASE, and the mnemonic of each (null for never-executed filler). */
  words: number[];
  mnemonics: (Mnemonic | null)[];
  /** How often each mnemonic was emitted in reachable code (dead filler not included). */
  counts: Record<Mnemonic, number>;
  /** Mnemonics emitted only in dead code (jumped over), e.g. ebreak. */
  deadCounts: Record<Mnemonic, number>;
  reserved: { base: number; counters: number[]; link: number };
}


const R_OPS: Mnemonic[] = ['add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and',
  'mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu'];
const I_OPS: Mnemonic[] = ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi'];
const SH_OPS: Mnemonic[] = ['slli', 'srli', 'srai'];
const LOADS: [Mnemonic, number][] = [['lb', 1], ['lh', 2], ['lw', 4], ['lbu', 1], ['lhu', 2]];
const STORES: [Mnemonic, number][] = [['sb', 1], ['sh', 2], ['sw', 4]];
const BRANCHES: Mnemonic[] = ['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu'];
const DIVS: Mnemonic[] = ['div', 'divu', 'rem', 'remu'];

const EDGE_VALUES = [0, 1, -1, 2, -2, 0x7ff, -0x800, 0x800, -0x801, 0x7fffffff, -0x80000000, -0x7fffffff, 0xfff,
  -0x1000, 0xffff, 0x8000, 0x7fff, 0xff, 0x80, 31, 32, 33, 0x55555555, -0x55555556, 0x10000, 0x7ffff800];
const EDGE_IMM12 = [0, 1, -1, 0x7ff, -0x800, 0x7fe, -0x7ff, 2, -2, 31, 32];
const EDGE_IMM20 = [0, 1, 0xfffff, 0x80000, 0x7ffff, 0x00800];

interface Ctx {
  depth: number; // nesting of blocks (branches, loops)
  loops: number; // enclosing loops
  inFunction: boolean;
}

class Generator {
  readonly rand: () => number;
  readonly words: number[] = [];
  readonly mnemonics: (Mnemonic | null)[] = [];
  readonly base: number;
  readonly counters: number[];
  readonly link: number;
  readonly writable: number[];
  readonly deadOps: Mnemonic[] = [];
  readonly calls: { index: number; fn: number; viaAuipc: boolean; temp: number }[] = [];
  functions = 0;

  constructor(seed: number, readonly opts: Required<GenOptions>) {
    this.rand = mulberry32(seed);
    // Reserved registers are chosen at random, but never among a0..a7 (x10..x17): ecall uses those.
    const pool = this.shuffle(Array.from({ length: 31 }, (_, i) => i + 1).filter((r) => r < 10 || r > 17));
    [this.base, this.counters, this.link] = [pool[0], [pool[1], pool[2]], pool[3]];
    const reserved = new Set([this.base, ...this.counters, this.link]);
    this.writable = Array.from({ length: 31 }, (_, i) => i + 1).filter((r) => !reserved.has(r));
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)];
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.rand() * (i + 1));
      [xs[i], xs[j]] = [xs[j], xs[i]];
    }
    return xs;
  }
  u32(): number {
    return Math.floor(this.rand() * 2 ** 32) | 0;
  }
  value(): number {
    const r = this.rand();
    if (r < 0.35) return this.pick(EDGE_VALUES) | 0;
    if (r < 0.55) return this.int(-300, 300);
    if (r < 0.65) return (1 << this.int(0, 31)) | 0;
    return this.u32();
  }
  imm12(): number {
    return this.chance(0.3) ? this.pick(EDGE_IMM12) : this.int(-2048, 2047);
  }
  imm20(): number {
    return this.chance(0.3) ? this.pick(EDGE_IMM20) : this.int(0, 0xfffff);
  }
  /** Destination register: mostly writable ones, sometimes x0. */
  rd(): number {
    return this.chance(0.04) ? 0 : this.pick(this.writable);
  }
  /** Source register: any, reserved ones and x0 included. */
  rs(): number {
    return this.chance(0.85) ? this.pick(this.writable) : this.int(0, 31);
  }

  get pc(): number {
    return CODE_BASE + 4 * this.words.length;
  }
  emit(m: Mnemonic, a = 0, b = 0, c = 0): number {
    this.words.push(encode(m, a, b, c));
    this.mnemonics.push(m);
    return this.words.length - 1;
  }
  patch(index: number, m: Mnemonic, a = 0, b = 0, c = 0): void {
    this.words[index] = encode(m, a, b, c);
    this.mnemonics[index] = m;
  }
  li(rd: number, value: number): void {
    const v = value | 0;
    if (v >= -2048 && v <= 2047 && this.chance(0.7)) {
      this.emit('addi', rd, 0, v);
      return;
    }
    const { hi, lo } = hiLo(v);
    this.emit('lui', rd, hi);
    this.emit('addi', rd, rd, lo);
  }

  // ---- items ----

  /** An access of `size` bytes: returns [rs1, imm] with the address inside scratch, aligned. */
  address(size: number): [number, number] {
    const r = this.rand();
    if (r < 0.15) return [0, ABS_AREA + size * this.int(0, (0x800 - ABS_AREA) / size - 1)];
    const off = size * this.int(Math.ceil(-2048 / size), Math.floor((2047 - size + 1) / size));
    if (r < 0.3) {
      // Through a derived pointer t = base + d, with the same final address.
      const d = 4 * this.int(-256, 256);
      const imm = off - d;
      if (imm >= -2048 && imm <= 2047) {
        const t = this.pick(this.writable);
        this.emit('addi', t, this.base, d);
        return [t, imm];
      }
    }
    return [this.base, off];
  }

  simple(): void {
    const r = this.rand();
    if (r < 0.3) this.emit(this.pick(R_OPS), this.rd(), this.rs(), this.rs());
    else if (r < 0.45) this.emit(this.pick(I_OPS), this.rd(), this.rs(), this.imm12());
    else if (r < 0.53) this.emit(this.pick(SH_OPS), this.rd(), this.rs(), this.chance(0.3) ? this.pick([0, 1, 31, 16]) : this.int(0, 31));
    else if (r < 0.57) this.emit('lui', this.rd(), this.imm20());
    else if (r < 0.6) this.emit('auipc', this.rd(), this.imm20());
    else if (r < 0.66) this.li(this.rd(), this.value());
    else if (r < 0.78) {
      const [m, size] = this.pick(LOADS);
      const rd = this.rd();
      const [rs1, imm] = this.address(size);
      this.emit(m, rd, rs1, imm);
    } else if (r < 0.9) {
      const [m, size] = this.pick(STORES);
      const [rs1, imm] = this.address(size);
      this.emit(m, this.rs(), rs1, imm);
    } else if (r < 0.96) {
      // Division corner cases: x / 0, INT_MIN / -1, and friends.
      const [a, b] = this.shuffle([...this.writable]).slice(0, 2);
      this.li(a, this.chance(0.5) ? -0x80000000 : this.value());
      this.li(b, this.pick([0, -1, 1, -0x80000000]));
      this.emit(this.pick(DIVS), this.rd(), a, b);
    } else {
      this.emit('fence', this.int(0, 15), this.int(0, 15));
    }
  }

  /** Never-executed filler: random valid encodings, ebreak and ecall included. */
  dead(n: number): void {
    for (let i = 0; i < n; i++) {
      const m = this.chance(0.4) ? 'ebreak' : this.pick(MNEMONICS);
      const f = ['ecall', 'ebreak', 'fence'].includes(m) ? 0 : 1;
      this.words.push(encode(m, f && 1, f && 2, f && 4));
      this.mnemonics.push(null);
      this.deadOps.push(m);
    }
  }

  block(n: number, ctx: Ctx): void {
    for (let i = 0; i < n; i++) this.item(ctx);
  }

  item(ctx: Ctx): void {
    const r = this.rand();
    const deeper: Ctx = { ...ctx, depth: ctx.depth + 1 };
    const canNest = ctx.depth < 3;
    if (canNest && r < 0.08) {
      // Forward conditional branch over a block that may or may not run.
      const at = this.emit('beq');
      this.block(this.int(0, 4), deeper);
      this.patch(at, this.pick(BRANCHES), this.rs(), this.rs(), this.pc - (CODE_BASE + 4 * at));
    } else if (canNest && r < 0.11) {
      // jal over dead code.
      const at = this.emit('jal');
      this.dead(this.int(0, 3));
      this.patch(at, 'jal', this.rd(), this.pc - (CODE_BASE + 4 * at));
    } else if (canNest && r < 0.14) {
      // auipc t, 0; addi t, t, d; jalr rd, imm(t) -> skips dead code; imm sometimes odd (bit 0 is cleared).
      const t = this.pick(this.writable);
      const from = this.pc;
      this.emit('auipc', t, 0);
      const d = 4 * this.int(-250, 250);
      this.emit('addi', t, t, d);
      const at = this.emit('jalr');
      this.dead(this.int(0, 3));
      const imm = this.pc - (from + d) + (this.chance(0.3) ? 1 : 0);
      this.patch(at, 'jalr', this.chance(0.2) ? t : this.rd(), t, imm);
    } else if (canNest && ctx.loops < 2 && !ctx.inFunction && r < 0.2) {
      this.loop(ctx);
    } else if (!ctx.inFunction && this.functions > 0 && r < 0.24) {
      const viaAuipc = this.chance(0.4);
      const temp = this.pick(this.writable);
      this.calls.push({ index: this.words.length, fn: this.int(0, this.functions - 1), viaAuipc, temp });
      if (viaAuipc) this.emit('auipc', temp, 0);
      this.emit(viaAuipc ? 'jalr' : 'jal', this.link);
    } else if (r < 0.26) {
      // A write of a few scratch bytes to stdout; its return value (a0) flows on.
      this.emit('addi', 10, 0, 1);
      this.emit('addi', 11, this.base, this.int(-2048, 2047 - 16));
      this.emit('addi', 12, 0, this.int(0, 16));
      this.emit('addi', 17, 0, 64);
      this.emit('ecall');
    } else {
      this.simple();
    }
  }

  loop(ctx: Ctx): void {
    const c = this.counters[ctx.loops];
    const trips = this.int(1, this.opts.maxTrip);
    const style = this.int(0, 4);
    this.li(c, style === 3 ? trips - 1 : trips);
    const top = this.pc;
    this.block(this.int(1, 8), { depth: ctx.depth + 1, loops: ctx.loops + 1, inFunction: false });
    this.emit('addi', c, c, -1);
    const back = () => top - this.pc;
    if (back() < -4000) {
      // Too far for a conditional branch: leave through a beq and go back with jal.
      if (style === 3) this.emit('blt', c, 0, 8);
      else this.emit('beq', c, 0, 8);
      this.emit('jal', 0, back());
    } else if (style === 0) this.emit('bne', c, 0, back());
    else if (style === 1) this.emit('blt', 0, c, back());
    else if (style === 2) this.emit('bltu', 0, c, back());
    else if (style === 3) this.emit('bge', c, 0, back());
    else {
      this.emit('beq', c, 0, 8);
      this.emit('jal', 0, back());
    }
  }

  build(): { words: number[]; mnemonics: (Mnemonic | null)[] } {
    const { items, functions } = this.opts;
    this.functions = functions;
    // Prologue: random initial registers, reserved ones included (qemu's initial sp depends on
    // its environment, so no register may keep its initial value).
    for (let r = 1; r < 32; r++) this.li(r, this.value());
    this.li(this.base, BASE_VALUE);
    // Body.
    this.block(items, { depth: 0, loops: 0, inFunction: false });
    // Epilogue: dump registers, write scratch, record its return value, write the low area, exit.
    for (let r = 1; r < 32; r++) this.emit('sw', r, 0, DUMP + 4 * r);
    const exitReg = this.int(1, 31);
    this.emit('addi', 10, 0, 1);
    this.li(11, SCRATCH);
    this.li(12, SCRATCH_SIZE);
    this.emit('addi', 17, 0, 64);
    this.emit('ecall');
    this.emit('sw', 10, 0, DUMP);
    this.emit('addi', 10, 0, 1);
    this.emit('addi', 11, 0, LOW_AREA);
    this.li(12, LOW_SIZE);
    this.emit('ecall');
    this.emit('lw', 10, 0, DUMP + 4 * exitReg);
    this.emit('andi', 10, 10, 255);
    this.emit('addi', 17, 0, 93);
    this.emit('ecall');
    this.dead(1);
    // Leaf functions: straight-line code with forward jumps, returning through the link register.
    const addrs: number[] = [];
    for (let f = 0; f < functions; f++) {
      addrs.push(this.pc);
      this.block(this.int(1, 8), { depth: 1, loops: 0, inFunction: true });
      this.emit('jalr', 0, this.link, 0);
    }
    for (const call of this.calls) {
      const from = CODE_BASE + 4 * call.index;
      const offset = addrs[call.fn] - from;
      if (call.viaAuipc) {
        const { hi, lo } = hiLo(offset);
        this.patch(call.index, 'auipc', call.temp, hi);
        this.patch(call.index + 1, 'jalr', this.link, call.temp, lo);
      } else {
        this.patch(call.index, 'jal', this.link, offset);
      }
    }
    return { words: this.words, mnemonics: this.mnemonics };
  }
}

export function emptyCounts(): Record<Mnemonic, number> {
  return Object.fromEntries(MNEMONICS.map((m) => [m, 0])) as Record<Mnemonic, number>;
}

export function generateProgram(seed: number, options: GenOptions = {}): RandomProgram {
  const g = new Generator(seed, { items: options.items ?? 120, maxTrip: options.maxTrip ?? 8, functions: options.functions ?? 2 });
  const { words, mnemonics } = g.build();
  const code = new Uint8Array(CODE_BASE + 4 * words.length);
  const view = new DataView(code.buffer);
  for (let i = ABS_AREA; i < 0x800; i++) code[i] = g.int(0, 255);
  words.forEach((w, i) => view.setUint32(CODE_BASE + 4 * i, w, true));
  // Scratch: random initial bytes, except a zero-filled (bss) tail of random length.
  const filesz = SCRATCH_SIZE - 4 * g.int(0, 256);
  const scratch = new Uint8Array(filesz);
  for (let i = 0; i < filesz; i++) scratch[i] = g.int(0, 255);
  const elf = writeElf32({
    entry: CODE_BASE,
    segments: [
      { vaddr: 0, data: code },
      { vaddr: SCRATCH, data: scratch, memsz: SCRATCH_SIZE },
    ],
  });
  const counts = emptyCounts();
  for (const m of mnemonics) if (m) counts[m]++;
  const deadCounts = emptyCounts();
  for (const m of g.deadOps) deadCounts[m]++;
  return { seed, elf, entry: CODE_BASE, words, mnemonics, counts, deadCounts, reserved: { base: g.base, counters: g.counters, link: g.link } };
}

/** Explains the first difference between two outputs of the same program (expected = qemu). */
export function explainOutputDiff(expected: Uint8Array, actual: Uint8Array): string {
  const tail = SCRATCH_SIZE + LOW_SIZE;
  if (expected.length !== actual.length) {
    return `stdout length differs: qemu ${expected.length} bytes, ours ${actual.length} bytes`;
  }
  let i = 0;
  while (i < expected.length && expected[i] === actual[i]) i++;
  if (i === expected.length) return 'stdout identical';
  const hex = (b: Uint8Array, at: number, n: number) => Array.from(b.subarray(at, at + n), (x) => x.toString(16).padStart(2, '0')).join('');
  const word = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset).getUint32(at, true).toString(16).padStart(8, '0');
  const start = expected.length - tail;
  if (i < start) return `mid-program write output differs at stdout byte ${i}: qemu ${hex(expected, i, 8)} ours ${hex(actual, i, 8)}`;
  if (i < start + SCRATCH_SIZE) {
    const a = SCRATCH + (i - start);
    const w = a & ~3;
    return `memory differs at 0x${a.toString(16)}: word 0x${w.toString(16)} qemu ${word(expected, start + w - SCRATCH)} ours ${word(actual, start + w - SCRATCH)}`;
  }
  const a = LOW_AREA + (i - start - SCRATCH_SIZE);
  const w = a & ~3;
  const at = start + SCRATCH_SIZE + (w - LOW_AREA);
  if (w < DUMP + 128) {
    const r = (w - DUMP) / 4;
    const what = r === 0 ? 'return value of the scratch write ecall' : `register x${r}`;
    return `${what} differs: qemu 0x${word(expected, at)} ours 0x${word(actual, at)}`;
  }
  return `memory differs at 0x${a.toString(16)}: word 0x${w.toString(16)} qemu ${word(expected, at)} ours ${word(actual, at)}`;
}

// ---- Lock-step comparison with qemu's single-step register trace ----


export interface LockStep {
  steps: number;
  pcs: number[];
  error?: string;
  /** For a program qemu kills with a signal: the signal, and where meshsim stopped. */
  fault?: string;
}

// Runs `elf` under qemu with a trace and single-steps meshsim beside it.
export function lockStep(elf: Uint8Array, name: string, dir: string): LockStep {
  const path = join(dir, `${name}.elf`);
  const log = join(dir, `${name}.log`);
  writeFileSync(path, elf, { mode: 0o755 }); // qemu-user refuses files without x permission
  const { trace, signal } = qemuTrace(path, log);
  rmSync(log, { force: true });
  const pcs = trace.map((t) => t.pc);
  const fail = (error: string): LockStep => ({ steps: trace.length, pcs, error: `${name}: ${error}` });
  if (trace.length === 0) return fail('qemu produced an empty trace');
  const p = new FlatProcess(parseElf(elf, path), { stdout: () => {}, stderr: () => {} });
  if (p.hart.pc !== trace[0].pc) return fail(`entry pc: qemu ${hex32(trace[0].pc)} ours ${hex32(p.hart.pc)}`);
  for (let r = 1; r < 32; r++) p.hart.setReg(r, trace[0].regs[r]);
  const describeInsn = (pc: number) => {
    const w = p.hart.fetchWord(pc);
    return `${hex32(pc)}: ${w === undefined ? '?' : `${hex32(w)} (${disassemble(w, pc)})`}`;
  };
  // With a signal, qemu's last entry is the instruction that faulted (or, for a bad jump, the
  // jump whose target could not be fetched): meshsim must stop with a fault there or one later.
  for (let i = 0; i <= trace.length; i++) {
    if (i === trace.length) {
      if (!signal) break;
      try {
        p.step();
      } catch (e) {
        return { steps: trace.length, pcs, fault: `${signal}; meshsim after ${i} steps: ${(e as Error).message}` };
      }
      return fail(`qemu ended by ${signal} after ${trace.length} instructions, meshsim is still running at ${hex32(p.hart.pc)}`);
    }
    const { pc, regs } = trace[i];
    const diffs: string[] = [];
    if (p.hart.pc !== pc) diffs.push(`pc qemu ${hex32(pc)} ours ${hex32(p.hart.pc)}`);
    for (let r = 0; r < 32; r++) {
      if (p.hart.getReg(r) !== regs[r]) diffs.push(`x${r} qemu ${hex32(regs[r])} ours ${hex32(p.hart.getReg(r))}`);
    }
    if (diffs.length > 0) {
      const after = i > 0 ? ` after instruction ${describeInsn(trace[i - 1].pc)}` : '';
      return fail(`step ${i}${after}: ${diffs.join(', ')}`);
    }
    let running: boolean;
    try {
      running = p.step();
    } catch (e) {
      if (signal && i === trace.length - 1) {
        return { steps: trace.length, pcs, fault: `${signal}; meshsim at step ${i}: ${(e as Error).message}` };
      }
      return fail(`step ${i} at ${describeInsn(pc)}: meshsim stopped with "${(e as Error).message}"${signal ? ` (qemu: ${signal} after ${trace.length} steps)` : ''}`);
    }
    if (!running && i !== trace.length - 1) return fail(`meshsim exited after ${i + 1} instructions, qemu ran ${trace.length}`);
    if (!running && signal) return fail(`meshsim exited normally; qemu ended by ${signal}`);
    if (running && i === trace.length - 1 && !signal) {
      return fail(`qemu exited after ${trace.length} instructions, meshsim is still running at ${hex32(p.hart.pc)}`);
    }
  }
  if (p.hart.instructions !== trace.length) return fail(`instruction count: qemu ${trace.length} ours ${p.hart.instructions}`);
  return { steps: trace.length, pcs };
}
