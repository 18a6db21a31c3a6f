// Head split and merge around attention, as ttnn's nlp_create_qkv_heads / nlp_concat_heads and
// their decode forms. Prefill moves whole tiles (a head's columns are whole tile columns when the
// head dim is a multiple of 32); decode moves rows between tiles, since a row of user b becomes a
// row of a head matrix. Every tensor is bf16 in DRAM, interleaved.
import { badInput } from '../../errors.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { runOp } from '../op.ts';
import { CB_OUT, expectDramBf16, expectHeadDim, expectRank, movementProgram, newTensor, segmentWriterArgs } from './data-movement.ts';

export interface HeadOptions {
  heads: number;
  kvHeads: number;
  headDim: number;
}

const KERNELS = 'ops/heads/dataflow';
const tilesOf = (n: number) => Math.ceil(n / 32);

function checkHeads(op: string, qkv: Tensor, o: HeadOptions): void {
  for (const [name, v] of [['heads', o.heads], ['kvHeads', o.kvHeads]] as const) {
    if (!Number.isInteger(v) || v < 1) throw badInput(`${op}: ${name} ${v}, expected a positive whole number`);
  }
  if (o.heads % o.kvHeads !== 0) throw badInput(`${op}: heads ${o.heads} is not a multiple of kvHeads ${o.kvHeads}, expected whole query groups`);
  expectHeadDim(op, o.headDim);
  expectDramBf16(op, 'qkv', qkv);
  const width = (o.heads + 2 * o.kvHeads) * o.headDim;
  if (qkv.cols !== width) throw badInput(`${op}: qkv has ${qkv.cols} columns, expected (heads ${o.heads} + 2·kvHeads ${o.kvHeads})·headDim ${o.headDim} = ${width}`);
}

// qkv [B, S, (H+2KV)·D] → q [B, H, S, D], k and v [B, KV, S, D]; work split by (batch, head, row tile).
export function splitQkvHeads(qkv: Tensor, o: HeadOptions): { q: Tensor; k: Tensor; v: Tensor } {
  const op = 'splitQkvHeads';
  expectRank(op, 'qkv', qkv, 3, '[B, S, (H+2KV)·D]');
  checkHeads(op, qkv, o);
  const [B, S] = qkv.shape;
  const { heads: H, kvHeads: KV, headDim: D } = o;
  const [St, Dt, Wt] = [tilesOf(S), D / 32, qkv.layout.grid.width];
  const q = newTensor(qkv.device, [B, H, S, D], 'q');
  const k = newTensor(qkv.device, [B, KV, S, D], 'k');
  const v = newTensor(qkv.device, [B, KV, S, D], 'v');
  // A q tile (b, h, st, dt) is qkv tile (b·St + st, h·Dt + dt); k and v follow H and H + KV heads in.
  const segment = (n: number, offset: number) => [B, n, St, Dt, offset * Dt];
  const program = movementProgram(qkv.device, B * (H + 2 * KV) * St, {
    reader: `${KERNELS}/reader_tile_permute`,
    writer: `${KERNELS}/writer_segments`,
    readerArgs: (s) => [qkv.dram.address, 2048, s.first * Dt, s.count * Dt, CB_OUT, St * Wt, Dt, Wt, 1, 3, ...segment(H, 0), ...segment(KV, H), ...segment(KV, H + KV)],
    writerArgs: (s) => segmentWriterArgs([q, k, v], s.first * Dt, s.count * Dt),
  });
  runOp(qkv.device, program, { name: 'split_qkv_heads', strategy: 'tiles', output: q });
  return { q, k, v };
}

// x [B, H, S, D] → [B, S, H·D]; work split by (batch, row tile, head).
export function concatHeads(x: Tensor): Tensor {
  const op = 'concatHeads';
  expectRank(op, 'x', x, 4, '[B, H, S, D]');
  expectDramBf16(op, 'x', x);
  const [B, H, S, D] = x.shape;
  expectHeadDim(op, D);
  const [St, Dt] = [tilesOf(S), D / 32];
  const out = newTensor(x.device, [B, S, H * D], 'concat_heads');
  // Output tile (b·St + st, h·Dt + dt) is x tile ((b·H + h)·St + st, dt).
  const program = movementProgram(x.device, B * St * H, {
    reader: `${KERNELS}/reader_tile_permute`,
    writer: `${KERNELS}/writer_segments`,
    readerArgs: (s) => [x.dram.address, 2048, s.first * Dt, s.count * Dt, CB_OUT, H * St * Dt, Dt, St * Dt, 1, 1, B, St, H, Dt, 0],
    writerArgs: (s) => segmentWriterArgs([out], s.first * Dt, s.count * Dt),
  });
  runOp(x.device, program, { name: 'concat_heads', strategy: 'tiles', output: out });
  return out;
}

// qkv [1, B, (H+2KV)·D] → q [1, B, H, D], k and v [1, B, KV, D]; work split by output tile.
export function splitQkvHeadsDecode(qkv: Tensor, o: HeadOptions): { q: Tensor; k: Tensor; v: Tensor } {
  const op = 'splitQkvHeadsDecode';
  expectRank(op, 'qkv', qkv, 3, '[1, B, (H+2KV)·D]');
  if (qkv.shape[0] !== 1) throw badInput(`${op}: qkv has shape [${qkv.shape.join(', ')}], expected [1, B, (H+2KV)·D] (one row per user)`);
  checkHeads(op, qkv, o);
  const B = qkv.shape[1];
  const { heads: H, kvHeads: KV, headDim: D } = o;
  const q = newTensor(qkv.device, [1, B, H, D], 'q');
  const k = newTensor(qkv.device, [1, B, KV, D], 'k');
  const v = newTensor(qkv.device, [1, B, KV, D], 'v');
  const pages = q.layout.tiles + k.layout.tiles + v.layout.tiles;
  const program = movementProgram(qkv.device, pages, {
    reader: `${KERNELS}/reader_split_heads_decode`,
    writer: `${KERNELS}/writer_segments`,
    readerArgs: (s) => [qkv.dram.address, 2048, s.first, s.count, CB_OUT, qkv.layout.grid.width, D / 32, B, 3, H, 0, KV, H, KV, H + KV],
    writerArgs: (s) => segmentWriterArgs([q, k, v], s.first, s.count),
  });
  runOp(qkv.device, program, { name: 'split_qkv_heads', strategy: 'rows', output: q });
  return { q, k, v };
}

// x [1, B, H, D] → [1, B, H·D]; work split by output tile.
export function concatHeadsDecode(x: Tensor): Tensor {
  const op = 'concatHeadsDecode';
  expectRank(op, 'x', x, 4, '[1, B, H, D]');
  if (x.shape[0] !== 1) throw badInput(`${op}: x has shape [${x.shape.join(', ')}], expected [1, B, H, D] (one matrix of heads per user)`);
  expectDramBf16(op, 'x', x);
  const [, B, H, D] = x.shape;
  expectHeadDim(op, D);
  const out = newTensor(x.device, [1, B, H * D], 'concat_heads');
  const program = movementProgram(x.device, out.layout.tiles, {
    reader: `${KERNELS}/reader_concat_heads_decode`,
    writer: `${KERNELS}/writer_segments`,
    readerArgs: (s) => [x.dram.address, 2048, s.first, s.count, CB_OUT, B, H, D / 32],
    writerArgs: (s) => segmentWriterArgs([out], s.first, s.count),
  });
  runOp(x.device, program, { name: 'concat_heads', strategy: 'rows', output: out });
  return out;
}
