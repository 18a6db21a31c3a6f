// A program described as JSON, for `meshsim program spec.json`: the device, DRAM buffers (with
// their initial contents), circular buffers, semaphores and kernels — built ones by name, or C
// sources compiled for their processor — with runtime args that may name buffers, cores and
// semaphores. What a kernel developer writes to run their kernels without the TypeScript API.
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join as joinPath, resolve } from 'node:path';
import { FIDELITIES, type Coord, type Fidelity } from '../arch/types.ts';
import { parseGrid } from '../arch/index.ts';
import { Checker, join } from '../checker.ts';
import { DATA_FORMATS, type DataFormat } from '../compute/formats.ts';
import { KERNEL_BASE, MAX_RUNTIME_ARGS } from '../core/mmio.ts';
import type { Processor } from '../core/tensix-core.ts';
import type { DramBuffer } from '../dram/dram.ts';
import { mulberry32 } from '../random.ts';
import { parseElf } from '../riscv/elf.ts';
import { compileKernel } from '../toolchain/kernels.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import { badInput } from '../errors.ts';
import { Device, type Mode, type RunResult } from './device.ts';
import { kernelImage } from './kernels.ts';
import { Program, type CoreRange } from './program.ts';

type Init = 'zeros' | 'random' | 'ramp' | { file: string };
// A runtime arg: a number, or 'buffer:NAME' (its address), 'noc_x:C,R' / 'noc_y:C,R' (the NoC
// coordinates of logical core column C, row R), 'semaphore:ID' (its L1 address).
type Arg = number | string;

interface KernelSpec {
  source?: string; // a C file, compiled for the processor
  kernel?: string; // a built kernel under kernels/build, e.g. 'dataflow/reader_interleaved'
  processor: Processor;
  cores: CoreRange;
  noc?: 0 | 1;
  mathFidelity?: Fidelity;
  fp32DestAccEn?: boolean;
  args: Arg[];
  coreArgs: { core: Coord; args: Arg[] }[];
}

export interface ProgramSpec {
  path: string;
  arch: string;
  grid?: string;
  mode: Mode;
  maxCycles?: number;
  seed: number;
  buffers: { name: string; bytes: number; pageBytes: number; init: Init }[];
  circularBuffers: { cores: CoreRange; index: number; pageBytes: number; pages: number; format: DataFormat }[];
  semaphores: { cores: CoreRange; initial: number }[];
  kernels: KernelSpec[];
  dump: string[]; // buffers whose contents are written out after the run
}

const PROCESSORS = Object.keys(KERNEL_BASE) as Processor[];
const ARG_REF = /^(buffer:[A-Za-z_][\w-]*|noc_[xy]:\d+,\d+|semaphore:\d+)$/;

function cores(c: Checker, v: unknown, path: string): CoreRange {
  const text = c.string(v, path, /^\d+,\d+(-\d+,\d+)?$/, 'cores as "C,R" or "C0,R0-C1,R1" (logical column, row)');
  const [a, b = a] = text.split('-').map((p) => p.split(',').map(Number));
  if (b[0] < a[0] || b[1] < a[1]) c.fail(path, `"${text}": the range must go from the top-left core to the bottom-right one`);
  return { start: { x: a[0], y: a[1] }, end: { x: b[0], y: b[1] } };
}

function args(c: Checker, v: unknown, path: string): Arg[] {
  const list = c.array(v, path);
  if (list.length > MAX_RUNTIME_ARGS) c.fail(path, `${list.length} runtime args, at most ${MAX_RUNTIME_ARGS}`);
  return list.map((a, i) =>
    typeof a === 'number'
      ? c.number(a, `${path}[${i}]`, { int: true, min: 0, max: 0xffff_ffff }, 'a 32-bit unsigned integer')
      : c.string(a, `${path}[${i}]`, ARG_REF, 'a number or a reference: "buffer:NAME", "noc_x:C,R", "noc_y:C,R", "semaphore:ID"'),
  );
}

function oneOf<T extends string>(c: Checker, v: unknown, path: string, choices: readonly T[]): T {
  if (!(choices as readonly unknown[]).includes(v)) c.expect(path, `one of ${choices.join(', ')}`, v);
  return v as T;
}

export function parseProgramSpec(value: unknown, path: string): ProgramSpec {
  const c = new Checker(path);
  const o = c.object(value, '', ['arch', 'grid', 'mode', 'maxCycles', 'seed', 'buffers', 'circularBuffers', 'semaphores', 'kernels', 'dump']);
  const buffers = Object.entries(o.buffers === undefined ? {} : c.record(o.buffers, 'buffers', 'an object of buffers by name')).map(([name, b]) => {
    const p = join('buffers', name);
    const bo = c.object(b, p, ['bytes', 'pageBytes', 'init']);
    const init = bo.init === undefined || typeof bo.init === 'string'
      ? oneOf(c, bo.init ?? 'zeros', join(p, 'init'), ['zeros', 'random', 'ramp'] as const)
      : { file: c.string(c.object(bo.init, join(p, 'init'), ['file'], '"zeros", "random", "ramp" or {"file": PATH}').file, join(p, 'init.file')) };
    return { name, bytes: c.positiveInt(bo.bytes, join(p, 'bytes')), pageBytes: c.positiveInt(bo.pageBytes, join(p, 'pageBytes')), init };
  });
  const kernels = c.array(o.kernels, 'kernels', 1).map((k, i) => {
    const p = `kernels[${i}]`;
    const ko = c.object(k, p, ['source', 'kernel', 'processor', 'cores', 'noc', 'mathFidelity', 'fp32DestAccEn', 'args', 'coreArgs']);
    if ((ko.source === undefined) === (ko.kernel === undefined)) c.fail(p, 'expected exactly one of "source" (a C file) and "kernel" (a built kernel name)');
    const coreArgs = ko.coreArgs === undefined ? [] : Object.entries(c.record(ko.coreArgs, join(p, 'coreArgs'), 'an object of args by core "C,R"')).map(([key, a]) => {
      const where = join(p, `coreArgs["${key}"]`);
      const [x, y] = c.string(key, where, /^\d+,\d+$/, 'a core "C,R"').split(',').map(Number);
      return { core: { x, y }, args: args(c, a, where) };
    });
    return {
      source: ko.source === undefined ? undefined : c.string(ko.source, join(p, 'source'), /\.c$/, 'a path to a .c file'),
      kernel: ko.kernel === undefined ? undefined : c.string(ko.kernel, join(p, 'kernel')),
      processor: oneOf(c, ko.processor, join(p, 'processor'), PROCESSORS),
      cores: cores(c, ko.cores, join(p, 'cores')),
      noc: ko.noc === undefined ? undefined : (c.number(ko.noc, join(p, 'noc'), { int: true, min: 0, max: 1 }, 'a NoC, 0 or 1') as 0 | 1),
      mathFidelity: ko.mathFidelity === undefined ? undefined : oneOf(c, ko.mathFidelity, join(p, 'mathFidelity'), FIDELITIES),
      fp32DestAccEn: ko.fp32DestAccEn === undefined ? undefined : Boolean(ko.fp32DestAccEn),
      args: ko.args === undefined ? [] : args(c, ko.args, join(p, 'args')),
      coreArgs,
    };
  });
  const names = new Set(buffers.map((b) => b.name));
  const dump = o.dump === undefined ? [] : c.array(o.dump, 'dump').map((d, i) => {
    const name = c.string(d, `dump[${i}]`);
    if (!names.has(name)) c.fail(`dump[${i}]`, `"${name}" is not a buffer (buffers: ${[...names].join(', ') || 'none'})`);
    return name;
  });
  return {
    path,
    arch: o.arch === undefined ? 'wormhole_n150' : c.string(o.arch, 'arch'),
    grid: o.grid === undefined ? undefined : c.string(o.grid, 'grid', /^\d+x\d+$/, 'a grid "RxC"'),
    mode: o.mode === undefined ? 'functional' : oneOf(c, o.mode, 'mode', ['functional', 'timing'] as const),
    maxCycles: o.maxCycles === undefined ? undefined : c.positiveInt(o.maxCycles, 'maxCycles'),
    seed: o.seed === undefined ? 1 : c.positiveInt(o.seed, 'seed'),
    buffers,
    circularBuffers: (o.circularBuffers === undefined ? [] : c.array(o.circularBuffers, 'circularBuffers')).map((cb, i) => {
      const p = `circularBuffers[${i}]`;
      const co = c.object(cb, p, ['cores', 'index', 'pageBytes', 'pages', 'format']);
      return {
        cores: cores(c, co.cores, join(p, 'cores')),
        index: c.count(co.index, join(p, 'index'), 31),
        pageBytes: c.positiveInt(co.pageBytes, join(p, 'pageBytes')),
        pages: c.positiveInt(co.pages, join(p, 'pages')),
        format: oneOf(c, co.format ?? 'bf16', join(p, 'format'), DATA_FORMATS),
      };
    }),
    semaphores: (o.semaphores === undefined ? [] : c.array(o.semaphores, 'semaphores')).map((s, i) => {
      const so = c.object(s, `semaphores[${i}]`, ['cores', 'initial']);
      return { cores: cores(c, so.cores, `semaphores[${i}].cores`), initial: c.count(so.initial ?? 0, `semaphores[${i}].initial`, 0xffff_ffff) };
    }),
    kernels,
    dump,
  };
}

export function readProgramSpec(path: string): ProgramSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw badInput(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as NodeJS.ErrnoException).code}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badInput(`${path}: not JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return parseProgramSpec(value, path);
}

export interface ProgramRun {
  device: Device;
  result: RunResult;
  buffers: Map<string, DramBuffer>;
}

export async function runProgramSpec(spec: ProgramSpec, options: { print?: (line: string) => void; trace?: TraceRecorder } = {}): Promise<ProgramRun> {
  const device = new Device({ arch: spec.arch, grid: spec.grid ? parseGrid(spec.grid) : undefined, mode: spec.mode, maxCycles: spec.maxCycles, print: options.print, trace: options.trace });
  const here = dirname(resolve(spec.path));
  const rand = mulberry32(spec.seed);
  const buffers = new Map<string, DramBuffer>();
  for (const b of spec.buffers) {
    const buffer = device.createBuffer(b.bytes, b.pageBytes);
    buffers.set(b.name, buffer);
    if (b.init === 'random') device.writeBuffer(buffer, Uint8Array.from({ length: b.bytes }, () => Math.floor(rand() * 256)));
    if (b.init === 'ramp') device.writeBuffer(buffer, Uint8Array.from({ length: b.bytes }, (_, i) => i & 255));
    if (typeof b.init === 'object') device.writeBuffer(buffer, readInit(resolve(here, b.init.file), b.name, b.bytes));
  }
  const program = new Program();
  for (const cb of spec.circularBuffers) program.createCircularBuffer(cb.cores, cb);
  const semaphores = spec.semaphores.map((s) => program.createSemaphore(s.cores, s.initial));
  const resolveArg = (a: Arg, where: string): number => {
    if (typeof a === 'number') return a;
    const [kind, ref] = a.split(':');
    if (kind === 'buffer') {
      const buffer = buffers.get(ref);
      if (!buffer) throw badInput(`${spec.path}: ${where}: no buffer "${ref}" (buffers: ${[...buffers.keys()].join(', ') || 'none'})`);
      return buffer.address;
    }
    if (kind === 'semaphore') {
      if (Number(ref) >= semaphores.length) throw badInput(`${spec.path}: ${where}: semaphore ${ref} is not declared (${semaphores.length} semaphores)`);
      return semaphores[Number(ref)];
    }
    const [x, y] = ref.split(',').map(Number);
    const xy = device.workerCore({ x, y });
    return kind === 'noc_x' ? xy.x : xy.y;
  };
  let built: string | undefined;
  for (const [i, k] of spec.kernels.entries()) {
    let image;
    if (k.source) {
      built ??= await mkdtemp(joinPath(tmpdir(), 'meshsim-program-'));
      const out = joinPath(built, `kernel${i}.${k.processor}.elf`);
      await compileKernel(resolve(here, k.source), k.processor, out);
      image = parseElf(readFileSync(out), k.source);
    } else {
      image = kernelImage(k.kernel!, k.processor);
    }
    const kernel = program.createKernel(image, k.cores, { processor: k.processor, noc: k.noc, mathFidelity: k.mathFidelity, fp32DestAccEn: k.fp32DestAccEn });
    program.setRuntimeArgs(kernel, k.cores, k.args.map((a, j) => resolveArg(a, `kernels[${i}].args[${j}]`)));
    for (const ca of k.coreArgs) {
      program.setRuntimeArgs(kernel, ca.core, ca.args.map((a, j) => resolveArg(a, `kernels[${i}].coreArgs[${ca.core.x},${ca.core.y}][${j}]`)));
    }
  }
  return { device, result: device.run(program), buffers };
}

function readInit(path: string, name: string, bytes: number): Uint8Array {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    throw badInput(`cannot read ${path} (the initial contents of buffer "${name}"): ${(e as NodeJS.ErrnoException).code}`);
  }
  if (data.length > bytes) throw badInput(`${path}: ${data.length} bytes do not fit buffer "${name}" of ${bytes} bytes`);
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
