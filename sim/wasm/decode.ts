// RV32IM decoder for the interpreter's decode cache.
// A decoded word packs: op id (bits 0-7), rd*4 (8-15), rs1*4 (16-23), rs2*4 (24-31),
// so register operands are byte offsets into the hart block. rd = x0 maps to the sink slot 32.
// The immediate is stored beside it; pc-relative targets are stored absolute.
import * as O from './ops';

const SINK: u32 = 32;

@inline function pack(op: u32, rd: u32, rs1: u32, rs2: u32): u32 {
  return op | ((rd == 0 ? SINK : rd) << 10) | (rs1 << 18) | (rs2 << 26);
}

// Returns the packed word, or 0 when the encoding is not RV32IM. Writes the immediate to *immOut.
export function decodeWord(w: u32, pc: u32, immOut: usize): u32 {
  const opcode = w & 0x7f;
  const rd = (w >> 7) & 31;
  const f3 = (w >> 12) & 7;
  const rs1 = (w >> 15) & 31;
  const rs2 = (w >> 20) & 31;
  const f7 = w >> 25;
  const immI = <i32>w >> 20;
  const immS = ((<i32>w >> 25) << 5) | <i32>((w >> 7) & 31);
  const immB = ((<i32>w >> 31) << 12) | <i32>(((w >> 7) & 1) << 11) | <i32>(((w >> 25) & 63) << 5) | <i32>(((w >> 8) & 15) << 1);
  const immU = <i32>(w & 0xfffff000);
  const immJ = ((<i32>w >> 31) << 20) | <i32>(w & 0xff000) | <i32>(((w >> 20) & 1) << 11) | <i32>(((w >> 21) & 0x3ff) << 1);
  let op: u32 = 0;
  let imm: i32 = 0;
  switch (opcode) {
    case 0x37: op = O.OP_LUI; imm = immU; break;
    case 0x17: op = O.OP_AUIPC; imm = <i32>pc + immU; break;
    case 0x6f: op = O.OP_JAL; imm = <i32>pc + immJ; break;
    case 0x67: if (f3 == 0) { op = O.OP_JALR; imm = immI; } break;
    case 0x63: {
      if (f3 != 2 && f3 != 3) { op = f3 < 2 ? O.OP_BEQ + f3 : O.OP_BLT + f3 - 4; imm = <i32>pc + immB; }
      break;
    }
    case 0x03: {
      if (f3 == 0) op = O.OP_LB; else if (f3 == 1) op = O.OP_LH; else if (f3 == 2) op = O.OP_LW;
      else if (f3 == 4) op = O.OP_LBU; else if (f3 == 5) op = O.OP_LHU;
      imm = immI;
      break;
    }
    case 0x23: if (f3 <= 2) { op = O.OP_SB + f3; imm = immS; } break;
    case 0x13: {
      imm = immI;
      if (f3 == 0) op = O.OP_ADDI; else if (f3 == 2) op = O.OP_SLTI; else if (f3 == 3) op = O.OP_SLTIU;
      else if (f3 == 4) op = O.OP_XORI; else if (f3 == 6) op = O.OP_ORI; else if (f3 == 7) op = O.OP_ANDI;
      else if (f3 == 1) { if (f7 == 0) { op = O.OP_SLLI; imm = rs2; } }
      else if (f7 == 0) { op = O.OP_SRLI; imm = rs2; }
      else if (f7 == 0x20) { op = O.OP_SRAI; imm = rs2; }
      break;
    }
    case 0x33: {
      if (f7 == 0) {
        op = f3 == 0 ? O.OP_ADD : f3 == 1 ? O.OP_SLL : f3 == 2 ? O.OP_SLT : f3 == 3 ? O.OP_SLTU
          : f3 == 4 ? O.OP_XOR : f3 == 5 ? O.OP_SRL : f3 == 6 ? O.OP_OR : O.OP_AND;
      } else if (f7 == 0x20) {
        if (f3 == 0) op = O.OP_SUB; else if (f3 == 5) op = O.OP_SRA;
      } else if (f7 == 1) {
        op = O.OP_MUL + f3;
      }
      break;
    }
    case 0x0f: if (f3 <= 1) op = O.OP_FENCE; break; // fence and fence.i are no-ops here
    case 0x73: {
      if (w == 0x00000073) op = O.OP_ECALL;
      else if (w == 0x00100073) op = O.OP_EBREAK;
      break;
    }
  }
  if (op == 0) return 0;
  store<i32>(immOut, imm);
  return pack(op, rd, rs1, rs2);
}
