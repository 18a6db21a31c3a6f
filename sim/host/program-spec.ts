// A program described as JSON, for `meshsim program spec.json`: the device, DRAM buffers (with
// their initial contents), circular buffers, semaphores and kernels — built ones by name, or C /
// C++ sources compiled for their processor with tt-metal's build inputs — with runtime args that may name buffers, cores and
// semaphores. What a kernel developer writes to run their kernels without the TypeScript API.
import { dirname, resolve } from 'node:path';
import { FIDELITIES, type Coord, type Fidelity, type GridSize } from '../arch/types.ts';
import { isPresetPath, loadArch, readGrid } from '../arch/index.ts';
import { Checker, join } from '../checker.ts';
import { DATA_FORMATS, type DataFormat } from '../compute/formats.ts';
import { KERNEL_BASE, MAX_RUNTIME_ARGS, MAX_SEMAPHORES } from '../core/mmio.ts';
import type { Processor } from '../core/tensix-core.ts';
import type { DramBuffer } from '../dram/dram.ts';
import { mulberry32 } from '../random.ts';
import { badInput, within as inside } from '../errors.ts';
import { formatBytes } from '../io/bytes.ts';
import { readUserFile, readUserJson } from '../io/read-file.ts';
import { checkHostMemory } from '../memory-budget.ts';
import { checkDeviceGrid, Device, type DeviceOptions, type Mode, type RunResult } from './device.ts';
import { kernelImage } from './kernels.ts';
import type { L1Buffer } from './l1-buffers.ts';
import { coresOf, Program, type CoreRange } from './program.ts';
import { tensorAccessorArgs } from './tensor-accessor-args.ts';

// random_bf16: values uniform in [-1, 1), as bf16 (tile layout does not matter to random data).
type Init = 'zeros' | 'random' | 'random_bf16' | 'ramp' | { file: string };
// A runtime arg: a number, or 'buffer:NAME' (its address), 'noc_x:C,R' / 'noc_y:C,R' (the NoC
// coordinates of logical core column C, row R), 'semaphore:ID' (its L1 address); as a compile-time
// arg also 'tensor_accessor:NAME', the buffer's TensorAccessorArgs (two words for an interleaved
// buffer: its flags and aligned page size, taking two places in the kernel's list).
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
  arch: string; // a built-in name, or a preset file's path resolved from the spec's folder
  grid?: GridSize;
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
const NAME = /^[A-Za-z_][\w-]*$/; // buffer names: also file names (NAME.bin) and references
const KERNEL_NAME = /^[\w-]+(\/[\w-]+)*$/; // under kernels/build, e.g. dataflow/reader_interleaved
// Specs are small; a wrong path must not make meshsim read a huge file.
const SPEC_MAX_BYTES = 16 << 20;
const ARG_REF = /^(buffer:[A-Za-z_][\w-]*|noc_[xy]:\d+,\d+|semaphore:\d+)$/;
const COMPILE_ARG_REF = /^(buffer:[A-Za-z_][\w-]*|noc_[xy]:\d+,\d+|semaphore:\d+|tensor_accessor:[A-Za-z_][\w-]*)$/;
const IDENTIFIER = /^[A-Za-z_]\w*$/;

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
    if (!NAME.test(name)) c.fail(`buffers[${JSON.stringify(name)}]`, 'expected a buffer name of letters, digits, "_" and "-", starting with a letter or "_"');
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
      kernel: ko.kernel === undefined ? undefined : c.string(ko.kernel, join(p, 'kernel'), KERNEL_NAME, 'a built kernel name such as "dataflow/reader_interleaved"'),
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
  const mode = o.mode === undefined ? 'functional' : oneOf(c, o.mode, 'mode', ['functional', 'timing'] as const);
  const dump = o.dump === undefined ? [] : c.array(o.dump, 'dump').map((d, i) => {
    const name = c.string(d, `dump[${i}]`);
    if (!names.has(name)) c.fail(`dump[${i}]`, `"${name}" is not a buffer (buffers: ${[...names].join(', ') || 'none'})`);
    return name;
  });
  if (dump.length > 0 && mode === 'timing') c.fail('dump', 'timing mode moves no bytes, so the dumped buffers would hold no results; expected "mode": "functional", or no "dump"');
  const arch = o.arch === undefined ? 'wormhole_n150' : c.string(o.arch, 'arch');
  let grid: GridSize | undefined;
  if (o.grid !== undefined) {
    const g = readGrid(c.string(o.grid, 'grid', undefined, 'a grid "RxC" (rows x columns)'));
    grid = typeof g === 'string' ? c.fail('grid', g) : g;
  }
  return {
    path,
    arch: isPresetPath(arch) ? resolve(dirname(resolve(path)), arch) : arch,
    grid,
    mode,
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
        pageBytes: c.number(co.pageBytes, join(p, 'pageBytes'), { int: true, min: 16, multipleOf: 16 }, 'a page size, a multiple of 16 bytes'),
        pages: c.positiveInt(co.pages, join(p, 'pages')),
        format: oneOf(c, co.format ?? 'bf16', join(p, 'format'), DATA_FORMATS),
        buffer: co.buffer as string | undefined,
      };
    }),
    semaphores: (o.semaphores === undefined ? [] : c.array(o.semaphores, 'semaphores', 0, `an array of at most ${MAX_SEMAPHORES} semaphores`)).map((s, i) => {
      if (i >= MAX_SEMAPHORES) c.fail(`semaphores[${i}]`, `more than ${MAX_SEMAPHORES} semaphores (a program has at most ${MAX_SEMAPHORES} per core)`);
      const so = c.object(s, `semaphores[${i}]`, ['cores', 'initial']);
      return { cores: cores(c, so.cores, `semaphores[${i}].cores`), initial: c.count(so.initial ?? 0, `semaphores[${i}].initial`, 0xffff_ffff) };
    }),
    kernels,
    dump,
  };
}

export function readProgramSpec(path: string): ProgramSpec {
  return parseProgramSpec(readUserJson(path, { what: 'a program spec (JSON, see README "Running your own kernels")', maxBytes: SPEC_MAX_BYTES }), path);
}

export interface ProgramRun {
  device: Device;
  result: RunResult;
  buffers: Map<string, DramBuffer | L1Buffer>;
}

// options: how the run is recorded and shown; a maxCycles there overrides the spec's.
export async function runProgramSpec(spec: ProgramSpec, options: Pick<DeviceOptions, 'print' | 'trace' | 'nocTrace' | 'onProgress' | 'maxCycles'> = {}): Promise<ProgramRun> {
  const at = (field: string) => `${spec.path}: ${field}`;
  // An error from the device or the host API about something the spec declared names its field.
  const within = <T>(field: string, make: () => T): T => inside(at(field), make);
  const preset = within('arch', () => loadArch(spec.arch));
  const grid = spec.grid ?? preset.computeGrids[0];
  checkDeviceGrid(preset, grid, spec.grid ? at('grid') : `${spec.arch}: computeGrids[0]`);
  checkBufferMemory(spec);
  const device = new Device({ arch: preset, grid, mode: spec.mode, ...options, maxCycles: options.maxCycles ?? spec.maxCycles });
  const here = dirname(resolve(spec.path));
  const rand = mulberry32(spec.seed);
  const buffers = new Map<string, DramBuffer | L1Buffer>();
  for (const b of spec.buffers) {
    const field = join('buffers', b.name);
    const buffer = within(field, () => (b.cores ? device.allocateL1(b.cores, b.bytes / coresOf(b.cores).length, `buffer "${b.name}"`) : device.createBuffer(b.bytes, b.pageBytes)));
    buffers.set(b.name, buffer);
    const data = initialContents(b, rand, here, `the initial contents of ${field} in ${spec.path}`);
    if (data) writeBuffer(device, buffer, data);
  }
  const program = new Program();
  spec.circularBuffers.forEach((cb, i) =>
    program.createCircularBuffer(cb.cores, { ...cb, buffer: cb.buffer ? (buffers.get(cb.buffer) as L1Buffer) : undefined, origin: at(`circularBuffers[${i}]`) }));
  const semaphores = spec.semaphores.map((s, i) => program.createSemaphore(s.cores, s.initial, at(`semaphores[${i}].cores`)));
  const resolveArg = (a: Arg, where: string): number => {
    if (typeof a === 'number') return a;
    const [kind, ref] = a.split(':');
    if (kind === 'buffer') {
      const buffer = buffers.get(ref);
      if (!buffer) throw badInput(`${at(where)}: no buffer "${ref}" (buffers: ${[...buffers.keys()].join(', ') || 'none'})`);
      return buffer.address;
    }
    if (kind === 'semaphore') {
      if (Number(ref) >= semaphores.length) throw badInput(`${at(where)}: semaphore ${ref} is not declared (${semaphores.length} semaphores)`);
      return semaphores[Number(ref)];
    }
    const [x, y] = ref.split(',').map(Number);
    const xy = device.workerCore({ x, y }, at(where));
    return kind === 'noc_x' ? xy.x : xy.y;
  };
  for (const [i, k] of spec.kernels.entries()) {
    const compileArgs = k.compileArgs.flatMap((a, j) => {
      const where = `kernels[${i}].compileArgs[${j}]`;
      if (typeof a === 'string' && a.startsWith('tensor_accessor:')) {
        const name = a.slice('tensor_accessor:'.length);
        resolveArg(`buffer:${name}`, where); // the buffer must exist
        return tensorAccessorArgs(buffers.get(name)!);
      }
      return [resolveArg(a, where)];
    });
    const source = k.source ? { source: resolve(here, k.source), compileArgs, namedCompileArgs: k.namedCompileArgs, defines: k.defines } : undefined;
    const field = `kernels[${i}]`;
    const image = source ?? within(join(field, 'kernel'), () => kernelImage(k.kernel!, k.processor));
    const config = { processor: k.processor, noc: k.noc, mathFidelity: k.mathFidelity, fp32DestAccEn: k.fp32DestAccEn, origin: at(join(field, 'cores')) };
    const kernel = within(join(field, source ? 'source' : 'kernel'), () => program.createKernel(image, k.cores, config)); // compiles a source
    program.setRuntimeArgs(kernel, k.cores, k.args.map((a, j) => resolveArg(a, `kernels[${i}].args[${j}]`)));
    program.setCommonRuntimeArgs(kernel, k.commonArgs.map((a, j) => resolveArg(a, `kernels[${i}].commonArgs[${j}]`)));
    for (const ca of k.coreArgs) {
      const where = `${field}.coreArgs["${ca.core.x},${ca.core.y}"]`;
      const args = ca.args.map((a, j) => resolveArg(a, `${where}[${j}]`));
      within(where, () => program.setRuntimeArgs(kernel, ca.core, args));
    }
  }
  return { device, result: device.run(program), buffers };
}

// The host memory the buffers take — initial contents made or read (zeros are stored sparsely),
// and dumps read back — refused at the first buffer that takes the total over the limit.
function checkBufferMemory(spec: ProgramSpec): void {
  const dumped = new Set(spec.dump);
  let total = 0;
  spec.buffers.forEach((b, i) => {
    total += (b.init === 'zeros' ? 0 : 2 * b.bytes) + (dumped.has(b.name) ? b.bytes : 0);
    const init = typeof b.init === 'object' ? 'a file' : `"${b.init}"`;
    const what = `${spec.path}: ${join('buffers', b.name)} (${formatBytes(b.bytes)}, init ${init}${dumped.has(b.name) ? ', dumped' : ''}${i > 0 ? ', with the buffers before it' : ''})`;
    checkHostMemory(total, what, 'use smaller buffers, or "zeros" (stored sparsely) where no initial contents are needed');
  });
}

function initialContents(b: ProgramSpec['buffers'][number], rand: () => number, here: string, what: string): Uint8Array | undefined {
  if (b.init === 'random' || b.init === 'ramp') {
    const data = new Uint8Array(b.bytes);
    if (b.init === 'random') for (let i = 0; i < data.length; i++) data[i] = Math.floor(rand() * 256);
    else for (let i = 0; i < data.length; i++) data[i] = i & 255;
    return data;
  }
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
  if (typeof b.init === 'object') return readInit(resolve(here, b.init.file), what, b.bytes);
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

// The bytes of an init file, at most the buffer's size.
function readInit(path: string, what: string, bytes: number): Uint8Array {
  return readUserFile(path, { what: `${what}, at most ${formatBytes(bytes)}`, maxBytes: bytes });
}
