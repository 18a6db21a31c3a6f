import { mulberry32 } from '../../sim/random.ts';
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addressState, disassemble, listing } from '../../sim/riscv/disassemble.ts';
import { parseElf } from '../../sim/riscv/elf.ts';
import { missing } from '../support/tools.ts';

const KERNELS = new URL('../../kernels/build/', import.meta.url).pathname;
const elfsUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.elf'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
const objdump = (path: string) => execFileSync('riscv64-unknown-elf-objdump', ['-d', path], { encoding: 'utf8', maxBuffer: 1 << 28 });
const instructionLines = (text: string) => text.split('\n').filter((l) => /^ *[0-9a-f]+:\t/.test(l)).length;

// Expected texts are what binutils 2.40 objdump prints (checked by hand against it); pc = 0x100.
const at = (word: number, pc = 0x100) => disassemble(word, pc);

describe('disassemble: RV32I and RV32M words, as objdump prints them', () => {
  it.each<[string, number, string]>([
    // U-type: the immediate is the 20-bit field in hex
    ['lui', 0x12345537, 'lui\ta0,0x12345'],
    ['lui max', 0xfffff537, 'lui\ta0,0xfffff'],
    ['lui zero', 0x00000037, 'lui\tzero,0x0'],
    ['auipc', 0x80000517, 'auipc\ta0,0x80000'],
    // jal: j without a link, jal alone for ra
    ['j back', 0xffdff06f, 'j\t0xfc'],
    ['j self', 0x0000006f, 'j\t0x100'],
    ['jal ra', 0x008000ef, 'jal\t0x108'],
    ['jal t0', 0x008002ef, 'jal\tt0,0x108'],
    ['jal most negative', 0x800000ef, 'jal\t0xfff00100'],
    ['jal most positive', 0x7ffff56f, 'jal\ta0,0x1000fe'],
    // jalr: ret, jr, jalr and the offset forms
    ['ret', 0x00008067, 'ret'],
    ['jr', 0x00050067, 'jr\ta0'],
    ['jr offset', 0xffc50067, 'jr\t-4(a0)'],
    ['jr 1(ra)', 0x00108067, 'jr\t1(ra)'],
    ['jalr', 0x000500e7, 'jalr\ta0'],
    ['jalr offset', 0x004500e7, 'jalr\t4(a0)'],
    ['jalr rd', 0x000502e7, 'jalr\tt0,a0'],
    ['jalr rd offset', 0x7ff502e7, 'jalr\tt0,2047(a0)'],
    ['jalr funct3 1', 0x00051067, '.4byte\t0x51067'],
    // branches and their zero-register aliases
    ['beq', 0x00b50463, 'beq\ta0,a1,0x108'],
    ['beq zero first', 0x00b00463, 'beq\tzero,a1,0x108'],
    ['beqz', 0x00050463, 'beqz\ta0,0x108'],
    ['bne', 0x00b51463, 'bne\ta0,a1,0x108'],
    ['bnez', 0x00051463, 'bnez\ta0,0x108'],
    ['blt', 0x00b54463, 'blt\ta0,a1,0x108'],
    ['bltz', 0x00054463, 'bltz\ta0,0x108'],
    ['bgtz', 0x00b04463, 'bgtz\ta1,0x108'],
    ['bltz zero', 0x00004463, 'bltz\tzero,0x108'],
    ['bge', 0x00b55463, 'bge\ta0,a1,0x108'],
    ['bgez', 0x00055463, 'bgez\ta0,0x108'],
    ['blez', 0x00b05463, 'blez\ta1,0x108'],
    ['blez zero', 0x00005463, 'blez\tzero,0x108'],
    ['bltu keeps zero', 0x00056463, 'bltu\ta0,zero,0x108'],
    ['bgeu keeps zero', 0x00b07463, 'bgeu\tzero,a1,0x108'],
    ['branch most negative', 0x80b50063, 'beq\ta0,a1,0xfffff100'],
    ['branch most positive', 0x7eb50fe3, 'beq\ta0,a1,0x10fe'],
    ['branch funct3 2', 0x00b52463, '.4byte\t0xb52463'],
    // loads and stores, signed 12-bit offsets
    ['lb', 0x80058503, 'lb\ta0,-2048(a1)'],
    ['lh', 0x7ff59503, 'lh\ta0,2047(a1)'],
    ['lw', 0xfff5a503, 'lw\ta0,-1(a1)'],
    ['lbu', 0x0005c503, 'lbu\ta0,0(a1)'],
    ['lhu', 0x0085d503, 'lhu\ta0,8(a1)'],
    ['load funct3 3', 0x0005b503, '.4byte\t0x5b503'],
    ['sb', 0x80a58023, 'sb\ta0,-2048(a1)'],
    ['sh', 0x7ea59fa3, 'sh\ta0,2047(a1)'],
    ['sw', 0xfea5afa3, 'sw\ta0,-1(a1)'],
    ['store funct3 3', 0x00a5b023, '.4byte\t0xa5b023'],
    // OP-IMM: this objdump names addi/xori/ori/andi/slli/srli/srai add/xor/or/and/sll/srl/sra
    ['nop', 0x00000013, 'nop'],
    ['li', 0x80000513, 'li\ta0,-2048'],
    ['li 0', 0x00000513, 'li\ta0,0'],
    ['li to zero', 0x00100013, 'li\tzero,1'],
    ['mv', 0x00058513, 'mv\ta0,a1'],
    ['addi', 0x7ff58513, 'add\ta0,a1,2047'],
    ['addi negative', 0xfff58513, 'add\ta0,a1,-1'],
    ['slti', 0xfff5a513, 'slti\ta0,a1,-1'],
    ['sltiu', 0x7ff5b513, 'sltiu\ta0,a1,2047'],
    ['seqz', 0x0015b513, 'seqz\ta0,a1'],
    ['xori', 0x8005c513, 'xor\ta0,a1,-2048'],
    ['not', 0xfff5c513, 'not\ta0,a1'],
    ['ori', 0x0015e513, 'or\ta0,a1,1'],
    ['andi', 0x0fe5f513, 'and\ta0,a1,254'],
    ['zext.b', 0x0ff5f513, 'zext.b\ta0,a1'],
    ['slli', 0x01f59513, 'sll\ta0,a1,0x1f'],
    ['slli 6-bit shamt', 0x03f59513, 'sll\ta0,a1,0x3f'],
    ['srli', 0x0015d513, 'srl\ta0,a1,0x1'],
    ['srai', 0x41f5d513, 'sra\ta0,a1,0x1f'],
    ['srai 0', 0x4005d513, 'sra\ta0,a1,0x0'],
    ['slli bad funct7', 0x40159513, '.4byte\t0x40159513'],
    ['srli bad funct7', 0x8005d513, '.4byte\t0x8005d513'],
    // OP and M
    ['add', 0x00c58533, 'add\ta0,a1,a2'],
    ['add zeros', 0x00000033, 'add\tzero,zero,zero'],
    ['sub', 0x40c58533, 'sub\ta0,a1,a2'],
    ['neg', 0x40c00533, 'neg\ta0,a2'],
    ['sll', 0x00c59533, 'sll\ta0,a1,a2'],
    ['slt', 0x00c5a533, 'slt\ta0,a1,a2'],
    ['sltz', 0x0005a533, 'sltz\ta0,a1'],
    ['sgtz', 0x00c02533, 'sgtz\ta0,a2'],
    ['sltu', 0x00c5b533, 'sltu\ta0,a1,a2'],
    ['sltu rs2 zero', 0x0005b533, 'sltu\ta0,a1,zero'],
    ['snez', 0x00c03533, 'snez\ta0,a2'],
    ['xor', 0x00c5c533, 'xor\ta0,a1,a2'],
    ['srl', 0x00c5d533, 'srl\ta0,a1,a2'],
    ['sra', 0x40c5d533, 'sra\ta0,a1,a2'],
    ['or', 0x00c5e533, 'or\ta0,a1,a2'],
    ['and', 0x00c5f533, 'and\ta0,a1,a2'],
    ['mul', 0x02c58533, 'mul\ta0,a1,a2'],
    ['mulh', 0x02c59533, 'mulh\ta0,a1,a2'],
    ['mulhsu', 0x02c5a533, 'mulhsu\ta0,a1,a2'],
    ['mulhu', 0x02c5b533, 'mulhu\ta0,a1,a2'],
    ['div', 0x02c5c533, 'div\ta0,a1,a2'],
    ['divu', 0x02c5d533, 'divu\ta0,a1,a2'],
    ['rem', 0x02c5e533, 'rem\ta0,a1,a2'],
    ['remu', 0x02c5f533, 'remu\ta0,a1,a2'],
    ['M with a zero source keeps it', 0x02000533, 'mul\ta0,zero,zero'],
    ['OP funct7 0x40', 0x80c58533, '.4byte\t0x80c58533'],
    ['sub-like funct3 1', 0x40c59533, '.4byte\t0x40c59533'],
    // MISC-MEM
    ['fence', 0x0ff0000f, 'fence'],
    ['fence rw,rw', 0x0330000f, 'fence\trw,rw'],
    ['fence i,o', 0x0840000f, 'fence\ti,o'],
    ['fence empty sets', 0x0000000f, 'fence\tunknown,unknown'],
    ['pause is fence w,0 without Zihintpause', 0x0100000f, 'fence\tw,unknown'],
    ['fence.tso', 0x8330000f, 'fence.tso'],
    ['fence other fm', 0x8ff0000f, '.4byte\t0x8ff0000f'],
    ['fence with rd', 0x0ff0050f, '.4byte\t0xff0050f'],
    ['fence.i is Zifencei', 0x0000100f, '.4byte\t0x100f'],
    // SYSTEM
    ['ecall', 0x00000073, 'ecall'],
    ['ebreak', 0x00100073, 'ebreak'],
    ['mret', 0x30200073, 'mret'],
    ['sret', 0x10200073, 'sret'],
    ['wfi', 0x10500073, 'wfi'],
    ['sfence.vma', 0x12000073, 'sfence.vma'],
    ['sfence.vma rs1', 0x12050073, 'sfence.vma\ta0'],
    ['sfence.vma rs1,rs2', 0x12628073, 'sfence.vma\tt0,t1'],
    ['sfence.vm rs1', 0x10450073, 'sfence.vm\ta0'],
    ['unimp', 0xc0001073, 'unimp'],
    ['rdcycle', 0xc0002573, 'rdcycle\ta0'],
    ['rdinstreth', 0xc8202573, 'rdinstreth\ta0'],
    ['csrw is Zicsr', 0x00001073, '.4byte\t0x1073'],
    ['csrrs with rs1', 0xc0052573, '.4byte\t0xc0052573'],
    ['ecall with rd', 0x00000573, '.4byte\t0x573'],
    // neither RV32IM nor anything objdump knows under rv32im
    ['all ones', 0xffffffff, '.4byte\t0xffffffff'],
    ['zero', 0x00000000, '.4byte\t0x0'],
    ['F extension', 0x00000553, '.4byte\t0x553'],
    ['A extension', 0x1000202f, '.4byte\t0x1000202f'],
    ['RV64 addiw', 0x0005051b, '.4byte\t0x5051b'],
  ])('%s', (_, word, text) => {
    expect(at(word)).toBe(text);
  });

  it('names branch targets with the symbol callback', () => {
    const symbolName = (addr: number) => (addr >= 0x100 ? `main+0x${(addr - 0x100).toString(16)}` : `_start-0x${(0x100 - addr).toString(16)}`);
    expect(disassemble(0xfe050ee3, 0x11c, symbolName)).toBe('beqz\ta0,118 <main+0x18>');
    expect(disassemble(0xff5ff0ef, 0x100, symbolName)).toBe('jal\tf4 <_start-0xc>');
    expect(disassemble(0x0000006f, 0x100, symbolName)).toBe('j\t100 <main+0x0>');
    expect(disassemble(0x0000006f, 0x100, () => undefined)).toBe('j\t0x100');
  });

  it('comments addresses computed from lui/auipc, gp, tp and zero like objdump', () => {
    const s = addressState(0x1800);
    const seq = (word: number, pc: number) => disassemble(word, pc, undefined, s);
    expect(seq(0x00000517, 0x100)).toBe('auipc\ta0,0x0');
    expect(seq(0x01050513, 0x104)).toBe('add\ta0,a0,16 # 0x110');
    expect(seq(0x01050513, 0x108)).toBe('add\ta0,a0,16'); // the auipc result is used up
    expect(seq(0x000015b7, 0x10c)).toBe('lui\ta1,0x1');
    expect(seq(0x00058613, 0x110)).toBe('mv\ta2,a1'); // mv neither uses nor clears it
    expect(seq(0xffc5a503, 0x114)).toBe('lw\ta0,-4(a1) # 0xffc');
    expect(seq(0x00a5a223, 0x118)).toBe('sw\ta0,4(a1)');
    expect(seq(0x80418513, 0x11c)).toBe('add\ta0,gp,-2044 # 0x1004');
    expect(seq(0x0101a503, 0x120)).toBe('lw\ta0,16(gp) # 0x1810');
    expect(seq(0x00a02823, 0x124)).toBe('sw\ta0,16(zero) # 0x10');
    expect(seq(0x00420513, 0x128)).toBe('add\ta0,tp,4 # 0x4');
    expect(seq(0x00012437, 0x12c)).toBe('lui\ts0,0x12');
    expect(seq(0x000400e7, 0x130)).toBe('jalr\ts0 # 0x12000');
    expect(seq(0xfffff5b7, 0x134)).toBe('lui\ta1,0xfffff');
    expect(seq(0xffc5a503, 0x138)).toBe('lw\ta0,-4(a1) # 0xffffeffc');
    expect(seq(0x00400513, 0x13c)).toBe('li\ta0,4'); // li is addi from zero: no comment
    // a fresh state per call still comments zero- and tp-relative addresses
    expect(disassemble(0x010000e7, 0)).toBe('jalr\t16(zero) # 0x10');
  });
});

describe('listing', () => {
  it('prints the objdump header, sections, labels and lines of a committed kernel', () => {
    const path = elfsUnder(KERNELS).find((p) => p.includes('/programs/'));
    expect(path, `no *.elf under ${KERNELS}programs`).toBeDefined();
    if (!path) return;
    const text = listing(parseElf(readFileSync(path), path));
    expect(text.startsWith(`\n${path}:     file format elf32-littleriscv\n\n\nDisassembly of section .text:\n\n00000000 <_start>:\n`)).toBe(true);
    expect(text).toMatch(/^ +0:\t[0-9a-f]{8} {10}\t\S/m);
  });
});

describe.skipIf(missing('objdump', 'comparing the disassembler with objdump'))('listing equals riscv64-unknown-elf-objdump -d', () => {
  it('on every ELF under kernels/build', () => {
    const paths = elfsUnder(KERNELS);
    expect(paths.length, `no *.elf under ${KERNELS}`).toBeGreaterThan(0);
    let compared = 0;
    for (const path of paths) {
      const theirs = objdump(path);
      expect(listing(parseElf(readFileSync(path), path)).split('\n'), path).toEqual(theirs.split('\n'));
      compared += instructionLines(theirs);
    }
    console.log(`disassembler: ${compared} lines of ${paths.length} kernels equal objdump's`);
  });

  it('on a generated program of random words covering every opcode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-disasm-'));
    try {
      writeFileSync(join(dir, 'random.s'), randomProgram(20_000));
      const path = join(dir, 'random.elf');
      execFileSync('riscv64-unknown-elf-as', ['-march=rv32im', '-mabi=ilp32', join(dir, 'random.s'), '-o', join(dir, 'random.o')]);
      execFileSync('riscv64-unknown-elf-ld', ['-m', 'elf32lriscv', '-Ttext=0x1000', join(dir, 'random.o'), '-o', path]);
      const theirs = objdump(path);
      expect(listing(parseElf(readFileSync(path), path)).split('\n')).toEqual(theirs.split('\n'));
      console.log(`disassembler: ${instructionLines(theirs)} lines of random words equal objdump's`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ---- random program -------------------------------------------------------------------------

const MAJOR = [0x37, 0x17, 0x6f, 0x67, 0x63, 0x03, 0x23, 0x13, 0x33, 0x0f, 0x73];
// words objdump decodes that random fields rarely hit
const SPECIAL = [
  0x00000073, 0x00100073, 0x00200073, 0x10200073, 0x20200073, 0x30200073, 0x7b200073, 0x10500073,
  0x10400073, 0x10450073, 0x12000073, 0x12050073, 0x12b00073, 0xc0001073, 0x8330000f, 0x0ff0000f,
  0x00000013, 0x00008067,
];
const COUNTERS = [0xc00, 0xc01, 0xc02, 0xc80, 0xc81, 0xc82];
const IMMEDIATES = [0, 1, -1, 255, 2047, -2048, 4, -16];

// Words that are biased towards aliases (zero registers, special immediates), invalid funct
// fields, and address arithmetic (a lui/auipc result used as the next base register). Every word
// has a 32-bit length encoding (low bits 11, bits 4:2 not 111), as all RV32IM code does.
function randomWords(count: number, seed: number): number[] {
  const rand = mulberry32(seed);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const reg = () => (rand() < 0.3 ? 0 : rand() < 0.1 ? 1 : Math.floor(rand() * 32));
  const set = (w: number, shift: number, bits: number, value: number) => ((w & ~(((1 << bits) - 1) << shift)) | ((value & ((1 << bits) - 1)) << shift)) >>> 0;
  const words: number[] = [];
  let lastHi = -1; // rd of the last lui/auipc
  while (words.length < count) {
    let w = Math.floor(rand() * 2 ** 32);
    if (rand() < 0.03) {
      w = rand() < 0.7 ? pick(SPECIAL) : ((pick(COUNTERS) << 20) | (reg() << 7) | 0x2073) >>> 0;
    } else if (rand() < 0.9) {
      const opcode = pick(MAJOR);
      w = set(w, 0, 7, opcode);
      w = set(w, 7, 5, reg());
      w = set(w, 15, 5, lastHi > 0 && rand() < 0.5 ? lastHi : reg());
      w = set(w, 20, 5, reg());
      if (rand() < 0.7) w = set(w, 25, 7, pick([0, 0x20, 1, 0x09])); // funct7 of OP, M, shifts, sfence.vma
      if (rand() < 0.3) w = set(w, 20, 12, pick(IMMEDIATES));
      if (opcode === 0x0f && rand() < 0.8) w = set(set(w, 7, 13, 0), 28, 4, 0); // fence: rd, funct3, rs1, fm = 0
      if (opcode === 0x73 && rand() < 0.5) w = set(w, 12, 3, 0);
    } else if ((w & 0x1f) >= 0x1c || (w & 3) !== 3) {
      continue; // not a 32-bit-length word
    }
    const opcode = w & 0x7f;
    lastHi = opcode === 0x37 || opcode === 0x17 ? (w >>> 7) & 31 : lastHi;
    words.push(w >>> 0);
  }
  return words;
}

// The words as assembly, with labels of different kinds (the symbol objdump picks for an
// address depends on type, binding, size and name), 16-bit parcels, data and zero runs in .text,
// and data symbols that lui/auipc and gp-relative addresses resolve to.
function randomProgram(count: number): string {
  const lines = ['.text', '.globl _start', '_start:'];
  randomWords(count, 0x5eed).forEach((w, i) => {
    if (i % 97 === 50) lines.push(`.globl f${i}`, `.type f${i}, @function`, `.size f${i}, ${4 * (i % 7)}`, `f${i}:`);
    if (i % 193 === 7) lines.push(`l${i}:`);
    if (i % 389 === 11) lines.push('.insn 2, 0x4', '.byte 0, 0', `.globl g${i}`, `g${i}:`, `l${i}b:`);
    if (i % 1009 === 3) lines.push('.word 0x12345678', '.insn 2, 0x4', '.insn 2, 0');
    if (i % 1013 === 5) lines.push('.word 0', '.byte 1, 2, 3', '.insn 2, 0x8', '.insn 2, 0xc', '.byte 5');
    if (i % 2003 === 9) lines.push('.zero 9', '.insn 2, 0x4', '.byte 0');
    lines.push(`.insn 4, 0x${w.toString(16)}`);
  });
  lines.push('.data', '.globl table', '.type table, @object', '.size table, 64', 'table: .zero 64', 'local_data: .zero 4000');
  lines.push('.section .sdata', 'small: .word 1', '.section .sbss', 'counter: .zero 4');
  return lines.join('\n') + '\n';
}
