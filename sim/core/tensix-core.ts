// A Tensix-like core: L1 shared by three harts — BRISC (RISCV_0, by convention the writer),
// NCRISC (RISCV_1, the reader) and one compute hart standing for the TRISCs — each with its
// own private data RAM, plus the core's circular buffers.
import type { ArchPreset, Coord } from '../arch/types.ts';
import { coreName } from '../arch/coords.ts';
import type { ElfImage } from '../riscv/elf.ts';
import { Hart } from '../riscv/hart.ts';
import { DECODE_BYTES_PER_CODE_BYTE } from '../riscv/layout.ts';
import type { RiscvWasm } from '../riscv/wasm.ts';
import { badInput } from '../errors.ts';
import { CircularBuffer } from './circular-buffer.ts';
import { DST_BYTES, TileEngine } from '../compute/tile-engine.ts';
import type { TileFunctions } from '../compute/tile-functions.ts';
import { CODE_BYTES, KERNEL_BASE, KERNEL_MAX_BYTES, MMIO_BASE, MMIO_END, NUM_CBS, PRIVATE_RAM_BASE } from './mmio.ts';

export type Processor = keyof typeof KERNEL_BASE;
export const PROCESSORS: Processor[] = ['brisc', 'ncrisc', 'trisc'];

export type Wait =
  | { kind: 'cb_reserve_back' | 'cb_wait_front'; cb: CircularBuffer; pages: number }
  | { kind: 'semaphore'; addr: number; value: number; atLeast: boolean }
  | { kind: 'read_barrier' | 'write_barrier' | 'atomic_barrier'; noc: number };

export class CoreHart {
  readonly hart: Hart;
  readonly privateBase: number; // linear address of this hart's private RAM
  runtimeArgs: number[] = [];
  commonArgs: number[] = []; // tt-metal's common runtime args, the same on every core of the kernel
  kernel = ''; // the kernel's ELF path, for reports
  startedAt = 0;
  noc = 0; // the NoC this hart's kernel uses by default
  loaded = false;
  done = false;
  pendingStop = -1; // a stop (MMIO or ecall) waiting to be applied in global time order
  wait: Wait | undefined;
  zones: { name: string; start: number }[] = []; // open DeviceZoneScopedN zones, innermost last
  readonly readsInFlight = [0, 0]; // per NoC
  readonly writesInFlight = [0, 0];
  readonly atomicsInFlight = [0, 0];

  constructor(readonly core: TensixCore, readonly processor: Processor, readonly privateBytes: number) {
    const wasm = core.wasm;
    this.privateBase = wasm.alloc(privateBytes);
    this.hart = new Hart(wasm, {
      memBase: core.l1Base,
      memSize: core.l1Bytes,
      codeSize: CODE_BYTES,
      decodeBase: core.decodeBase,
      costBase: core.costBase,
      local: { lo: PRIVATE_RAM_BASE, size: privateBytes, base: this.privateBase },
      mmio: { lo: MMIO_BASE, hi: MMIO_END },
    });
  }

  get name(): string {
    return `${this.core.name} ${this.processor}`;
  }

  privateWord(offset: number): number {
    return this.core.wasm.dataView().getUint32(this.privateBase + offset, true);
  }

  setPrivateWord(offset: number, value: number): void {
    this.core.wasm.dataView().setUint32(this.privateBase + offset, value >>> 0, true);
  }
}

export class TensixCore {
  readonly l1Base: number;
  readonly l1Bytes: number;
  readonly decodeBase: number;
  readonly harts: CoreHart[];
  readonly cbs: (CircularBuffer | undefined)[] = new Array(NUM_CBS).fill(undefined);
  readonly tileEngine: TileEngine;
  private dst = 0; // Dst registers in wasm memory, allocated when the first compute kernel runs

  constructor(
    readonly wasm: RiscvWasm,
    preset: ArchPreset,
    readonly xy: Coord, // NoC0 coordinates
    readonly logical: Coord, // position in the compute grid (x = column, y = row)
    readonly costBase: number,
    tileFunctions: TileFunctions | undefined, // undefined in timing mode: no values are computed
  ) {
    this.l1Bytes = preset.l1Bytes;
    this.l1Base = wasm.alloc(preset.l1Bytes);
    this.decodeBase = wasm.alloc(CODE_BYTES * DECODE_BYTES_PER_CODE_BYTE);
    this.harts = PROCESSORS.map((p) => new CoreHart(this, p, preset.localRamBytes[p]));
    this.tileEngine = new TileEngine(preset, tileFunctions, this.l1Base, () => (this.dst ||= wasm.alloc(DST_BYTES)));
  }

  get name(): string {
    return coreName(this.logical, this.xy);
  }

  hart(processor: Processor): CoreHart {
    return this.harts[PROCESSORS.indexOf(processor)];
  }

  l1(): Uint8Array {
    return this.wasm.u8().subarray(this.l1Base, this.l1Base + this.l1Bytes);
  }

  l1Word(addr: number): number {
    return this.wasm.dataView().getUint32(this.l1Base + addr, true);
  }

  setL1Word(addr: number, value: number): void {
    this.wasm.dataView().setUint32(this.l1Base + addr, value >>> 0, true);
  }

  // Host or NoC writes into L1; code in the kernel region is decoded again when next fetched.
  writeL1(addr: number, data: Uint8Array): void {
    this.wasm.u8().set(data, this.l1Base + addr);
    if (addr < CODE_BYTES) this.wasm.exports.invalidateCode(this.decodeBase, CODE_BYTES, addr, data.length);
  }

  // Loads a kernel for a processor and readies its hart to start at cycle `start`.
  loadKernel(processor: Processor, image: ElfImage, start: number): CoreHart {
    const base = KERNEL_BASE[processor];
    for (const seg of image.segments) {
      if (seg.vaddr < base || seg.vaddr + seg.memsz > base + KERNEL_MAX_BYTES) {
        throw badInput(
          `${image.path}: segment at 0x${seg.vaddr.toString(16)} (${seg.memsz} bytes) is outside the ${processor} kernel region ` +
            `[0x${base.toString(16)}, 0x${(base + KERNEL_MAX_BYTES).toString(16)}): build it with kernels/kernel.ld for ${processor}`,
        );
      }
      this.writeL1(seg.vaddr, seg.data);
      this.l1().fill(0, seg.vaddr + seg.data.length, seg.vaddr + seg.memsz);
    }
    const h = this.hart(processor);
    h.hart.reset(image.entry, start);
    h.hart.setReg(2, PRIVATE_RAM_BASE + h.privateBytes); // stack at the top of private RAM
    h.kernel = image.path;
    h.startedAt = start;
    h.loaded = true;
    return h;
  }
}
