// Token embedding: rows ids[i] of a tile-layout table [V, H] gathered into [1, ids.length, H]
// (bf16 in DRAM), as ttnn's embedding with a tiled output. A [1, V, H] table is the same tiles (the
// whole model gathers its last token's hidden state so, before the LM head). The rows move between tiles, so the
// reader reads each token's face rows from the table's tiles; the ids are words the host places in
// the L1 of the cores that need them. Work split over the cores by output tile.
import { badInput } from '../../errors.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { CB_OUT, expectDramBf16, movementProgram, newTensor, segmentWriterArgs, shareWork, wordsInL1 } from '../heads/data-movement.ts';
import { runOp } from '../op.ts';

export function embedding(table: Tensor, ids: readonly number[]): Tensor {
  const op = 'embedding';
  if (table.shape.length !== 2 && !(table.shape.length === 3 && table.shape[0] === 1)) {
    throw badInput(`${op}: table has shape [${table.shape.join(', ')}], expected [V, H] or [1, V, H]`);
  }
  expectDramBf16(op, 'table', table);
  const [V, H] = table.shape.slice(-2);
  if (ids.length === 0) throw badInput(`${op}: no token ids, expected at least one`);
  const bad = ids.findIndex((id) => !Number.isInteger(id) || id < 0 || id >= V);
  if (bad >= 0) throw badInput(`${op}: token id ${ids[bad]} at ${bad} is outside the vocabulary, expected 0 to ${V - 1}`);
  const device = table.device;
  const out = newTensor(device, [1, ids.length, H], 'embedding');
  const width = table.layout.grid.width;
  const units = out.layout.tiles;
  // A core needs the ids of the token rows of its output tiles.
  const firstRow = (first: number) => 32 * Math.floor(first / width);
  const words = wordsInL1(device, shareWork(device, units), 'token ids', (s) => ids.slice(firstRow(s.first), 32 * (Math.floor((s.first + s.count - 1) / width) + 1)));
  const program = movementProgram(device, units, {
    reader: 'ops/embedding/dataflow/reader_embedding',
    writer: 'ops/heads/dataflow/writer_segments',
    readerArgs: (s) => [table.dram.address, 2048, s.first, s.count, CB_OUT, width, ids.length, words.address, firstRow(s.first)],
    writerArgs: (s) => segmentWriterArgs([out], s.first, s.count),
  });
  runOp(device, program, { name: 'embedding', strategy: 'rows', output: out });
  device.freeL1(words);
  return out;
}
