// What the data-movement ops (head split and merge, KV-cache writes, the embedding gather) share:
// their checks on bf16 tensors in DRAM, their output tensors, and a program in which a reader
// fills a circular buffer with output tiles and a writer stores them, with the work split over the
// cores as tt-metal's split_work_to_cores does. Row moves assume bf16 tiles (32-byte face rows).
import type { Coord } from '../../arch/types.ts';
import type { Device } from '../../host/device.ts';
import { kernelImage } from '../../host/kernels.ts';
import type { L1Buffer } from '../../host/l1-buffers.ts';
import { Program } from '../../host/program.ts';
import { badInput } from '../../errors.ts';
import { DRAM_INTERLEAVED, Tensor } from '../../tensor/index.ts';
import { splitWork } from '../work-split.ts';

export const CB_OUT = 16;
const CB_PAGES = 2; // double-buffered, so the reader fills a tile while the writer stores the last

export interface Share {
  core: Coord;
  first: number; // first unit
  count: number;
}

// `units` of work over the device's cores, in row-major core order.
export function shareWork(device: Device, units: number): Share[] {
  return splitWork(units, device.cores.length).map((s) => ({ core: device.cores[s.core].logical, first: s.first, count: s.count }));
}

// A bf16 tensor in DRAM, interleaved: what the row moves and the page arithmetic of these kernels assume.
export function expectDramBf16(op: string, operand: string, t: Tensor): void {
  if (t.dtype !== 'bf16') throw badInput(`${op}: ${operand} is ${t.dtype}, expected bf16`);
  if (t.memory.kind !== 'dram-interleaved') throw badInput(`${op}: ${operand} is ${t.where}, expected DRAM interleaved`);
}

export function expectRank(op: string, operand: string, t: Tensor, rank: number, form: string): void {
  if (t.shape.length !== rank) throw badInput(`${op}: ${operand} has shape [${t.shape.join(', ')}], expected ${form}`);
}

export function expectHeadDim(op: string, headDim: number): void {
  if (!Number.isInteger(headDim) || headDim < 32 || headDim % 32 !== 0) throw badInput(`${op}: head dim ${headDim}, expected a positive multiple of 32 (whole tile columns)`);
}

export function newTensor(device: Device, shape: number[], name: string): Tensor {
  return new Tensor(device, shape, 'bf16', DRAM_INTERLEAVED, name);
}

export interface MovementKernels {
  reader: string; // kernel names under kernels/build/
  writer: string;
  readerArgs: (share: Share) => number[];
  writerArgs: (share: Share) => number[];
}

// A reader / writer program over `units` shares of work, exchanging tiles through CB_OUT.
export function movementProgram(device: Device, units: number, k: MovementKernels): Program {
  const program = new Program();
  const shares = shareWork(device, units);
  const cores = shares.map((s) => s.core);
  program.createCircularBuffer(cores, { index: CB_OUT, pageBytes: 2048, pages: CB_PAGES, format: 'bf16' });
  const reader = program.createKernel(kernelImage(k.reader, 'ncrisc'), cores, { processor: 'ncrisc' });
  const writer = program.createKernel(kernelImage(k.writer, 'brisc'), cores, { processor: 'brisc' });
  for (const s of shares) {
    program.setRuntimeArgs(reader, s.core, k.readerArgs(s));
    program.setRuntimeArgs(writer, s.core, k.writerArgs(s));
  }
  return program;
}

// writer_segments' args: the output pages [first, first + count) of `outputs` laid end to end.
export function segmentWriterArgs(outputs: Tensor[], first: number, count: number): number[] {
  return [2048, first, count, CB_OUT, outputs.length, ...outputs.flatMap((t) => [t.dram.address, t.layout.tiles])];
}

// Words that steer which pages a kernel reads (token ids, cache positions), placed by the host in
// an L1 buffer on each core before the run, as a small uint32 tensor in L1 would be: written in
// either mode, so timing runs read the same pages as functional ones. Free it after the run.
export function wordsInL1(device: Device, shares: Share[], label: string, words: (s: Share) => number[]): L1Buffer {
  const lists = shares.map(words);
  const buffer = device.allocateL1(shares.map((s) => s.core), 4 * Math.max(1, ...lists.map((l) => l.length)), label);
  shares.forEach((s, i) => device.writeL1(s.core, buffer.address, new Uint8Array(Uint32Array.from(lists[i]).buffer)));
  return buffer;
}
