// RV32IM disassembler that prints what GNU objdump 2.40 (`riscv64-unknown-elf-objdump -d`, default
// options, so with aliases) prints for code marked rv32im: same mnemonics (this objdump writes
// `add a0,a0,16` for addi and `sll` for slli), operands, branch targets and `# addr <sym>` comments.
// It also knows the few privileged and counter instructions objdump decodes under plain rv32im;
// any other word prints as objdump prints an unknown 32-bit instruction, `.4byte 0x...`.
import { SHF_EXECINSTR, type ElfImage, type ElfSection, type ElfSymbol } from './elf.ts';

export const REGISTERS = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

/** Names an address for `<...>`, e.g. `main+0x1c`; without one, addresses print as `0x...`.
 *  A branch target comes as objdump computes it, in 64 bits: below 0 or above 0xffffffff when
 *  the branch wraps around the address space (objdump then names it after the highest symbol). */
export type SymbolName = (addr: number) => string | undefined;

/** What objdump carries from one instruction to the next to comment computed addresses. */
export interface AddressState {
  gp?: number; // the value of __global_pointer$: gp-relative operands get a comment
  hi: (number | undefined)[]; // per register, a lui/auipc result no address has used yet
}

export const addressState = (gp?: number): AddressState => ({ gp, hi: [] });

const hex = (n: number) => (n >>> 0).toString(16);

const LOADS = ['lb', 'lh', 'lw', , 'lbu', 'lhu'];
const STORES = ['sb', 'sh', 'sw'];
const BRANCHES = ['beq', 'bne', , , 'blt', 'bge', 'bltu', 'bgeu'];
const OP = ['add', 'sll', 'slt', 'sltu', 'xor', 'srl', 'or', 'and'];
const OP_ALT = ['sub', , , , , 'sra']; // funct7 0x20
const MULDIV = ['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu']; // funct7 1
// OP-IMM under the names this objdump picks: addi/xori/ori/andi/slli/srli print as add/xor/...
const OP_IMM = ['add', 'sll', 'slti', 'sltiu', 'xor', 'srl', 'or', 'and'];
// Aliases that drop a zero register, in the order objdump tries them: [register that is zero, alias].
const ZERO_ALIASES: Record<string, [zero: 'rs1' | 'rs2', alias: string][]> = {
  beq: [['rs2', 'beqz']],
  bne: [['rs2', 'bnez']],
  blt: [['rs2', 'bltz'], ['rs1', 'bgtz']],
  bge: [['rs1', 'blez'], ['rs2', 'bgez']],
  sub: [['rs1', 'neg']],
  slt: [['rs2', 'sltz'], ['rs1', 'sgtz']],
  sltu: [['rs1', 'snez']],
};
const IMM_ALIASES: Record<string, [imm: number, alias: string]> = { sltiu: [1, 'seqz'], xor: [-1, 'not'], and: [255, 'zext.b'] };
const SYSTEM: Record<number, string> = {
  0x00000073: 'ecall', 0x00100073: 'ebreak', 0x00200073: 'uret', 0x10200073: 'sret', 0x20200073: 'hret',
  0x30200073: 'mret', 0x7b200073: 'dret', 0x10500073: 'wfi', 0xc0001073: 'unimp',
};
const COUNTERS: Record<number, string> = { 0xc00: 'rdcycle', 0xc01: 'rdtime', 0xc02: 'rdinstret', 0xc80: 'rdcycleh', 0xc81: 'rdtimeh', 0xc82: 'rdinstreth' };
const fenceSet = (bits: number) => (bits ? [...'iorw'].filter((_, i) => bits & (8 >> i)).join('') : 'unknown');

/** The text objdump prints after the hex word, e.g. `beqz\ta0,1c <main+0x1c>`. */
export function disassemble(word: number, pc: number, symbolName?: SymbolName, state = addressState()): string {
  const address = (addr: number) => {
    const name = symbolName?.(addr);
    return name === undefined ? `0x${hex(addr)}` : `${hex(addr)} <${name}>`;
  };
  let comment: number | undefined;
  // objdump's maybe_print_address: an address computed from a lui/auipc result, gp, tp or zero
  const note = (base: number, offset: number) => {
    const hi = state.hi[base];
    if (hi !== undefined) {
      state.hi[base] = undefined;
      comment = (base === 0 ? 0 : hi) + offset;
    } else if (base === 3 && state.gp !== undefined) comment = state.gp + offset;
    else if (base === 4 || base === 0) comment = offset;
  };
  const text = decode(word >>> 0, pc, state, address, note) ?? `.4byte\t0x${hex(word)}`;
  return comment === undefined ? text : `${text} # ${address(comment >>> 0)}`;
}

function decode(w: number, pc: number, state: AddressState, address: (a: number) => string, note: (base: number, offset: number) => void): string | undefined {
  const R = REGISTERS;
  const rd = (w >>> 7) & 31;
  const f3 = (w >>> 12) & 7;
  const rs1 = (w >>> 15) & 31;
  const rs2 = (w >>> 20) & 31;
  const f7 = w >>> 25;
  const immI = w >> 20;
  // `prefix` is the destination operand, if any; an alias drops its zero source register
  const dropZero = (name: string, prefix: string) => {
    const alias = ZERO_ALIASES[name]?.find(([zero]) => (zero === 'rs1' ? rs1 : rs2) === 0);
    if (!alias) return `${name}\t${prefix}${R[rs1]},${R[rs2]}`;
    return `${alias[1]}\t${prefix}${R[alias[0] === 'rs1' ? rs2 : rs1]}`;
  };
  switch (w & 0x7f) {
    case 0x37: // lui
      state.hi[rd] = (w & 0xfffff000) >>> 0;
      return `lui\t${R[rd]},0x${hex(w >>> 12)}`;
    case 0x17: // auipc
      state.hi[rd] = (pc + (w & 0xfffff000)) >>> 0;
      return `auipc\t${R[rd]},0x${hex(w >>> 12)}`;
    case 0x6f: { // jal
      const target = address(pc + (((w >> 31) << 20) | (w & 0xff000) | (((w >>> 20) & 1) << 11) | (((w >>> 21) & 0x3ff) << 1)));
      return rd === 0 ? `j\t${target}` : rd === 1 ? `jal\t${target}` : `jal\t${R[rd]},${target}`;
    }
    case 0x67: { // jalr: the offset operand and the base register each note the address
      if (f3 !== 0) return undefined;
      if (rd === 0 && rs1 === 1 && immI === 0) return 'ret';
      const name = rd === 0 ? 'jr' : 'jalr';
      const link = rd === 0 || rd === 1 ? '' : `${R[rd]},`;
      if (immI !== 0) note(rs1, immI);
      note(rs1, immI);
      return `${name}\t${link}${immI === 0 ? R[rs1] : `${immI}(${R[rs1]})`}`;
    }
    case 0x63: { // branches
      const name = BRANCHES[f3];
      if (!name) return undefined;
      return `${dropZero(name, '')},${address(pc + (((w >> 31) << 12) | (((w >>> 7) & 1) << 11) | (((w >>> 25) & 0x3f) << 5) | (((w >>> 8) & 0xf) << 1)))}`;
    }
    case 0x03: { // loads
      const name = LOADS[f3];
      if (!name) return undefined;
      note(rs1, immI);
      return `${name}\t${R[rd]},${immI}(${R[rs1]})`;
    }
    case 0x23: { // stores
      const name = STORES[f3];
      const imm = ((w >> 25) << 5) | rd;
      if (!name) return undefined;
      note(rs1, imm);
      return `${name}\t${R[rs2]},${imm}(${R[rs1]})`;
    }
    case 0x13: { // OP-IMM
      if (f3 === 1 || f3 === 5) { // shifts: a 6-bit shamt field, as objdump reads it even on RV32
        const arithmetic = w >>> 26 === 0x10;
        if (w >>> 26 !== 0 && !(f3 === 5 && arithmetic)) return undefined;
        return `${arithmetic ? 'sra' : OP_IMM[f3]}\t${R[rd]},${R[rs1]},0x${hex((w >>> 20) & 0x3f)}`;
      }
      if (f3 === 0) {
        if (w === 0x13) return 'nop';
        if (rs1 === 0) return `li\t${R[rd]},${immI}`;
        if (immI === 0) return `mv\t${R[rd]},${R[rs1]}`;
        note(rs1, immI);
      }
      const [imm, alias] = IMM_ALIASES[OP_IMM[f3]] ?? [];
      if (immI === imm) return `${alias}\t${R[rd]},${R[rs1]}`;
      return `${OP_IMM[f3]}\t${R[rd]},${R[rs1]},${immI}`;
    }
    case 0x33: { // OP and M
      const name = f7 === 0 ? OP[f3] : f7 === 0x20 ? OP_ALT[f3] : f7 === 1 ? MULDIV[f3] : undefined;
      return name && dropZero(name, `${R[rd]},`);
    }
    case 0x0f: { // MISC-MEM: only fence; fence.i is Zifencei, not rv32im
      if (w === 0x8330000f) return 'fence.tso';
      if ((w & 0xf00fff80) !== 0) return undefined;
      const pred = (w >>> 24) & 15;
      const succ = (w >>> 20) & 15;
      return pred === 15 && succ === 15 ? 'fence' : `fence\t${fenceSet(pred)},${fenceSet(succ)}`;
    }
    case 0x73: { // SYSTEM: CSR instructions are Zicsr, except unimp and the counter aliases
      if (SYSTEM[w]) return SYSTEM[w];
      if (f3 === 2 && rs1 === 0 && COUNTERS[w >>> 20]) return `${COUNTERS[w >>> 20]}\t${R[rd]}`;
      if (f3 !== 0 || rd !== 0) return undefined;
      if (w >>> 20 === 0x104) return rs1 === 0 ? 'sfence.vm' : `sfence.vm\t${R[rs1]}`;
      if (f7 !== 0x09) return undefined;
      return rs2 !== 0 ? `sfence.vma\t${R[rs1]},${R[rs2]}` : rs1 !== 0 ? `sfence.vma\t${R[rs1]}` : 'sfence.vma';
    }
  }
  return undefined;
}

// ---- listing ------------------------------------------------------------------------------------

const SHN_UNDEF = 0;
const SHN_ABS = 0xfff1;

// RISC-V mapping symbols: $d starts data, $x (or $x<isa>) starts code. objdump never names an
// address after them, and prints data as .word/.short/.byte.
const isMapping = (name: string) => name === '$d' || name === '$x' || name.startsWith('$xrv');
const DATA: Record<number, string> = { 1: '.byte', 2: '.short', 4: '.word' };
const SHT_NOBITS = 8;

// objdump's compare_symbols: by value, then functions, objects, globals, larger sizes, names
// not starting with '.', and by name.
function compareSymbols(a: ElfSymbol, b: ElfSymbol): number {
  const key = (s: ElfSymbol) => [s.type !== 'func', s.type !== 'object', !s.global, -s.size, s.name.startsWith('.')].map(Number);
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  const [ka, kb] = [key(a), key(b)];
  const i = ka.findIndex((v, j) => v !== kb[j]);
  if (i >= 0) return ka[i] - kb[i];
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

// Absolute symbols (a linker --defsym) belong to no section: objdump uses them only when no
// symbol of the section itself is at that address.
const within = (s: ElfSymbol, section: ElfSection) => s.section !== SHN_ABS && s.value >= section.addr && s.value < section.addr + section.size;
// a branch target that wrapped below 0 is, to 64-bit objdump, above every symbol
const above = (addr: number) => (addr < 0 ? Infinity : addr);
// the last element matching, of a list sorted by value
const last = <T>(list: T[], match: (x: T) => boolean) => list.filter(match).pop();

/** The whole `objdump -d` output for an RV32IM executable: every executable section, labelled.
 *  A symbol counts as in the section its value falls in. */
export function listing(image: ElfImage): string {
  const all = image.symbols.filter((s) => s.type !== 'section' && s.type !== 'file' && s.section !== SHN_UNDEF).sort(compareSymbols);
  const symbols = all.filter((s) => !isMapping(s.name));
  const mapping = all.filter((s) => isMapping(s.name));
  const state = addressState(last(symbols, (s) => s.name === '__global_pointer$')?.value);
  const view = new DataView(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength);

  // objdump's find_symbol_for_address: the last symbol at or below addr (else the first one),
  // preferring, among symbols of that value, one defined in the section being disassembled (by
  // its section index: a linker symbol such as __init_array_end at the end of .text belongs to
  // .text though its value is past it), then one whose value falls in it.
  const find = (addr: number, section: ElfSection) => {
    const value = (last(symbols, (s) => s.value <= above(addr)) ?? symbols[0]).value;
    const group = symbols.filter((s) => s.value === value);
    const index = image.sections.indexOf(section);
    return group.find((s) => s.section === index) ?? group.find((s) => within(s, section)) ?? group[0];
  };
  const symbolic = (sym: ElfSymbol, addr: number) =>
    sym.name + (above(addr) > sym.value ? `+0x${hex(addr - sym.value)}` : addr < sym.value ? `-0x${hex(sym.value - addr)}` : '');

  let out = `\n${image.path}:     file format elf32-littleriscv\n\n`;
  for (const section of image.sections) {
    if (!(section.flags & SHF_EXECINSTR) || section.type === SHT_NOBITS || section.size === 0) continue;
    const end = section.addr + section.size;
    const symbolName: SymbolName | undefined = symbols.length ? (addr) => symbolic(find(addr, section), addr) : undefined;
    // the address column drops the leading zeros of the section's end address, in groups of 4
    const zeros = 8 - hex(end).length;
    const width = 8 - (zeros > 0 ? (zeros - 1) & ~3 : 0);
    const line = (addr: number, bytes: string, pad: number, text: string) => `${hex(addr).padStart(width)}:\t${bytes.padEnd(pad)}\t${text}\n`;
    const isData = (addr: number) => last(mapping, (m) => m.value <= addr && within(m, section))?.name === '$d';
    const nextMapping = (addr: number) => mapping.find((m) => m.value > addr && within(m, section))?.value ?? end;

    out += `\nDisassembly of section ${section.name}:\n`;
    let addr = section.addr;
    let sym = symbols.length ? find(addr, section) : undefined;
    while (addr < end) {
      out += `\n${hex(addr).padStart(8, '0')} <${sym ? symbolic(sym, addr) : section.name}>:\n`;
      // this label's run ends at the next higher symbol of the section
      const next = !sym || sym.value > addr ? sym : symbols.find((s) => s.value > sym!.value && within(s, section));
      const stop = next?.value ?? end;
      while (addr < stop) {
        const offset = section.offset + addr - section.addr;
        // objdump prints `...` for 8 or more zero bytes (whole words, unless they end the run)
        // and for 1 or 2 zero bytes that end it
        let zeros = 0;
        while (addr + zeros < stop && image.bytes[offset + zeros] === 0) zeros++;
        if (zeros >= 8 || (addr + zeros === stop && zeros < 3)) {
          out += '\t...\n';
          addr += addr + zeros === stop ? zeros : zeros & ~3;
          continue;
        }
        if (!isData(addr) && stop - addr >= 4) {
          const word = view.getUint32(offset, true);
          if ((word & 3) !== 3) { // a 16-bit parcel: not an rv32im instruction, shown on its own
            const half = hex(word & 0xffff);
            out += line(addr, half.padStart(4, '0'), 20, `.2byte\t0x${half}`);
            addr += 2;
            continue;
          }
          out += line(addr, hex(word).padStart(8, '0'), 18, disassemble(word, addr, symbolName, state));
          addr += 4;
        } else { // data: a word, or what is left before the next mapping symbol or label
          const size = [0, 1, 2, 2, 4][Math.min(4, nextMapping(addr) - addr, stop - addr)];
          const value = size === 4 ? view.getUint32(offset, true) : size === 2 ? view.getUint16(offset, true) : view.getUint8(offset);
          const digits = hex(value).padStart(2 * size, '0');
          out += line(addr, digits, size === 2 ? 20 : 18, `${DATA[size]}\t0x${digits}`);
          addr += size;
        }
      }
      sym = next;
    }
  }
  return out;
}
