// A program described as JSON, for `meshsim program spec.json`: the device, DRAM buffers (with
// their initial contents), circular buffers, semaphores and kernels — built ones by name, or C
// sources compiled for their processor — with runtime args that may name buffers, cores and
// semaphores. What a kernel developer writes to run their kernels without the TypeScript API.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join as joinPath, resolve } from 'node:path';
import { FIDELITIES, type Coord, type Fidelity, type GridSize } from '../arch/types.ts';
import { isPresetPath, loadArch, readGrid } from '../arch/index.ts';
import { Checker, join } from '../checker.ts';
import { DATA_FORMATS, type DataFormat } from '../compute/formats.ts';
import { KERNEL_BASE, MAX_RUNTIME_ARGS, MAX_SEMAPHORES } from '../core/mmio.ts';
import type { Processor } from '../core/tensix-core.ts';
import type { DramBuffer } from '../dram/dram.ts';
import { mulberry32 } from '../random.ts';
import { readElf } from '../riscv/elf.ts';
import { compileKernel } from '../toolchain/kernels.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import { badInput, named, within as inside } from '../errors.ts';
import { formatBytes } from '../io/bytes.ts';
import { fsReason } from '../io/fs-errors.ts';
import { readUserFile, readUserJson } from '../io/read-file.ts';
import { checkHostMemory } from '../memory-budget.ts';
import { checkDeviceGrid, Device, type Mode, type RunResult } from './device.ts';
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
  arch: string; // a built-in name, or a preset file's path resolved from the spec's folder
  grid?: GridSize;
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
const NAME = /^[A-Za-z_][\w-]*$/; // buffer names: also file names (NAME.bin) and references
const ARG_REF = /^(buffer:[A-Za-z_][\w-]*|noc_[xy]:\d+,\d+|semaphore:\d+)$/;
const KERNEL_NAME = /^[\w-]+(\/[\w-]+)*$/; // under kernels/build, e.g. dataflow/reader_interleaved
// Specs are small; a wrong path must not make meshsim read a huge file.
const SPEC_MAX_BYTES = 16 << 20;

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
  const here = dirname(resolve(path));
  const buffers = Object.entries(o.buffers === undefined ? {} : c.record(o.buffers, 'buffers', 'an object of buffers by name')).map(([name, b]) => {
    const p = join('buffers', name);
    if (!NAME.test(name)) c.fail(`buffers[${JSON.stringify(name)}]`, 'expected a buffer name of letters, digits, "_" and "-", starting with a letter or "_"');
    const bo = c.object(b, p, ['bytes', 'pageBytes', 'init']);
    const init = bo.init === undefined || typeof bo.init === 'string'
      ? oneOf(c, bo.init ?? 'zeros', join(p, 'init'), ['zeros', 'random', 'ramp'] as const)
      : { file: resolve(here, c.string(c.object(bo.init, join(p, 'init'), ['file'], '"zeros", "random", "ramp" or {"file": PATH}').file, join(p, 'init.file'))) };
    return { name, bytes: c.positiveInt(bo.bytes, join(p, 'bytes')), pageBytes: c.number(bo.pageBytes, join(p, 'pageBytes'), { int: true, min: 16, multipleOf: 16 }, 'a page size, a multiple of 16 bytes'), init };
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
      source: ko.source === undefined ? undefined : resolve(here, c.string(ko.source, join(p, 'source'), /\.c$/, 'a path to a .c file')),
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
    arch: isPresetPath(arch) ? resolve(here, arch) : arch,
    grid,
    mode,
    maxCycles: o.maxCycles === undefined ? undefined : c.positiveInt(o.maxCycles, 'maxCycles'),
    seed: o.seed === undefined ? 1 : c.positiveInt(o.seed, 'seed'),
    buffers,
    circularBuffers: (o.circularBuffers === undefined ? [] : c.array(o.circularBuffers, 'circularBuffers')).map((cb, i) => {
      const p = `circularBuffers[${i}]`;
      const co = c.object(cb, p, ['cores', 'index', 'pageBytes', 'pages', 'format']);
      return {
        cores: cores(c, co.cores, join(p, 'cores')),
        index: c.count(co.index, join(p, 'index'), 31),
        pageBytes: c.number(co.pageBytes, join(p, 'pageBytes'), { int: true, min: 16, multipleOf: 16 }, 'a page size, a multiple of 16 bytes'),
        pages: c.positiveInt(co.pages, join(p, 'pages')),
        format: oneOf(c, co.format ?? 'bf16', join(p, 'format'), DATA_FORMATS),
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
  buffers: Map<string, DramBuffer>;
}

export async function runProgramSpec(spec: ProgramSpec, options: { print?: (line: string) => void; trace?: TraceRecorder } = {}): Promise<ProgramRun> {
  const at = (field: string) => `${spec.path}: ${field}`;
  // An error from the device or the host API about something the spec declared names its field.
  const within = <T>(field: string, make: () => T): T => inside(at(field), make);
  const preset = within('arch', () => loadArch(spec.arch));
  const grid = spec.grid ?? preset.computeGrids[0];
  checkDeviceGrid(preset, grid, spec.grid ? at('grid') : `${spec.arch}: computeGrids[0]`);
  checkBufferMemory(spec);
  const device = new Device({ arch: preset, grid, mode: spec.mode, maxCycles: spec.maxCycles, print: options.print, trace: options.trace });
  const rand = mulberry32(spec.seed);
  const buffers = new Map<string, DramBuffer>();
  for (const b of spec.buffers) {
    const field = join('buffers', b.name);
    const buffer = within(field, () => device.createBuffer(b.bytes, b.pageBytes));
    buffers.set(b.name, buffer);
    if (b.init === 'zeros') continue;
    const data = typeof b.init === 'object' ? readInit(b.init.file, `the initial contents of ${field} in ${spec.path}`, b.bytes) : new Uint8Array(b.bytes);
    if (b.init === 'random') for (let i = 0; i < data.length; i++) data[i] = Math.floor(rand() * 256);
    if (b.init === 'ramp') for (let i = 0; i < data.length; i++) data[i] = i & 255;
    device.writeBuffer(buffer, data);
  }
  const program = new Program();
  spec.circularBuffers.forEach((cb, i) => program.createCircularBuffer(cb.cores, { ...cb, origin: at(`circularBuffers[${i}]`) }));
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
  let built: string | undefined;
  for (const [i, k] of spec.kernels.entries()) {
    const field = `kernels[${i}]`;
    let image;
    if (k.source) {
      built ??= await tempDir();
      const out = joinPath(built, `kernel${i}.${k.processor}.elf`);
      await compileKernel(k.source, k.processor, out).catch((e) => {
        throw named(at(join(field, 'source')), e);
      });
      image = readElf(out, k.source);
    } else {
      image = within(join(field, 'kernel'), () => kernelImage(k.kernel!, k.processor));
    }
    const kernel = program.createKernel(image, k.cores, { processor: k.processor, noc: k.noc, mathFidelity: k.mathFidelity, fp32DestAccEn: k.fp32DestAccEn, origin: at(join(field, 'cores')) });
    program.setRuntimeArgs(kernel, k.cores, k.args.map((a, j) => resolveArg(a, `${field}.args[${j}]`)));
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

async function tempDir(): Promise<string> {
  try {
    return await mkdtemp(joinPath(tmpdir(), 'meshsim-program-'));
  } catch (e) {
    throw badInput(`cannot create a folder for compiled kernels in ${tmpdir()}: ${fsReason(e)} (set TMPDIR to a writable folder)`);
  }
}

// The bytes of an init file, at most the buffer's size.
function readInit(path: string, what: string, bytes: number): Uint8Array {
  const data = readUserFile(path, { what: `${what}, at most ${formatBytes(bytes)}`, maxBytes: bytes });
  const out = new Uint8Array(bytes);
  out.set(data);
  return out;
}
