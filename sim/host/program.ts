// A program, as in tt-metal's host API: kernels on core ranges, circular buffers, semaphores and
// per-core runtime args. Nothing runs until Device.run(program).
import type { Coord } from '../arch/types.ts';
import type { DataFormat } from '../compute/formats.ts';
import { DEFAULT_COMPUTE_CONFIG, type ComputeConfig } from '../compute/tile-engine.ts';
import type { Processor } from '../core/tensix-core.ts';
import { MAX_RUNTIME_ARGS, MAX_SEMAPHORES, NUM_CBS, SEMAPHORE_BASE, SEMAPHORE_STRIDE } from '../core/mmio.ts';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseElf, type ElfImage } from '../riscv/elf.ts';
import { compileKernel, type BuildInputs } from '../toolchain/kernels.ts';
import type { L1Buffer } from './l1-buffers.ts';
import { badInput } from '../errors.ts';

// Logical core coordinates: x = column, y = row of the compute grid, inclusive ranges.
export interface CoreRange {
  start: Coord;
  end: Coord;
}
export type CoreSpec = Coord | CoreRange | Coord[];

export function coresOf(spec: CoreSpec): Coord[] {
  if (Array.isArray(spec)) return spec;
  if ('start' in spec) {
    const cores: Coord[] = [];
    for (let y = spec.start.y; y <= spec.end.y; y++) for (let x = spec.start.x; x <= spec.end.x; x++) cores.push({ x, y });
    return cores;
  }
  return [spec];
}

export const coreKey = (c: Coord) => `${c.x},${c.y}`;

export interface KernelConfig extends Partial<ComputeConfig> {
  processor: Processor; // brisc = DataMovementProcessor::RISCV_0, ncrisc = RISCV_1, trisc = compute
  noc?: 0 | 1; // default: NoC0 for brisc, NoC1 for ncrisc, as tt-metal's RISCV_n_default
  // For compute kernels, as tt-metal's ComputeConfig: mathFidelity (default HiFi4), fp32DestAccEn.
}

// A kernel from source, compiled for its processor with tt-metal's build inputs: compile-time
// args (compileArgs, namedCompileArgs) and defines.
export interface KernelSource extends BuildInputs {
  source: string; // a .c or .cpp file
}

export interface Kernel {
  id: number;
  image: ElfImage;
  processor: Processor;
  noc: 0 | 1;
  compute: ComputeConfig;
  cores: Coord[];
  runtimeArgs: Map<string, number[]>;
  commonArgs: number[]; // tt-metal's SetCommonRuntimeArgs: the same on every core
}

let buildDir: string | undefined;
let builds = 0;

// Compiles a kernel source for its processor into a temporary ELF and loads it.
function buildKernel(k: KernelSource, processor: Processor): ElfImage {
  buildDir ??= mkdtempSync(join(tmpdir(), 'meshsim-kernels-'));
  const out = join(buildDir, `kernel${builds++}.${processor}.elf`);
  compileKernel(k.source, processor, out, k);
  return parseElf(readFileSync(out), k.source);
}

export interface CircularBufferSpec {
  index: number;
  pageBytes: number;
  pages: number;
  format: DataFormat;
  cores: Coord[];
  // Globally allocated: the CB's pages are this L1 buffer, already filled (a sharded tensor), as
  // tt-metal's CircularBufferConfig::set_globally_allocated_address. Otherwise the program places it.
  buffer?: L1Buffer;
}

export class Program {
  readonly kernels: Kernel[] = [];
  readonly circularBuffers: CircularBufferSpec[] = [];
  readonly semaphores: { cores: Coord[]; initial: number }[] = [];

  // kernel: a built ELF image, or a source to compile (tt-metal: CreateKernel with a file path).
  createKernel(kernel: ElfImage | KernelSource, cores: CoreSpec, config: KernelConfig): Kernel {
    const image = 'source' in kernel ? buildKernel(kernel, config.processor) : kernel;
    const created = {
      id: this.kernels.length,
      image,
      processor: config.processor,
      noc: config.noc ?? (config.processor === 'ncrisc' ? 1 : 0),
      compute: {
        mathFidelity: config.mathFidelity ?? DEFAULT_COMPUTE_CONFIG.mathFidelity,
        fp32DestAccEn: config.fp32DestAccEn ?? DEFAULT_COMPUTE_CONFIG.fp32DestAccEn,
      },
      cores: coresOf(cores),
      runtimeArgs: new Map<string, number[]>(),
      commonArgs: [],
    };
    this.kernels.push(created);
    return created;
  }

  createCircularBuffer(cores: CoreSpec, config: { index: number; pageBytes: number; pages: number; format: DataFormat; buffer?: L1Buffer }): void {
    if (!Number.isInteger(config.index) || config.index < 0 || config.index >= NUM_CBS) {
      throw badInput(`circular buffer index ${config.index}: expected 0 to ${NUM_CBS - 1}`);
    }
    if (!(config.pageBytes > 0) || config.pageBytes % 16 !== 0) throw badInput(`circular buffer ${config.index}: page size ${config.pageBytes}, expected a positive multiple of 16 bytes`);
    if (!Number.isInteger(config.pages) || config.pages < 1) throw badInput(`circular buffer ${config.index}: ${config.pages} pages, expected at least 1`);
    this.circularBuffers.push({ ...config, cores: coresOf(cores) });
  }

  // Returns the semaphore's L1 address, the same on every core (kernels: get_semaphore(id)).
  createSemaphore(cores: CoreSpec, initial: number): number {
    if (this.semaphores.length >= MAX_SEMAPHORES) throw badInput(`more than ${MAX_SEMAPHORES} semaphores in one program`);
    this.semaphores.push({ cores: coresOf(cores), initial });
    return SEMAPHORE_BASE + (this.semaphores.length - 1) * SEMAPHORE_STRIDE;
  }

  setCommonRuntimeArgs(kernel: Kernel, args: number[]): void {
    if (args.length > MAX_RUNTIME_ARGS) throw badInput(`kernel ${kernel.image.path}: ${args.length} common runtime args, at most ${MAX_RUNTIME_ARGS}`);
    kernel.commonArgs = args.map((a) => a >>> 0);
  }

  setRuntimeArgs(kernel: Kernel, cores: CoreSpec, args: number[]): void {
    if (args.length > MAX_RUNTIME_ARGS) throw badInput(`kernel ${kernel.image.path}: ${args.length} runtime args, at most ${MAX_RUNTIME_ARGS}`);
    for (const c of coresOf(cores)) {
      if (!kernel.cores.some((k) => k.x === c.x && k.y === c.y)) {
        throw badInput(`runtime args for core (${c.x},${c.y}), where kernel ${kernel.image.path} does not run`);
      }
      kernel.runtimeArgs.set(coreKey(c), args.map((a) => a >>> 0));
    }
  }
}
