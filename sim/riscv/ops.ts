// Mnemonics of the interpreter's op ids (sim/wasm/ops.ts), index = op id.
export const OP_NAMES = [
  '', 'lui', 'auipc', 'jal', 'jalr', 'beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu',
  'lb', 'lh', 'lw', 'lbu', 'lhu', 'sb', 'sh', 'sw',
  'addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai',
  'add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and',
  'mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu',
  'fence', 'ecall', 'ebreak',
] as const;

export type OpClass = 'alu' | 'mul' | 'div' | 'branch' | 'jump' | 'load' | 'store' | 'system';

export function opClass(name: string): OpClass {
  if (/^(mul)/.test(name)) return 'mul';
  if (/^(div|rem)/.test(name)) return 'div';
  if (/^b/.test(name)) return 'branch';
  if (/^jal/.test(name)) return 'jump';
  if (/^l[bhw]/.test(name)) return 'load';
  if (/^s[bhw]$/.test(name)) return 'store';
  if (/^(fence|ecall|ebreak)$/.test(name)) return 'system';
  return 'alu';
}
