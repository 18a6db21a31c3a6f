// A matmul C = A @ B on the mesh, split over the cores data-parallel over output tiles as
// tt-metal's matmul_multi_core: each core reads the A row and B column tiles of its own output
// tiles from DRAM (no reuse between cores), multiplies them, and writes its C tiles back.
import type { Fidelity, GridSize } from '../arch/types.ts';
import { TILE_BYTES, tilize, untilize, type DataFormat } from '../compute/formats.ts';
import { Device, type Mode, type RunResult } from '../host/device.ts';
import { kernelImage } from '../host/kernels.ts';
import { Program } from '../host/program.ts';
import { mulberry32 } from '../random.ts';
import { summarize, type RunSummary } from '../trace/summary.ts';
import { badInput } from '../errors.ts';
import { splitWork } from './work-split.ts';

export const MATMUL_STRATEGIES = ['dp'] as const;
export type MatmulStrategy = (typeof MATMUL_STRATEGIES)[number];

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
}

export interface MatmulReport {
  options: Omit<MatmulOptions, 'print'>;
  tiles: { Mt: number; Kt: number; Nt: number };
  cores: number; // cores given work
  summary: RunSummary;
  // Functional mode: the largest error of sampled outputs against float64, relative to Σ|a·b|.
  check?: { samples: number; maxError: number };
  run: RunResult;
}

const SAMPLES = 256;
const OUT_FORMAT: DataFormat = 'bf16';

export function runMatmul(o: MatmulOptions): MatmulReport {
  for (const [name, v] of [['m', o.m], ['k', o.k], ['n', o.n]] as const) {
    if (!Number.isInteger(v) || v < 1) throw badInput(`--${name} ${v}: expected a positive whole number (padded to a multiple of 32)`);
  }
  const [Mt, Kt, Nt] = [o.m, o.k, o.n].map((v) => Math.ceil(v / 32));
  const device = new Device({ arch: o.arch, grid: o.grid, mode: o.mode, print: o.print });
  const rand = mulberry32(o.seed);
  const a = Float32Array.from({ length: o.m * o.k }, () => rand() * 2 - 1);
  const b = Float32Array.from({ length: o.k * o.n }, () => rand() * 2 - 1);
  const inTile = TILE_BYTES[o.dtype];
  const outTile = TILE_BYTES[OUT_FORMAT];
  const bufA = device.createBuffer(Mt * Kt * inTile, inTile);
  const bufB = device.createBuffer(Kt * Nt * inTile, inTile);
  const bufC = device.createBuffer(Mt * Nt * outTile, outTile);
  if (o.mode === 'functional') {
    device.writeBuffer(bufA, tilize(a, o.m, o.k, o.dtype));
    device.writeBuffer(bufB, tilize(b, o.k, o.n, o.dtype));
  }

  const program = new Program();
  const shares = splitWork(Mt * Nt, device.cores.length);
  const cores = shares.map((s) => device.cores[s.core].logical);
  for (const cb of [0, 1]) program.createCircularBuffer(cores, { index: cb, pageBytes: inTile, pages: 2, format: o.dtype });
  program.createCircularBuffer(cores, { index: 16, pageBytes: outTile, pages: 2, format: OUT_FORMAT });
  const reader = program.createKernel(kernelImage('dataflow/reader_matmul', 'ncrisc'), cores, { processor: 'ncrisc' });
  const compute = program.createKernel(kernelImage('compute/matmul', 'trisc'), cores, { processor: 'trisc', mathFidelity: o.fidelity, fp32DestAccEn: o.fp32Acc });
  const writer = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), cores, { processor: 'brisc' });
  shares.forEach((s, i) => {
    program.setRuntimeArgs(reader, cores[i], [bufA.address, bufB.address, s.first, s.count, Kt, Nt, inTile]);
    program.setRuntimeArgs(compute, cores[i], [s.count, Kt]);
    program.setRuntimeArgs(writer, cores[i], [bufC.address, outTile, s.first, s.count, 16]);
  });
  const run = device.run(program);
  const { print: _print, ...options } = o;
  return {
    options,
    tiles: { Mt, Kt, Nt },
    cores: shares.length,
    summary: summarize(device, run, 2 * o.m * o.k * o.n, o.fidelity),
    check: o.mode === 'functional' ? check(untilize(device.readBuffer(bufC), o.m, o.n, OUT_FORMAT), a, b, o, rand) : undefined,
    run,
  };
}

// Compares sampled outputs with a float64 product of the original inputs.
function check(c: Float32Array, a: Float32Array, b: Float32Array, o: MatmulOptions, rand: () => number) {
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
    maxError = Math.max(maxError, Math.abs(c[i * o.n + j] - sum) / Math.max(magnitude, 1e-30));
  }
  return { samples, maxError };
}
