// What every layernorm / rmsnorm program factory shares: the norm's parameters, its circular
// buffers and kernels (kernels/ops/layernorm/), and the runtime args of one core's work.
import type { Coord } from '../../arch/types.ts';
import { TILE_BYTES, TILE_DIM, type DataFormat } from '../../compute/formats.ts';
import { L1_ALLOC_BASE } from '../../core/mmio.ts';
import type { Device } from '../../host/device.ts';
import { kernelImage } from '../../host/kernels.ts';
import type { L1Buffer } from '../../host/l1-buffers.ts';
import type { Kernel, Program } from '../../host/program.ts';
import { floatToBf16Bits } from '../../models/half-float.ts';
import { badInput } from '../../errors.ts';
import type { Tensor } from '../../tensor/tensor.ts';

export const OUT_FORMAT: DataFormat = 'bf16';
// Intermediates (E[x], x − E[x], squares, …) and the generated scaler and mask tiles are bf16, as
// tt-metal's layernorm keeps them without fp32 accumulation.
const MID: DataFormat = 'bf16';
const DST_HALF = 8; // tiles a Dst half holds (bf16 Dst, sim/compute/tile-engine.ts)

export interface Norm {
  op: 'layernorm' | 'rmsnorm';
  x: Tensor;
  gamma?: Tensor;
  beta?: Tensor;
  eps: number;
}

// CB indices, as kernels/ops/layernorm/compute/layernorm.c names them.
const CB = { x: 0, gamma: 1, beta: 2, scaler: 3, one: 4, mask: 5, out: 16, partial: 20, gather: 21, ex2: 22, ex: 24, xmm: 25, xmm2: 26, ex2pe: 27, tmp: 28, norm: 29, gammed: 30 };

// One core's share: `rows` tile-rows of `Wt` tiles, from tile-row `row`; its gamma tiles start at
// `col`; `masked` when its last tile column holds padding.
export interface Work {
  core: Coord;
  row: number;
  rows: number;
  col: number;
  masked: boolean;
}

// How x reaches compute: streamed from DRAM (double-buffered rows when they fit), or a resident
// L1 shard; with `peers` cores sharing each row (block sharding) and `shardPages` per shard.
export interface Layout {
  Wt: number;
  resident?: { x: L1Buffer; out: L1Buffer; shardPages: number; peers: number; rows: number };
}

export const blockOf = (Wt: number) => Math.min(Wt, DST_HALF);

// The circular buffers on `cores`; for a streamed x, two rows of it when they fit in L1.
export function normBuffers(device: Device, program: Program, cores: Coord[], n: Norm, l: Layout): void {
  const rms = n.op === 'rmsnorm';
  const { Wt } = l;
  const block = blockOf(Wt);
  const [xTile, outTile, midTile] = [TILE_BYTES[n.x.dtype], TILE_BYTES[OUT_FORMAT], TILE_BYTES[MID]];
  const masked = !rms && n.x.cols % TILE_DIM !== 0;
  const peers = l.resident?.peers ?? 1;
  const stats = rms ? 1 : 2;
  const mid: [number, number][] = [[CB.scaler, 1], [CB.ex2pe, 1], [CB.xmm2, Wt]];
  if (!rms) mid.push([CB.ex, 1], [CB.xmm, Wt]);
  if (masked || (peers > 1 && !rms)) mid.push([CB.tmp, 1]);
  if (masked) mid.push([CB.mask, 1]);
  if (n.gamma) mid.push([CB.norm, block]);
  if (n.beta) mid.push([CB.gammed, block]);
  if (peers > 1) {
    const rows = l.resident!.rows;
    mid.push([CB.one, 1], [CB.partial, rows * stats], [CB.gather, peers * rows * stats]);
    if (!rms) mid.push([CB.ex2, 1]);
  }
  const cb = (index: number, pages: number, format: DataFormat, buffer?: L1Buffer) => program.createCircularBuffer(cores, { index, pageBytes: TILE_BYTES[format], pages, format, buffer });
  for (const [index, pages] of mid) cb(index, pages, MID);
  for (const t of [n.gamma && ([CB.gamma, n.gamma] as const), n.beta && ([CB.beta, n.beta] as const)]) if (t) cb(t[0], Wt, t[1].dtype);
  if (l.resident) {
    cb(CB.x, l.resident.shardPages, n.x.dtype, l.resident.x);
    cb(CB.out, l.resident.shardPages, OUT_FORMAT, l.resident.out);
    return;
  }
  cb(CB.out, 2 * block, OUT_FORMAT);
  const fixed = mid.reduce((s, [, pages]) => s + pages * midTile, 0) + 2 * block * outTile + [n.gamma, n.beta].reduce((s, t) => s + (t ? Wt * TILE_BYTES[t.dtype] : 0), 0);
  const free = Math.min(...cores.map((c) => device.l1.lowestOn(c)?.address ?? device.preset.l1Bytes)) - L1_ALLOC_BASE;
  if (fixed + Wt * xTile > free) {
    throw badInput(`${n.op}: a row of ${n.x.cols} columns needs ${fixed + Wt * xTile} bytes of circular buffers per core and ${free} bytes of L1 are free`);
  }
  cb(CB.x, fixed + 2 * Wt * xTile <= free ? 2 * Wt : Wt, n.x.dtype);
}

export interface NormKernels {
  reader: Kernel;
  compute: Kernel;
  writer: Kernel;
}

export function normKernels(program: Program, cores: Coord[], writer: string): NormKernels {
  return {
    reader: program.createKernel(kernelImage('ops/layernorm/dataflow/reader', 'ncrisc'), cores, { processor: 'ncrisc' }),
    compute: program.createKernel(kernelImage('ops/layernorm/compute/layernorm', 'trisc'), cores, { processor: 'trisc' }),
    writer: program.createKernel(kernelImage(writer, 'brisc'), cores, { processor: 'brisc' }),
  };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

// The reader's and compute's runtime args for one core's share.
export function setNormArgs(program: Program, k: NormKernels, n: Norm, l: Layout, w: Work): void {
  const rms = n.op === 'rmsnorm';
  const { Wt } = l;
  const scaler = floatToBf16Bits(1 / n.x.cols);
  const masked = !rms && w.masked && n.x.cols % TILE_DIM !== 0;
  const peers = l.resident?.peers ?? 1;
  const param = (t: Tensor | undefined) => (t ? [1, t.dram.address] : [0, 0]);
  const gammaTile = TILE_BYTES[(n.gamma ?? n.beta)?.dtype ?? OUT_FORMAT];
  program.setRuntimeArgs(k.reader, w.core, [
    l.resident ? 0 : n.x.dram.address, TILE_BYTES[n.x.dtype], w.row * Wt, w.rows, Wt, blockOf(Wt), l.resident ? 1 : 0,
    ...param(n.gamma), ...param(n.beta), w.col, gammaTile, (scaler << 16) | scaler, masked ? n.x.cols % TILE_DIM : 0, peers,
  ]);
  f32[0] = n.eps;
  program.setRuntimeArgs(k.compute, w.core, [w.rows, Wt, blockOf(Wt), rms ? 1 : 0, n.gamma ? 1 : 0, n.beta && !rms ? 1 : 0, masked ? 1 : 0, l.resident ? 1 : 0, peers, u32[0]]);
}

// Element operations per value, for TFLOP/s: LayerNorm sums, centres, squares, sums, scales and
// applies gamma and beta; RMSNorm squares, sums, scales and applies gamma.
export const normFlops = (n: Norm) => n.x.batch * n.x.rows * n.x.cols * (n.op === 'layernorm' ? 7 : 4);
