// One RV32IM hart: a view of its state block in wasm memory and the calls that run it.
import { Layout as L, type StopCode } from './layout.ts';
import { OP_NAMES } from './ops.ts';
import type { RiscvWasm } from './wasm.ts';

export interface HartWindows {
  memBase: number; // linear address of hart address 0
  memSize: number;
  codeSize: number; // instructions are fetched from [0, codeSize)
  decodeBase: number; // decode cache: DECODE_BYTES_PER_CODE_BYTE * codeSize bytes
  costBase: number; // from writeCostTable
  local?: { lo: number; size: number; base: number };
  mmio?: { lo: number; hi: number };
}

const NO_CYCLE_LIMIT = 0xffff_ffff_ffff_ffffn;
// Instructions per wasm call when a caller asks for more: keeps calls short enough for V8 to
// tier the loop up, and makes long runs interruptible.
export const CHUNK = 1 << 22;

export class Hart {
  readonly base: number;
  private clock = 0;

  constructor(readonly wasm: RiscvWasm, readonly windows: HartWindows) {
    this.base = wasm.alloc(L.HART_BYTES);
    const set = (offset: number, value: number) => this.wasm.dataView().setUint32(this.base + offset, value >>> 0, true);
    set(L.H_MEM_BASE, windows.memBase);
    set(L.H_MEM_SIZE, windows.memSize);
    set(L.H_CODE_SIZE, windows.codeSize);
    set(L.H_DECODE_BASE, windows.decodeBase);
    set(L.H_COST_BASE, windows.costBase);
    if (windows.local) {
      set(L.H_LOCAL_LO, windows.local.lo);
      set(L.H_LOCAL_SIZE, windows.local.size);
      set(L.H_LOCAL_BASE, windows.local.base);
    }
    if (windows.mmio) {
      set(L.H_MMIO_LO, windows.mmio.lo);
      set(L.H_MMIO_HI, windows.mmio.hi);
    }
  }

  // Clears registers and counters for a new kernel; the clock starts at `cycles`.
  reset(pc: number, cycles: number): void {
    const view = this.wasm.dataView();
    this.wasm.u8().fill(0, this.base, this.base + L.H_PC);
    view.setBigUint64(this.base + L.H_INSTRET, 0n, true);
    view.setBigUint64(this.base + L.H_NEXT_STORE_AT, 0n, true);
    this.pc = pc;
    this.cycles = cycles;
  }

  private u32(offset: number): number {
    return this.wasm.dataView().getUint32(this.base + offset, true);
  }

  private setU32(offset: number, value: number): void {
    this.wasm.dataView().setUint32(this.base + offset, value >>> 0, true);
  }

  getReg(i: number): number {
    return i === 0 ? 0 : this.u32(L.H_REGS + 4 * i);
  }

  setReg(i: number, value: number): void {
    if (i !== 0) this.setU32(L.H_REGS + 4 * i, value);
  }

  regs(): number[] {
    return Array.from({ length: 32 }, (_, i) => this.getReg(i));
  }

  get pc(): number { return this.u32(L.H_PC); }
  set pc(value: number) { this.setU32(L.H_PC, value); }

  // 64-bit counters as two 32-bit halves: exact up to 2^53, and no BigInt on this hot path.
  private u64(offset: number): number {
    const view = this.wasm.dataView();
    return view.getUint32(this.base + offset, true) + view.getUint32(this.base + offset + 4, true) * 2 ** 32;
  }

  // The clock is read at every stop and between them: kept here too, read back from wasm memory
  // after each run (the only code that moves it there).
  get cycles(): number { return this.clock; }
  set cycles(value: number) {
    this.clock = value;
    const view = this.wasm.dataView();
    view.setUint32(this.base + L.H_CYCLES, value % 2 ** 32, true);
    view.setUint32(this.base + L.H_CYCLES + 4, Math.floor(value / 2 ** 32), true);
  }

  get instructions(): number { return this.u64(L.H_INSTRET); }

  // The instruction word at a hart address in the code window, if there is one.
  fetchWord(addr: number): number | undefined {
    if (addr % 4 !== 0 || addr < 0 || addr + 4 > this.windows.codeSize) return undefined;
    return this.wasm.dataView().getUint32(this.windows.memBase + addr, true);
  }

  get faultAddr(): number { return this.u32(L.H_FAULT_ADDR); }
  get faultWord(): number { return this.u32(L.H_FAULT_WORD); }
  get lastPc(): number { return this.u32(L.H_LAST_PC); }

  // Fields of the pending MMIO access one by one, without building `mmio`'s object (the engine
  // reads them at every stop).
  get mmioAddr(): number { return this.u32(L.H_MMIO_ADDR); }
  get mmioValue(): number { return this.u32(L.H_MMIO_VALUE); }
  get mmioWidth(): number { return this.u32(L.H_MMIO_WIDTH); }
  get mmioRd(): number { return this.u32(L.H_MMIO_RD); }

  // The pending MMIO access after a MMIO_LOAD / MMIO_STORE stop (pc is already past it).
  get mmio() {
    return {
      addr: this.u32(L.H_MMIO_ADDR),
      value: this.u32(L.H_MMIO_VALUE),
      width: this.u32(L.H_MMIO_WIDTH),
      rd: this.u32(L.H_MMIO_RD),
      signed: this.u32(L.H_MMIO_SIGNED) === 1,
    };
  }

  // Runs at most maxInstructions (≤ 2^32-1) or until the hart's clock reaches cycleLimit.
  run(maxInstructions: number, cycleLimit = NO_CYCLE_LIMIT, countMix = false): StopCode {
    const run = countMix ? this.wasm.exports.runCounted : this.wasm.exports.run;
    const stop = run(this.base, maxInstructions, cycleLimit) as StopCode;
    this.clock = this.u64(L.H_CYCLES);
    return stop;
  }

  // Executed instructions per mnemonic, as counted by run(..., countMix = true).
  mix(): Record<string, number> {
    const view = this.wasm.dataView();
    const mix: Record<string, number> = {};
    OP_NAMES.forEach((name, op) => {
      const n = Number(view.getBigUint64(this.base + L.H_MIX + 8 * op, true));
      if (name && n > 0) mix[name] = n;
    });
    return mix;
  }
}
