// A matmul C = A @ B on the mesh, with tt-metal's work partitionings (and `auto`: 2d-mcast when
// its blocks fit in L1, which they do unless a core's block of C is very large, else dp):
// - dp: matmul_multi_core — output tiles split over the cores; each reads the A row and B column
//   tiles of each of its output tiles from DRAM, with no reuse.
// - reuse: matmul_multicore_reuse — each core of the grid owns an Mb×Nb block of C, reads its
//   Mb×K block of A and K×Nb block of B from DRAM once, and reuses them across the block.
// - 2d-mcast: matmul_multicore_reuse_mcast — the same blocks, but only the left column reads A
//   (multicasting it along each row) and only the top row reads B (multicasting down each column).
import type { Fidelity, GridSize } from '../arch/types.ts';
import { TILE_BYTES, tilize, untilize, type DataFormat } from '../compute/formats.ts';
import { Device, type Mode, type RunResult } from '../host/device.ts';
import { kernelImage } from '../host/kernels.ts';
import { L1_ALLOC_BASE } from '../core/mmio.ts';
import { Program } from '../host/program.ts';
import type { DramBuffer } from '../dram/dram.ts';
import { mulberry32 } from '../random.ts';
import { summarize, type RunSummary } from '../trace/summary.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import type { NocTraceLog } from '../trace/noc-trace.ts';
import { badInput } from '../errors.ts';
import { splitWork } from './work-split.ts';

export const MATMUL_STRATEGIES = ['auto', 'dp', 'reuse', '2d-mcast'] as const;
export type MatmulStrategy = (typeof MATMUL_STRATEGIES)[number];
export type ConcreteStrategy = Exclude<MatmulStrategy, 'auto'>;

export interface MatmulOptions {
  m: number;
  k: number;
  n: number;
  dtype: DataFormat; // of A and B; C is bf16
  fidelity: Fidelity;
  fp32Acc: boolean;
  arch: string;
  grid?: GridSize;
  mode: Mode;
  strategy: MatmulStrategy;
  seed: number;
  print?: (line: string) => void;
  trace?: TraceRecorder;
  nocTrace?: NocTraceLog;
  maxCycles?: number;
  onProgress?: (cycle: number) => void;
}

export interface MatmulReport {
  options: Omit<MatmulOptions, 'print' | 'trace' | 'nocTrace' | 'onProgress'>;
  strategy: ConcreteStrategy; // the one that ran (what `auto` chose)
  tiles: { Mt: number; Kt: number; Nt: number };
  cores: number; // cores given work
  block?: { Mb: number; Nb: number; kb: number; subH: number; subW: number }; // reuse and 2d-mcast
  summary: RunSummary;
  // Functional mode: the largest error of sampled outputs against float64, relative to Σ|a·b|.
  check?: { samples: number; maxError: number };
  run: RunResult;
}

const SAMPLES = 256;
const OUT_FORMAT: DataFormat = 'bf16';
// Output sub-blocks, in tt-metal's order of preference (data_reuse.rst); at most a Dst half.
const SUBBLOCKS = [[4, 2], [2, 4], [8, 1], [1, 8], [7, 1], [1, 7], [3, 2], [2, 3], [6, 1], [1, 6], [5, 1], [1, 5], [2, 2], [4, 1], [1, 4], [3, 1], [1, 3], [2, 1], [1, 2], [1, 1]];

// Everything a strategy needs to lay out its program.
interface Setup {
  o: MatmulOptions;
  strategy: ConcreteStrategy;
  device: Device;
  program: Program;
  Mt: number;
  Kt: number;
  Nt: number; // C's width in tiles as stored (padded to whole blocks for the block strategies)
  inTile: number;
  outTile: number;
}

export function runMatmul(o: MatmulOptions): MatmulReport {
  for (const [name, v] of [['m', o.m], ['k', o.k], ['n', o.n]] as const) {
    if (!Number.isInteger(v) || v < 1) throw badInput(`--${name} ${v}: expected a positive whole number (padded to a multiple of 32)`);
  }
  const device = new Device({ arch: o.arch, grid: o.grid, mode: o.mode, print: o.print, trace: o.trace, nocTrace: o.nocTrace, maxCycles: o.maxCycles, onProgress: o.onProgress });
  const [Mt, Kt, Nt] = [o.m, o.k, o.n].map((v) => Math.ceil(v / 32));
  const shape = blockShape(Mt, Kt, Nt, device, o);
  const strategy: ConcreteStrategy = o.strategy !== 'auto' ? o.strategy : typeof shape === 'string' ? 'dp' : '2d-mcast';
  if (strategy !== 'dp' && typeof shape === 'string') throw badInput(`matmul ${strategy}: ${shape}`);
  const blocks = strategy === 'dp' || typeof shape === 'string' ? undefined : shape;
  // Block strategies store A and C with whole blocks of rows and B and C with whole blocks of
  // columns; the padding is zeros (never-written DRAM reads as zero).
  const [Mp, Np] = blocks ? [blocks.rows * blocks.Mb, blocks.cols * blocks.Nb] : [Mt, Nt];
  // Seeded inputs, only where values are computed (timing mode moves none).
  const rand = mulberry32(o.seed);
  const functional = o.mode === 'functional';
  const a = functional ? Float32Array.from({ length: o.m * o.k }, () => rand() * 2 - 1) : new Float32Array(0);
  const b = functional ? Float32Array.from({ length: o.k * o.n }, () => rand() * 2 - 1) : new Float32Array(0);
  const s: Setup = { o, strategy, device, program: new Program(), Mt, Kt, Nt: Np, inTile: TILE_BYTES[o.dtype], outTile: TILE_BYTES[OUT_FORMAT] };
  const bufA = device.createBuffer(Mp * Kt * s.inTile, s.inTile);
  const bufB = device.createBuffer(Kt * Np * s.inTile, s.inTile);
  const bufC = device.createBuffer(Mp * Np * s.outTile, s.outTile);
  if (functional) {
    device.writeBuffer(bufA, tilize(a, o.m, o.k, o.dtype));
    device.writeBuffer(bufB, tilize(widen(b, o.k, o.n, Np * 32), o.k, Np * 32, o.dtype));
  }
  const cores = blocks ? blockProgram(s, blocks, bufA, bufB, bufC) : dpProgram(s, bufA, bufB, bufC);
  const run = device.run(s.program);
  const { print: _print, trace: _trace, nocTrace: _nocTrace, onProgress: _onProgress, ...options } = o;
  return {
    options,
    strategy,
    tiles: { Mt, Kt, Nt },
    cores,
    block: blocks && { Mb: blocks.Mb, Nb: blocks.Nb, kb: blocks.kb, subH: blocks.subH, subW: blocks.subW },
    summary: summarize(device, run, 2 * o.m * o.k * o.n, o.fidelity),
    check: functional ? check(untilize(device.readBuffer(bufC), Mp * 32, Np * 32, OUT_FORMAT), Np * 32, a, b, o, rand) : undefined,
    run,
  };
}

function dpProgram(s: Setup, bufA: DramBuffer, bufB: DramBuffer, bufC: DramBuffer): number {
  const { program, device, o, Kt, Nt, inTile, outTile } = s;
  const shares = splitWork(s.Mt * Nt, device.cores.length);
  const cores = shares.map((share) => device.cores[share.core].logical);
  for (const cb of [0, 1]) program.createCircularBuffer(cores, { index: cb, pageBytes: inTile, pages: 2, format: o.dtype });
  program.createCircularBuffer(cores, { index: 16, pageBytes: outTile, pages: 2, format: OUT_FORMAT });
  const reader = program.createKernel(kernelImage('dataflow/reader_matmul', 'ncrisc'), cores, { processor: 'ncrisc' });
  const compute = program.createKernel(kernelImage('compute/matmul', 'trisc'), cores, { processor: 'trisc', mathFidelity: o.fidelity, fp32DestAccEn: o.fp32Acc });
  const writer = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), cores, { processor: 'brisc' });
  shares.forEach((share, i) => {
    program.setRuntimeArgs(reader, cores[i], [bufA.address, bufB.address, share.first, share.count, Kt, Nt, inTile]);
    program.setRuntimeArgs(compute, cores[i], [share.count, Kt]);
    program.setRuntimeArgs(writer, cores[i], [bufC.address, outTile, share.first, share.count, 16]);
  });
  return cores.length;
}

interface Blocks {
  rows: number; // grid rows and columns in use
  cols: number;
  Mb: number; // output tiles per core
  Nb: number;
  kb: number; // K tiles per block (tt-metal's in0_block_w)
  subH: number;
  subW: number;
}

// Blocks of C per core, the output sub-block, and the largest K block (a divisor of Kt) whose
// circular buffers fit in L1: A and B blocks double-buffered, the partial sums between K blocks,
// and the double-buffered output sub-block. Or why there is none.
function blockShape(Mt: number, Kt: number, Nt: number, device: Device, o: MatmulOptions): Blocks | string {
  const Mb = Math.ceil(Mt / Math.min(Mt, device.grid.rows));
  const Nb = Math.ceil(Nt / Math.min(Nt, device.grid.cols));
  const dstHalf = o.fp32Acc ? 4 : 8;
  const [subH, subW] = SUBBLOCKS.find(([h, w]) => h * w <= dstHalf && Mb % h === 0 && Nb % w === 0)!;
  const [inTile, outTile] = [TILE_BYTES[o.dtype], TILE_BYTES[OUT_FORMAT]];
  const free = device.preset.l1Bytes - L1_ALLOC_BASE;
  const needs = (kb: number) => 2 * (Mb * kb + kb * Nb) * inTile + (kb < Kt ? Mb * Nb * outTile : 0) + 2 * subH * subW * outTile;
  const kb = Array.from({ length: Kt }, (_, i) => Kt - i).find((d) => Kt % d === 0 && needs(d) <= free);
  if (kb === undefined) {
    return `a ${Mb}×${Nb}-tile block of C per core needs ${needs(1)} bytes of L1 even with K blocks of one tile, and ${free} are free; use a larger --grid or --strategy dp`;
  }
  return { rows: Math.ceil(Mt / Mb), cols: Math.ceil(Nt / Nb), Mb, Nb, kb, subH, subW };
}

function blockProgram(s: Setup, bl: Blocks, bufA: DramBuffer, bufB: DramBuffer, bufC: DramBuffer): number {
  const { program, device, o, Kt, Nt, inTile, outTile } = s;
  const all = { start: { x: 0, y: 0 }, end: { x: bl.cols - 1, y: bl.rows - 1 } };
  program.createCircularBuffer(all, { index: 0, pageBytes: inTile, pages: 2 * bl.Mb * bl.kb, format: o.dtype });
  program.createCircularBuffer(all, { index: 1, pageBytes: inTile, pages: 2 * bl.kb * bl.Nb, format: o.dtype });
  program.createCircularBuffer(all, { index: 16, pageBytes: outTile, pages: 2 * bl.subH * bl.subW, format: OUT_FORMAT });
  // Partial sums between K blocks, in the output's format (as tt-metal's intermediate CB).
  if (bl.kb < Kt) program.createCircularBuffer(all, { index: 24, pageBytes: outTile, pages: bl.Mb * bl.Nb, format: OUT_FORMAT });
  const compute = program.createKernel(kernelImage('compute/matmul_block', 'trisc'), all, { processor: 'trisc', mathFidelity: o.fidelity, fp32DestAccEn: o.fp32Acc });
  program.setRuntimeArgs(compute, all, [bl.Mb, bl.Nb, Kt, bl.kb, bl.subH, bl.subW]);
  const origin = (c: { x: number; y: number }) => ({ m0: c.y * bl.Mb, n0: c.x * bl.Nb });

  if (s.strategy === 'reuse') {
    const reader = program.createKernel(kernelImage('dataflow/reader_matmul_block', 'ncrisc'), all, { processor: 'ncrisc' });
    const writer = program.createKernel(kernelImage('dataflow/writer_matmul_block', 'brisc'), all, { processor: 'brisc' });
    for (const c of coresOf(bl)) {
      const { m0, n0 } = origin(c);
      program.setRuntimeArgs(reader, c, [bufA.address, bufB.address, m0, n0, bl.Mb, bl.Nb, Kt, bl.kb, Nt, inTile]);
      program.setRuntimeArgs(writer, c, [bufC.address, m0, n0, bl.Mb, bl.Nb, bl.subH, bl.subW, Nt, outTile]);
    }
    return bl.rows * bl.cols;
  }

  // 2d-mcast: semaphores 0/1 are A's ready (on senders) and valid (on receivers), 2/3 B's.
  for (let id = 0; id < 4; id++) program.createSemaphore(all, 0);
  const in0 = program.createKernel(kernelImage('dataflow/matmul_in0_mcast', 'ncrisc'), all, { processor: 'ncrisc' });
  const in1 = program.createKernel(kernelImage('dataflow/matmul_in1_mcast_writer', 'brisc'), all, { processor: 'brisc' });
  const xy = (x: number, y: number) => device.workerCore({ x, y });
  for (const c of coresOf(bl)) {
    const { m0, n0 } = origin(c);
    // A goes along the row from column 0 to columns 1..; B down the column from row 0 to rows 1..
    const [rowFirst, rowLast, rowSender] = [xy(Math.min(1, bl.cols - 1), c.y), xy(bl.cols - 1, c.y), xy(0, c.y)];
    const [colFirst, colLast, colSender] = [xy(c.x, Math.min(1, bl.rows - 1)), xy(c.x, bl.rows - 1), xy(c.x, 0)];
    const in0Mcast = [c.x === 0 ? 1 : 0, rowFirst.x, rowFirst.y, rowLast.x, rowLast.y, bl.cols - 1, rowSender.x, rowSender.y, 0, 1];
    const in1Mcast = [c.y === 0 ? 1 : 0, colFirst.x, colFirst.y, colLast.x, colLast.y, bl.rows - 1, colSender.x, colSender.y, 2, 3];
    program.setRuntimeArgs(in0, c, [bufA.address, m0, bl.Mb, Kt, bl.kb, inTile, ...in0Mcast]);
    program.setRuntimeArgs(in1, c, [bufB.address, n0, bl.Nb, Kt, bl.kb, Nt, inTile, ...in1Mcast, bufC.address, m0, bl.Mb, bl.subH, bl.subW, outTile]);
  }
  return bl.rows * bl.cols;
}

function coresOf(bl: Blocks) {
  return Array.from({ length: bl.rows * bl.cols }, (_, i) => ({ x: i % bl.cols, y: Math.floor(i / bl.cols) }));
}

// The rows×cols matrix with zero columns added up to `width`.
function widen(values: Float32Array, rows: number, cols: number, width: number): Float32Array {
  if (width === cols) return values;
  const out = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) out.set(values.subarray(r * cols, (r + 1) * cols), r * width);
  return out;
}

// Compares sampled outputs (C stored `width` values wide) with a float64 product of the inputs.
function check(c: Float32Array, width: number, a: Float32Array, b: Float32Array, o: MatmulOptions, rand: () => number) {
  let maxError = 0;
  const samples = Math.min(SAMPLES, o.m * o.n);
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(rand() * o.m);
    const j = Math.floor(rand() * o.n);
    let sum = 0;
    let magnitude = 0;
    for (let k = 0; k < o.k; k++) {
      const p = a[i * o.k + k] * b[k * o.n + j];
      sum += p;
      magnitude += Math.abs(p);
    }
    maxError = Math.max(maxError, Math.abs(c[i * width + j] - sum) / Math.max(magnitude, 1e-30));
  }
  return { samples, maxError };
}
