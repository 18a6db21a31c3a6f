// The RV32IM hot loop. One call runs one hart for at most `maxInstructions` instructions or
// until its local clock reaches `cycleLimit`, whichever is first, or until the hart stops
// (ecall, ebreak, MMIO access, fault). All hart state lives in linear memory (layout.ts),
// so one instance serves any number of harts.
import * as L from './layout';
import * as O from './ops';
import { decodeWord } from './decode';

const NOT_MAPPED: usize = 0;
const MMIO: usize = 1;

// Maps a hart address outside the main window: the private window, the MMIO range, or nothing.
function resolveSlow(h: usize, addr: u32, width: u32): usize {
  const localOff = addr - load<u32>(h, L.H_LOCAL_LO);
  if (localOff < load<u32>(h, L.H_LOCAL_SIZE) && localOff + width <= load<u32>(h, L.H_LOCAL_SIZE)) {
    return <usize>load<u32>(h, L.H_LOCAL_BASE) + localOff;
  }
  if (addr >= load<u32>(h, L.H_MMIO_LO) && addr < load<u32>(h, L.H_MMIO_HI)) return MMIO;
  return NOT_MAPPED;
}

// Decodes the word at pc into the cache; returns the packed word or 0 if illegal.
function fill(slot: usize, raw: u32, pc: u32): u32 {
  const packed = decodeWord(raw, pc, slot + 4);
  store<u32>(slot, packed);
  return packed;
}

@inline function divCycles(cost: usize, dividendMagnitude: u32, divisor: u32): u64 {
  if (divisor <= 1) return <u64>load<u32>(cost, L.C_DIV_FAST);
  let c = (32 - clz<u32>(dividendMagnitude)) + load<u32>(cost, L.C_DIV_BITS_ADD);
  c = max<u32>(c, load<u32>(cost, L.C_DIV_MIN));
  return <u64>min<u32>(c, load<u32>(cost, L.C_DIV_MAX));
}

@inline function execute(h: usize, maxInstructions: u32, cycleLimit: u64, counting: bool): u32 {
  let pc = load<u32>(h, L.H_PC);
  let lastPc = load<u32>(h, L.H_LAST_PC);
  let cycles = load<u64>(h, L.H_CYCLES);
  let nextStoreAt = load<u64>(h, L.H_NEXT_STORE_AT);
  const memBase = <usize>load<u32>(h, L.H_MEM_BASE);
  const memSize = load<u32>(h, L.H_MEM_SIZE);
  const codeSize = load<u32>(h, L.H_CODE_SIZE);
  const dec = <usize>load<u32>(h, L.H_DECODE_BASE);
  const cost = <usize>load<u32>(h, L.H_COST_BASE);
  const mulCycles = <u64>load<u32>(cost, L.C_MUL);
  const mispredict = <u64>load<u32>(cost, L.C_MISPREDICT);
  const loadLat = cost + L.C_LOAD_LATENCY;
  const storeGap = cost + L.C_STORE_INTERVAL;

  let limit = maxInstructions;
  let n: u32 = 0;
  let status = L.STOP_BUDGET;
  while (n < limit) {
    if (cycles >= cycleLimit) { status = L.STOP_CYCLE_LIMIT; break; }
    if (pc >= codeSize || (pc & 3) != 0) {
      status = (pc & 3) != 0 ? L.STOP_FETCH_MISALIGNED : L.STOP_FETCH_RANGE;
      store<u32>(h, pc, L.H_FAULT_ADDR);
      break;
    }
    const slot = dec + (<usize>pc << 1);
    let w = load<u32>(slot);
    if (w == 0) {
      w = fill(slot, load<u32>(memBase + pc), pc);
      if (w == 0) { status = L.STOP_ILLEGAL; store<u32>(h, pc, L.H_FAULT_ADDR); break; }
    }
    const imm = load<i32>(slot, 4);
    const op = w & 0xff;
    const rd = h + ((w >> 8) & 0xff);
    const rs1 = h + ((w >> 16) & 0xff);
    const rs2 = h + (w >> 24);
    if (counting) store<u64>(h + L.H_MIX + (op << 3), load<u64>(h + L.H_MIX + (op << 3)) + 1);
    n++;
    lastPc = pc;
    let next = pc + 4;
    let spent: u64 = 1;
    switch (op) {
      case O.OP_LUI: store<i32>(rd, imm); break;
      case O.OP_AUIPC: store<i32>(rd, imm); break;
      case O.OP_JAL: store<u32>(rd, next); next = <u32>imm; break;
      case O.OP_JALR: {
        const target = <u32>(load<i32>(rs1) + imm) & ~1;
        store<u32>(rd, next);
        next = target;
        spent = mispredict; // the target is not known at fetch: counted as a mispredict
        break;
      }
      case O.OP_BEQ: case O.OP_BNE: case O.OP_BLT: case O.OP_BGE: case O.OP_BLTU: case O.OP_BGEU: {
        const a = load<i32>(rs1);
        const b = load<i32>(rs2);
        let taken: bool;
        if (op == O.OP_BEQ) taken = a == b;
        else if (op == O.OP_BNE) taken = a != b;
        else if (op == O.OP_BLT) taken = a < b;
        else if (op == O.OP_BGE) taken = a >= b;
        else if (op == O.OP_BLTU) taken = <u32>a < <u32>b;
        else taken = <u32>a >= <u32>b;
        // Static prediction: backward branches taken, forward branches not taken.
        const predictTaken = <u32>imm <= pc;
        if (taken) next = <u32>imm;
        if (taken != predictTaken) spent = mispredict;
        break;
      }
      case O.OP_LB: case O.OP_LH: case O.OP_LW: case O.OP_LBU: case O.OP_LHU: {
        const addr = <u32>(load<i32>(rs1) + imm);
        const width: u32 = op == O.OP_LW ? 4 : (op == O.OP_LH || op == O.OP_LHU) ? 2 : 1;
        if ((addr & (width - 1)) != 0) {
          status = L.STOP_LOAD_MISALIGNED; store<u32>(h, addr, L.H_FAULT_ADDR); limit = 0; n--; next = pc; spent = 0;
          break;
        }
        let p: usize;
        if (addr < memSize && addr + width <= memSize) p = memBase + addr;
        else {
          p = resolveSlow(h, addr, width);
          if (p == NOT_MAPPED) {
            status = L.STOP_LOAD_RANGE; store<u32>(h, addr, L.H_FAULT_ADDR); limit = 0; n--; next = pc; spent = 0;
            break;
          }
          if (p == MMIO) {
            status = L.STOP_MMIO_LOAD;
            store<u32>(h, addr, L.H_MMIO_ADDR);
            store<u32>(h, width, L.H_MMIO_WIDTH);
            store<u32>(h, (w >> 10) & 63, L.H_MMIO_RD);
            store<u32>(h, op == O.OP_LB || op == O.OP_LH ? 1 : 0, L.H_MMIO_SIGNED);
            limit = 0;
            spent = <u64>load<u8>(loadLat + (addr >> 16));
            break;
          }
        }
        let v: i32;
        if (op == O.OP_LW) v = load<i32>(p);
        else if (op == O.OP_LH) v = <i32>load<i16>(p);
        else if (op == O.OP_LHU) v = <i32>load<u16>(p);
        else if (op == O.OP_LB) v = <i32>load<i8>(p);
        else v = <i32>load<u8>(p);
        store<i32>(rd, v);
        spent = <u64>load<u8>(loadLat + (addr >> 16));
        break;
      }
      case O.OP_SB: case O.OP_SH: case O.OP_SW: {
        const addr = <u32>(load<i32>(rs1) + imm);
        const width: u32 = 1 << (op - O.OP_SB);
        if ((addr & (width - 1)) != 0) {
          status = L.STOP_STORE_MISALIGNED; store<u32>(h, addr, L.H_FAULT_ADDR); limit = 0; n--; next = pc; spent = 0;
          break;
        }
        const v = load<i32>(rs2);
        let p: usize;
        if (addr < memSize && addr + width <= memSize) {
          p = memBase + addr;
          if (addr < codeSize) store<u32>(dec + (<usize>(addr & ~3) << 1), 0); // self-modifying code
        } else {
          p = resolveSlow(h, addr, width);
          if (p == NOT_MAPPED) {
            status = L.STOP_STORE_RANGE; store<u32>(h, addr, L.H_FAULT_ADDR); limit = 0; n--; next = pc; spent = 0;
            break;
          }
          if (p == MMIO) {
            status = L.STOP_MMIO_STORE;
            store<u32>(h, addr, L.H_MMIO_ADDR);
            store<u32>(h, width, L.H_MMIO_WIDTH);
            store<i32>(h, width == 4 ? v : v & ((1 << (width * 8)) - 1), L.H_MMIO_VALUE);
            limit = 0;
            break;
          }
        }
        if (op == O.OP_SW) store<i32>(p, v);
        else if (op == O.OP_SH) store<i16>(p, v);
        else store<i8>(p, v);
        // L1 accepts narrow stores only every few cycles (hardware.md §2.2, §2.7).
        if (cycles < nextStoreAt) cycles = nextStoreAt;
        nextStoreAt = cycles + <u64>load<u8>(storeGap + (addr >> 16));
        break;
      }
      case O.OP_ADDI: store<i32>(rd, load<i32>(rs1) + imm); break;
      case O.OP_SLTI: store<i32>(rd, <i32>(load<i32>(rs1) < imm)); break;
      case O.OP_SLTIU: store<i32>(rd, <i32>(<u32>load<i32>(rs1) < <u32>imm)); break;
      case O.OP_XORI: store<i32>(rd, load<i32>(rs1) ^ imm); break;
      case O.OP_ORI: store<i32>(rd, load<i32>(rs1) | imm); break;
      case O.OP_ANDI: store<i32>(rd, load<i32>(rs1) & imm); break;
      case O.OP_SLLI: store<i32>(rd, load<i32>(rs1) << imm); break;
      case O.OP_SRLI: store<u32>(rd, load<u32>(rs1) >> <u32>imm); break;
      case O.OP_SRAI: store<i32>(rd, load<i32>(rs1) >> imm); break;
      case O.OP_ADD: store<i32>(rd, load<i32>(rs1) + load<i32>(rs2)); break;
      case O.OP_SUB: store<i32>(rd, load<i32>(rs1) - load<i32>(rs2)); break;
      case O.OP_SLL: store<i32>(rd, load<i32>(rs1) << load<i32>(rs2)); break;
      case O.OP_SLT: store<i32>(rd, <i32>(load<i32>(rs1) < load<i32>(rs2))); break;
      case O.OP_SLTU: store<i32>(rd, <i32>(load<u32>(rs1) < load<u32>(rs2))); break;
      case O.OP_XOR: store<i32>(rd, load<i32>(rs1) ^ load<i32>(rs2)); break;
      case O.OP_SRL: store<u32>(rd, load<u32>(rs1) >> load<u32>(rs2)); break;
      case O.OP_SRA: store<i32>(rd, load<i32>(rs1) >> load<i32>(rs2)); break;
      case O.OP_OR: store<i32>(rd, load<i32>(rs1) | load<i32>(rs2)); break;
      case O.OP_AND: store<i32>(rd, load<i32>(rs1) & load<i32>(rs2)); break;
      case O.OP_MUL: store<i32>(rd, load<i32>(rs1) * load<i32>(rs2)); spent = mulCycles; break;
      case O.OP_MULH: {
        store<i32>(rd, <i32>((<i64>load<i32>(rs1) * <i64>load<i32>(rs2)) >> 32));
        spent = mulCycles;
        break;
      }
      case O.OP_MULHSU: {
        store<i32>(rd, <i32>((<i64>load<i32>(rs1) * <i64>load<u32>(rs2)) >> 32));
        spent = mulCycles;
        break;
      }
      case O.OP_MULHU: {
        store<u32>(rd, <u32>((<u64>load<u32>(rs1) * <u64>load<u32>(rs2)) >> 32));
        spent = mulCycles;
        break;
      }
      case O.OP_DIV: case O.OP_REM: {
        const a = load<i32>(rs1);
        const b = load<i32>(rs2);
        let q: i32;
        let r: i32;
        if (b == 0) { q = -1; r = a; }
        else if (a == i32.MIN_VALUE && b == -1) { q = a; r = 0; }
        else { q = a / b; r = a % b; }
        store<i32>(rd, op == O.OP_DIV ? q : r);
        spent = divCycles(cost, <u32>abs<i32>(a), <u32>abs<i32>(b));
        break;
      }
      case O.OP_DIVU: case O.OP_REMU: {
        const a = load<u32>(rs1);
        const b = load<u32>(rs2);
        let q: u32 = 0xffffffff;
        let r: u32 = a;
        if (b != 0) { q = a / b; r = a % b; }
        store<u32>(rd, op == O.OP_DIVU ? q : r);
        spent = divCycles(cost, a, b);
        break;
      }
      case O.OP_FENCE: break;
      case O.OP_ECALL: status = L.STOP_ECALL; limit = 0; break;
      case O.OP_EBREAK: status = L.STOP_EBREAK; limit = 0; break;
      default: unreachable();
    }
    cycles += spent;
    pc = next;
  }
  store<u32>(h, pc, L.H_PC);
  store<u32>(h, lastPc, L.H_LAST_PC);
  store<u64>(h, cycles, L.H_CYCLES);
  store<u64>(h, nextStoreAt, L.H_NEXT_STORE_AT);
  store<u64>(h, load<u64>(h, L.H_INSTRET) + <u64>n, L.H_INSTRET);
  if (status >= L.STOP_ILLEGAL) store<u32>(h, pc < codeSize && (pc & 3) == 0 ? load<u32>(memBase + pc) : 0, L.H_FAULT_WORD);
  return status;
}

export function run(h: usize, maxInstructions: u32, cycleLimit: u64): u32 {
  return execute(h, maxInstructions, cycleLimit, false);
}

// Same loop, also counting executed instructions per op id (for --stats).
export function runCounted(h: usize, maxInstructions: u32, cycleLimit: u64): u32 {
  return execute(h, maxInstructions, cycleLimit, true);
}
