// A bare program on one hart with flat memory and Linux-style system calls — what
// `meshsim exec` runs, and what qemu-riscv32 runs as the reference.
import type { ElfImage } from './elf.ts';
import { CHUNK, Hart } from './hart.ts';
import { DECODE_BYTES_PER_CODE_BYTE, Stop, type StopCode } from './layout.ts';
import { RiscvWasm } from './wasm.ts';
import { WORMHOLE_RISCV_COSTS, writeCostTable, type RiscvCostModel } from './costs.ts';
import { faultError } from './fault.ts';
import { badInput, ExitCode, hex, MeshsimError } from '../errors.ts';
import { DEFAULT_MAX_INSTRUCTIONS } from '../run-limits.ts';

export const DEFAULT_MEMORY_BYTES = 16 << 20;
export { DEFAULT_MAX_INSTRUCTIONS };

// Linux RISC-V system call numbers and the errno values returned for bad arguments.
const SYS_WRITE = 64;
const SYS_EXIT = 93;
const SYS_EXIT_GROUP = 94;
const EBADF = 9;
const EFAULT = 14;

export interface ProcessOptions {
  memoryBytes?: number;
  maxInstructions?: number;
  countMix?: boolean;
  costs?: RiscvCostModel;
  stdout?: (bytes: Uint8Array) => void;
  stderr?: (bytes: Uint8Array) => void;
  // Called after each instruction with the state before it; the run then goes one instruction
  // at a time.
  onStep?: (before: StepState, hart: Hart) => void;
}

export interface StepState {
  pc: number;
  regs: number[];
  cycles: number;
}

export interface ExecResult {
  exitCode: number;
  instructions: number;
  cycles: number;
  mix?: Record<string, number>;
}

export class FlatProcess {
  readonly wasm = new RiscvWasm();
  readonly hart: Hart;
  readonly memoryBytes: number;
  exitCode: number | undefined;
  private readonly memBase: number;

  constructor(readonly image: ElfImage, private readonly options: ProcessOptions = {}) {
    const size = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
    if (!Number.isInteger(size) || size < 4096 || size % 4096 !== 0 || size > 2 ** 30) {
      throw badInput(`memory size ${size}: expected a multiple of 4096 bytes between 4 KiB and 1 GiB`);
    }
    this.memoryBytes = size;
    this.memBase = this.wasm.alloc(size);
    const decodeBase = this.wasm.alloc(size * DECODE_BYTES_PER_CODE_BYTE);
    const costBase = writeCostTable(this.wasm, options.costs ?? WORMHOLE_RISCV_COSTS);
    this.hart = new Hart(this.wasm, { memBase: this.memBase, memSize: size, codeSize: size, decodeBase, costBase });
    for (const seg of image.segments) {
      if (seg.vaddr + seg.memsz > size) {
        throw badInput(`${image.path}: segment at ${hex(seg.vaddr)} of ${seg.memsz} bytes lies outside the ${size >> 20} MiB of memory`);
      }
      this.wasm.u8().set(seg.data, this.memBase + seg.vaddr);
    }
    if (image.entry % 4 !== 0 || image.entry >= size) {
      throw badInput(`${image.path}: entry point ${hex(image.entry)} is not an aligned address inside memory`);
    }
    this.hart.pc = image.entry;
    this.hart.setReg(2, size); // sp at the top of memory
  }

  // Executes exactly one instruction; returns false once the program has exited.
  step(): boolean {
    if (this.exitCode !== undefined) return false;
    this.handle(this.hart.run(1));
    return this.exitCode === undefined;
  }

  run(): ExecResult {
    const max = this.options.maxInstructions ?? DEFAULT_MAX_INSTRUCTIONS;
    while (this.exitCode === undefined) {
      const left = max - this.hart.instructions;
      if (left <= 0) {
        throw new MeshsimError(
          `program did not exit within ${max} instructions (--max-instructions); stopped at pc ${hex(this.hart.pc)}`,
          ExitCode.limit,
        );
      }
      const { onStep } = this.options;
      const before = onStep && { pc: this.hart.pc, regs: this.hart.regs(), cycles: this.hart.cycles };
      this.handle(this.hart.run(onStep ? 1 : Math.min(left, CHUNK), undefined, this.options.countMix));
      if (before) onStep?.(before, this.hart);
    }
    return {
      exitCode: this.exitCode,
      instructions: this.hart.instructions,
      cycles: this.hart.cycles,
      mix: this.options.countMix ? this.hart.mix() : undefined,
    };
  }

  private handle(stop: StopCode): void {
    if (stop === Stop.BUDGET) return;
    if (stop !== Stop.ECALL) throw faultError(this.hart, stop, 'exec hart');
    const call = this.hart.getReg(17);
    const a0 = this.hart.getReg(10);
    if (call === SYS_EXIT || call === SYS_EXIT_GROUP) {
      this.exitCode = a0 & 0xff; // as a Linux process exit status
    } else if (call === SYS_WRITE) {
      this.hart.setReg(10, this.write(a0, this.hart.getReg(11), this.hart.getReg(12)));
    } else {
      throw new MeshsimError(
        `unsupported system call a7=${call} at exec hart, pc ${hex(this.hart.pc - 4)}: meshsim exec provides write (64) and exit (93, 94)`,
        ExitCode.fault,
      );
    }
  }

  private write(fd: number, buf: number, len: number): number {
    const sink = fd === 1 ? this.options.stdout : fd === 2 ? this.options.stderr : undefined;
    if (fd !== 1 && fd !== 2) return -EBADF;
    if (buf + len > this.memoryBytes) return -EFAULT;
    sink?.(this.wasm.u8().subarray(this.memBase + buf, this.memBase + buf + len));
    return len;
  }
}

export function execElf(image: ElfImage, options: ProcessOptions = {}): ExecResult {
  return new FlatProcess(image, options).run();
}
