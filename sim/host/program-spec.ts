// A program described as JSON, for `meshsim program spec.json`: the device, DRAM buffers (with
// their initial contents), circular buffers, semaphores and kernels — built ones by name, or C /
// C++ sources compiled for their processor with tt-metal's build inputs — with runtime args that may name buffers, cores and
// semaphores. What a kernel developer writes to run their kernels without the TypeScript API.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FIDELITIES, type Coord, type Fidelity } from '../arch/types.ts';
import { parseGrid } from '../arch/index.ts';
import { Checker, join } from '../checker.ts';
import { DATA_FORMATS, type DataFormat } from '../compute/formats.ts';
import { KERNEL_BASE, MAX_RUNTIME_ARGS } from '../core/mmio.ts';
import type { Processor } from '../core/tensix-core.ts';
import type { DramBuffer } from '../dram/dram.ts';
import { mulberry32 } from '../random.ts';
import { badInput } from '../errors.ts';
import { Device, type DeviceOptions, type Mode, type RunResult } from './device.ts';
import { kernelImage } from './kernels.ts';
import type { L1Buffer } from './l1-buffers.ts';
import { coresOf, Program, type CoreRange } from './program.ts';

// random_bf16: values uniform in [-1, 1), as bf16 (tile layout does not matter to random data).
type Init = 'zeros' | 'random' | 'random_bf16' | 'ramp' | { file: string };
// A runtime arg: a number, or 'buffer:NAME' (its address), 'noc_x:C,R' / 'noc_y:C,R' (the NoC
// coordinates of logical core column C, row R), 'semaphore:ID' (its L1 address); as a compile-time
// arg also 'tensor_accessor:NAME', the buffer's TensorAccessorArgs (one word for an interleaved buffer).
type Arg = number | string;

interface KernelSpec {
  source?: string; // a C or C++ file, compiled for the processor with the build inputs below
  compileArgs: Arg[];
  namedCompileArgs: Record<string, number>;
  defines: Record<string, string | number>;
  commonArgs: Arg[];
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
  // A buffer is DRAM-interleaved, or with `cores` L1-sharded: bytes split evenly, one shard per core, row-major.
  buffers: { name: string; bytes: number; pageBytes: number; init: Init; cores?: CoreRange }[];
  circularBuffers: { cores: CoreRange; index: number; pageBytes: number; pages: number; format: DataFormat; buffer?: string }[];
  semaphores: { cores: CoreRange; initial: number }[];
  kernels: KernelSpec[];
  dump: string[]; // buffers whose contents are written out after the run
}

const PROCESSORS = Object.keys(KERNEL_BASE) as Processor[];
const ARG_REF = /^(buffer:[A-Za-z_][\w-]*|noc_[xy]:\d+,\d+|semaphore:\d+)$/;
const COMPILE_ARG_REF = /^(buffer:[A-Za-z_][\w-]*|noc_[xy]:\d+,\d+|semaphore:\d+|tensor_accessor:[A-Za-z_][\w-]*)$/;
const IDENTIFIER = /^[A-Za-z_]\w*$/;
// tt-metal's ArgConfig flags of an interleaved DRAM tensor (IsDram = 1 << 1), its accessor's one compile-time arg.
const DRAM_INTERLEAVED_ACCESSOR = 2;

function cores(c: Checker, v: unknown, path: string): CoreRange {
  const text = c.string(v, path, /^\d+,\d+(-\d+,\d+)?$/, 'cores as "C,R" or "C0,R0-C1,R1" (logical column, row)');
  const [a, b = a] = text.split('-').map((p) => p.split(',').map(Number));
  if (b[0] < a[0] || b[1] < a[1]) c.fail(path, `"${text}": the range must go from the top-left core to the bottom-right one`);
  return { start: { x: a[0], y: a[1] }, end: { x: b[0], y: b[1] } };
}

function args(c: Checker, v: unknown, path: string, compileTime = false): Arg[] {
  const list = c.array(v, path);
  if (!compileTime && list.length > MAX_RUNTIME_ARGS) c.fail(path, `${list.length} runtime args, at most ${MAX_RUNTIME_ARGS}`);
  const refs = '"buffer:NAME", "noc_x:C,R", "noc_y:C,R", "semaphore:ID"' + (compileTime ? ', "tensor_accessor:NAME"' : '');
  return list.map((a, i) =>
    typeof a === 'number'
      ? c.number(a, `${path}[${i}]`, { int: true, min: 0, max: 0xffff_ffff }, 'a 32-bit unsigned integer')
      : c.string(a, `${path}[${i}]`, compileTime ? COMPILE_ARG_REF : ARG_REF, `a number or a reference: ${refs}`),
  );
}

// namedCompileArgs (name -> number) and defines (name -> number or string), by C identifier.
function named<T>(c: Checker, v: unknown, path: string, value: (v: unknown, where: string) => T): Record<string, T> {
  if (v === undefined) return {};
  return Object.fromEntries(Object.entries(c.record(v, path, 'an object by name')).map(([name, x]) => {
    const where = join(path, name);
    c.string(name, where, IDENTIFIER, 'a C identifier as the name');
    return [name, value(x, where)];
  }));
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
    const bo = c.object(b, p, ['bytes', 'pageBytes', 'init', 'cores']);
    const init = bo.init === undefined || typeof bo.init === 'string'
      ? oneOf(c, bo.init ?? 'zeros', join(p, 'init'), ['zeros', 'random', 'random_bf16', 'ramp'] as const)
      : { file: c.string(c.object(bo.init, join(p, 'init'), ['file'], '"zeros", "random", "random_bf16", "ramp" or {"file": PATH}').file, join(p, 'init.file')) };
    const buffer = { name, bytes: c.positiveInt(bo.bytes, join(p, 'bytes')), pageBytes: c.positiveInt(bo.pageBytes, join(p, 'pageBytes')), init, cores: bo.cores === undefined ? undefined : cores(c, bo.cores, join(p, 'cores')) };
    const shards = buffer.cores ? coresOf(buffer.cores).length : 1;
    if (buffer.bytes % shards !== 0) c.fail(join(p, 'bytes'), `${buffer.bytes} bytes do not split evenly over the ${shards} cores of the L1 buffer`);
    return buffer;
  });
  const kernels = c.array(o.kernels, 'kernels', 1).map((k, i) => {
    const p = `kernels[${i}]`;
    const ko = c.object(k, p, ['source', 'kernel', 'processor', 'cores', 'noc', 'mathFidelity', 'fp32DestAccEn', 'args', 'coreArgs', 'commonArgs', 'compileArgs', 'namedCompileArgs', 'defines']);
    if ((ko.source === undefined) === (ko.kernel === undefined)) c.fail(p, 'expected exactly one of "source" (a C or C++ file) and "kernel" (a built kernel name)');
    const buildInputs = ['compileArgs', 'namedCompileArgs', 'defines'].filter((f) => ko[f] !== undefined);
    if (ko.kernel !== undefined && buildInputs.length > 0) c.fail(join(p, buildInputs[0]), 'build inputs need a "source" to compile (a built "kernel" is compiled already)');
    const coreArgs = ko.coreArgs === undefined ? [] : Object.entries(c.record(ko.coreArgs, join(p, 'coreArgs'), 'an object of args by core "C,R"')).map(([key, a]) => {
      const where = join(p, `coreArgs["${key}"]`);
      const [x, y] = c.string(key, where, /^\d+,\d+$/, 'a core "C,R"').split(',').map(Number);
      return { core: { x, y }, args: args(c, a, where) };
    });
    return {
      source: ko.source === undefined ? undefined : c.string(ko.source, join(p, 'source'), /\.(c|cpp)$/, 'a path to a .c or .cpp file'),
      compileArgs: ko.compileArgs === undefined ? [] : args(c, ko.compileArgs, join(p, 'compileArgs'), true),
      namedCompileArgs: named(c, ko.namedCompileArgs, join(p, 'namedCompileArgs'), (x, w) => c.number(x, w, { int: true, min: 0, max: 0xffff_ffff }, 'a 32-bit unsigned integer')),
      defines: named(c, ko.defines, join(p, 'defines'), (x, w) => (typeof x === 'number' ? c.number(x, w, {}, 'a number') : c.string(x, w, /^[^\s]*$/, 'a number or a string without spaces'))),
      commonArgs: ko.commonArgs === undefined ? [] : args(c, ko.commonArgs, join(p, 'commonArgs')),
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
      const co = c.object(cb, p, ['cores', 'index', 'pageBytes', 'pages', 'format', 'buffer']);
      if (co.buffer !== undefined && !buffers.some((b) => b.name === co.buffer && b.cores)) {
        c.fail(join(p, 'buffer'), `"${String(co.buffer)}" is not an L1 buffer (L1 buffers: ${buffers.filter((b) => b.cores).map((b) => b.name).join(', ') || 'none'})`);
      }
      return {
        cores: cores(c, co.cores, join(p, 'cores')),
        index: c.count(co.index, join(p, 'index'), 31),
        pageBytes: c.positiveInt(co.pageBytes, join(p, 'pageBytes')),
        pages: c.positiveInt(co.pages, join(p, 'pages')),
        format: oneOf(c, co.format ?? 'bf16', join(p, 'format'), DATA_FORMATS),
        buffer: co.buffer as string | undefined,
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
  buffers: Map<string, DramBuffer | L1Buffer>;
}

// options: how the run is recorded and shown; a maxCycles there overrides the spec's.
export async function runProgramSpec(spec: ProgramSpec, options: Pick<DeviceOptions, 'print' | 'trace' | 'nocTrace' | 'onProgress' | 'maxCycles'> = {}): Promise<ProgramRun> {
  const device = new Device({ arch: spec.arch, grid: spec.grid ? parseGrid(spec.grid) : undefined, mode: spec.mode, ...options, maxCycles: options.maxCycles ?? spec.maxCycles });
  const here = dirname(resolve(spec.path));
  const rand = mulberry32(spec.seed);
  const buffers = new Map<string, DramBuffer | L1Buffer>();
  for (const b of spec.buffers) {
    const buffer = b.cores ? device.allocateL1(b.cores, b.bytes / coresOf(b.cores).length, `buffer "${b.name}"`) : device.createBuffer(b.bytes, b.pageBytes);
    buffers.set(b.name, buffer);
    const data = initialContents(b, rand, here);
    if (data) writeBuffer(device, buffer, data);
  }
  const program = new Program();
  for (const cb of spec.circularBuffers) program.createCircularBuffer(cb.cores, { ...cb, buffer: cb.buffer ? (buffers.get(cb.buffer) as L1Buffer) : undefined });
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
  for (const [i, k] of spec.kernels.entries()) {
    const compileArgs = k.compileArgs.map((a, j) => {
      if (typeof a === 'string' && a.startsWith('tensor_accessor:')) {
        resolveArg(`buffer:${a.slice('tensor_accessor:'.length)}`, `kernels[${i}].compileArgs[${j}]`); // the buffer must exist
        return DRAM_INTERLEAVED_ACCESSOR;
      }
      return resolveArg(a, `kernels[${i}].compileArgs[${j}]`);
    });
    const source = k.source ? { source: resolve(here, k.source), compileArgs, namedCompileArgs: k.namedCompileArgs, defines: k.defines } : undefined;
    const kernel = program.createKernel(source ?? kernelImage(k.kernel!, k.processor), k.cores, { processor: k.processor, noc: k.noc, mathFidelity: k.mathFidelity, fp32DestAccEn: k.fp32DestAccEn });
    program.setRuntimeArgs(kernel, k.cores, k.args.map((a, j) => resolveArg(a, `kernels[${i}].args[${j}]`)));
    program.setCommonRuntimeArgs(kernel, k.commonArgs.map((a, j) => resolveArg(a, `kernels[${i}].commonArgs[${j}]`)));
    for (const ca of k.coreArgs) {
      program.setRuntimeArgs(kernel, ca.core, ca.args.map((a, j) => resolveArg(a, `kernels[${i}].coreArgs[${ca.core.x},${ca.core.y}][${j}]`)));
    }
  }
  return { device, result: device.run(program), buffers };
}

function initialContents(b: ProgramSpec['buffers'][number], rand: () => number, here: string): Uint8Array | undefined {
  if (b.init === 'random') return Uint8Array.from({ length: b.bytes }, () => Math.floor(rand() * 256));
  if (b.init === 'ramp') return Uint8Array.from({ length: b.bytes }, (_, i) => i & 255);
  if (b.init === 'random_bf16') {
    const f = new Float32Array(1);
    const bits = new Uint32Array(f.buffer);
    const out = new Uint16Array(b.bytes >> 1);
    for (let i = 0; i < out.length; i++) {
      f[0] = rand() * 2 - 1;
      out[i] = bits[0] >>> 16;
    }
    return new Uint8Array(out.buffer, 0, out.length * 2);
  }
  if (typeof b.init === 'object') return readInit(resolve(here, b.init.file), b.name, b.bytes);
  return undefined;
}

const isL1Buffer = (b: DramBuffer | L1Buffer): b is L1Buffer => 'bytesPerCore' in b;

// An L1 buffer's contents are its shards in core order: bytes [i * bytesPerCore, ...) on cores[i].
function writeBuffer(device: Device, b: DramBuffer | L1Buffer, data: Uint8Array): void {
  if (!isL1Buffer(b)) return device.writeBuffer(b, data);
  b.cores.forEach((c, i) => device.writeL1(c, b.address, data.subarray(i * b.bytesPerCore, (i + 1) * b.bytesPerCore)));
}

export function readBuffer(device: Device, b: DramBuffer | L1Buffer): Uint8Array {
  if (!isL1Buffer(b)) return device.readBuffer(b);
  const out = new Uint8Array(b.bytesPerCore * b.cores.length);
  b.cores.forEach((c, i) => out.set(device.readL1(c, b.address, b.bytesPerCore), i * b.bytesPerCore));
  return out;
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
