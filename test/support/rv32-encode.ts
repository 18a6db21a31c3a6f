// A small table-driven RV32IM instruction encoder for tests: every function returns one
// 32-bit instruction word (unsigned). Operand order follows the assembler:
//   R: op(rd, rs1, rs2)      I: op(rd, rs1, imm)      shifts: op(rd, rs1, shamt)
//   loads: lw(rd, rs1, imm)  = lw rd, imm(rs1)        stores: sw(rs2, rs1, imm) = sw rs2, imm(rs1)
//   B: beq(rs1, rs2, offset) U: lui(rd, imm20)        J: jal(rd, offset)
// Offsets are byte offsets relative to the instruction's own address.

export type Format = 'R' | 'I' | 'SH' | 'L' | 'S' | 'B' | 'U' | 'J' | 'SYS' | 'FENCE';

interface OpInfo {
  fmt: Format;
  opcode: number;
  f3: number;
  f7: number;
}

const op = (fmt: Format, opcode: number, f3 = 0, f7 = 0): OpInfo => ({ fmt, opcode, f3, f7 });

// The 48 RV32IM operations: the 40 of RV32I (fence, ecall and ebreak included) and the 8 of M.
export const OPS = {
  lui: op('U', 0x37),
  auipc: op('U', 0x17),
  jal: op('J', 0x6f),
  jalr: op('I', 0x67, 0),
  beq: op('B', 0x63, 0),
  bne: op('B', 0x63, 1),
  blt: op('B', 0x63, 4),
  bge: op('B', 0x63, 5),
  bltu: op('B', 0x63, 6),
  bgeu: op('B', 0x63, 7),
  lb: op('L', 0x03, 0),
  lh: op('L', 0x03, 1),
  lw: op('L', 0x03, 2),
  lbu: op('L', 0x03, 4),
  lhu: op('L', 0x03, 5),
  sb: op('S', 0x23, 0),
  sh: op('S', 0x23, 1),
  sw: op('S', 0x23, 2),
  addi: op('I', 0x13, 0),
  slti: op('I', 0x13, 2),
  sltiu: op('I', 0x13, 3),
  xori: op('I', 0x13, 4),
  ori: op('I', 0x13, 6),
  andi: op('I', 0x13, 7),
  slli: op('SH', 0x13, 1, 0x00),
  srli: op('SH', 0x13, 5, 0x00),
  srai: op('SH', 0x13, 5, 0x20),
  add: op('R', 0x33, 0, 0x00),
  sub: op('R', 0x33, 0, 0x20),
  sll: op('R', 0x33, 1, 0x00),
  slt: op('R', 0x33, 2, 0x00),
  sltu: op('R', 0x33, 3, 0x00),
  xor: op('R', 0x33, 4, 0x00),
  srl: op('R', 0x33, 5, 0x00),
  sra: op('R', 0x33, 5, 0x20),
  or: op('R', 0x33, 6, 0x00),
  and: op('R', 0x33, 7, 0x00),
  fence: op('FENCE', 0x0f, 0),
  ecall: op('SYS', 0x73, 0, 0),
  ebreak: op('SYS', 0x73, 0, 1), // f7 holds imm12 here
  mul: op('R', 0x33, 0, 0x01),
  mulh: op('R', 0x33, 1, 0x01),
  mulhsu: op('R', 0x33, 2, 0x01),
  mulhu: op('R', 0x33, 3, 0x01),
  div: op('R', 0x33, 4, 0x01),
  divu: op('R', 0x33, 5, 0x01),
  rem: op('R', 0x33, 6, 0x01),
  remu: op('R', 0x33, 7, 0x01),
} as const satisfies Record<string, OpInfo>;

export type Mnemonic = keyof typeof OPS;
export const MNEMONICS = Object.keys(OPS) as Mnemonic[];

function reg(r: number): number {
  if (!Number.isInteger(r) || r < 0 || r > 31) throw new RangeError(`bad register x${r}`);
  return r;
}

function signedImm(v: number, bits: number, align: number, what: string): number {
  const lo = -(2 ** (bits - 1));
  const hi = 2 ** (bits - 1) - 1;
  if (!Number.isInteger(v) || v < lo || v > hi || v % align !== 0) {
    throw new RangeError(`${what} ${v} does not fit a ${bits}-bit signed immediate${align > 1 ? ` aligned to ${align}` : ''}`);
  }
  return v;
}

// encode('add', rd, rs1, rs2), encode('sw', rs2, rs1, imm), encode('beq', rs1, rs2, off), ...
export function encode(m: Mnemonic, a = 0, b = 0, c = 0): number {
  const { fmt, opcode, f3, f7 } = OPS[m];
  let w: number;
  switch (fmt) {
    case 'R':
      w = (f7 << 25) | (reg(c) << 20) | (reg(b) << 15) | (f3 << 12) | (reg(a) << 7) | opcode;
      break;
    case 'I':
    case 'L':
      w = ((signedImm(c, 12, 1, m) & 0xfff) << 20) | (reg(b) << 15) | (f3 << 12) | (reg(a) << 7) | opcode;
      break;
    case 'SH':
      if (!Number.isInteger(c) || c < 0 || c > 31) throw new RangeError(`${m} shift amount ${c} not in 0..31`);
      w = (f7 << 25) | (c << 20) | (reg(b) << 15) | (f3 << 12) | (reg(a) << 7) | opcode;
      break;
    case 'S': {
      const imm = signedImm(c, 12, 1, m) & 0xfff;
      w = ((imm >> 5) << 25) | (reg(a) << 20) | (reg(b) << 15) | (f3 << 12) | ((imm & 31) << 7) | opcode;
      break;
    }
    case 'B': {
      const imm = signedImm(c, 13, 2, `${m} offset`) & 0x1fff;
      w = (((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (reg(b) << 20) | (reg(a) << 15) | (f3 << 12) |
        (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | opcode;
      break;
    }
    case 'U':
      if (!Number.isInteger(b) || b < 0 || b > 0xfffff) throw new RangeError(`${m} immediate ${b} not in 0..0xfffff`);
      w = (b << 12) | (reg(a) << 7) | opcode;
      break;
    case 'J': {
      const imm = signedImm(b, 21, 2, 'jal offset') & 0x1fffff;
      w = (((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20) | (((imm >> 12) & 0xff) << 12) |
        (reg(a) << 7) | opcode;
      break;
    }
    case 'SYS':
      w = (f7 << 20) | opcode;
      break;
    case 'FENCE': // a = pred, b = succ (4-bit IORW masks)
      w = ((a & 15) << 24) | ((b & 15) << 20) | opcode;
      break;
  }
  return w >>> 0;
}

type R3 = (rd: number, rs1: number, rs2: number) => number;
type I3 = (rd: number, rs1: number, imm: number) => number;
const r3 = (m: Mnemonic): R3 => (x, y, z) => encode(m, x, y, z);

export const [add, sub, sll, slt, sltu, xor, srl, sra, or, and] =
  (['add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and'] as const).map(r3);
export const [mul, mulh, mulhsu, mulhu, div, divu, rem, remu] =
  (['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu'] as const).map(r3);
export const [addi, slti, sltiu, xori, ori, andi, slli, srli, srai, jalr]: I3[] =
  (['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai', 'jalr'] as const).map(r3);
/** lb(rd, rs1, imm) = lb rd, imm(rs1) */
export const [lb, lh, lw, lbu, lhu]: I3[] = (['lb', 'lh', 'lw', 'lbu', 'lhu'] as const).map(r3);
/** sw(rs2, rs1, imm) = sw rs2, imm(rs1) */
export const [sb, sh, sw] = (['sb', 'sh', 'sw'] as const).map(r3);
/** beq(rs1, rs2, offset) */
export const [beq, bne, blt, bge, bltu, bgeu] = (['beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu'] as const).map(r3);
export const lui = (rd: number, imm20: number): number => encode('lui', rd, imm20);
export const auipc = (rd: number, imm20: number): number => encode('auipc', rd, imm20);
export const jal = (rd: number, offset: number): number => encode('jal', rd, offset);
export const ecall = (): number => encode('ecall');
export const ebreak = (): number => encode('ebreak');
export const fence = (pred = 15, succ = 15): number => encode('fence', pred, succ);
export const nop = (): number => addi(0, 0, 0);

/** Splits a 32-bit value into lui/auipc hi20 and addi lo12 parts: (hi << 12) + lo == value (mod 2^32). */
export function hiLo(value: number): { hi: number; lo: number } {
  const v = value | 0;
  const lo = ((v & 0xfff) ^ 0x800) - 0x800;
  const hi = ((v - lo) >>> 12) & 0xfffff;
  return { hi, lo };
}

/** li rd, value: one addi when the value fits 12 bits (unless `always2`), else lui + addi. */
export function li(rd: number, value: number, always2 = false): number[] {
  const v = value | 0;
  if (!always2 && v >= -2048 && v <= 2047) return [addi(rd, 0, v)];
  const { hi, lo } = hiLo(v);
  return [lui(rd, hi), addi(rd, rd, lo)];
}
