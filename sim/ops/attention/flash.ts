// Flash attention, as tt-metal's SDPA: the work is (batch, head, query block) units split over
// the cores; a block is `chunk` query rows, and K/V stream through in chunks of as many key rows
// (q and k chunk sizes equal), with the online softmax's running max, sum and output kept per
// query tile. Causal: chunks past the block's last row are not read.
import type { Device } from '../../host/device.ts';
import { Program } from '../../host/program.ts';
import { kernelImage } from '../../host/kernels.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { splitWork } from '../work-split.ts';
import { circularBuffers, computeKernel, inputArgs, shapeArgs, writer } from './program.ts';
import type { AttentionDims } from './shape.ts';

export function flashProgram(device: Device, q: Tensor, k: Tensor, v: Tensor, out: Tensor, d: AttentionDims, causal: boolean, scale: number, chunk: number): Program {
  const program = new Program();
  const Bt = Math.min(chunk / 32, d.St); // tiles a block and a chunk hold
  const perHead = Math.ceil(d.St / Bt);
  const shares = splitWork(d.batch * d.heads * perHead, device.cores.length);
  const cores = shares.map((s) => device.cores[s.core].logical);
  // The block's Q, a chunk's Kᵀ and V (V double-buffered), and the running state of every query
  // tile of the block, with room for one more while a tile's new state is written before its old is read.
  const chunkTiles = Bt * d.Dt;
  circularBuffers(program, cores, d, {
    q: chunkTiles, k: 2 * d.Dt, v: 2 * chunkTiles, kt: chunkTiles, s: Bt, p: Bt, alpha: 1, m: Bt + 1, l: Bt + 1, o: chunkTiles + d.Dt,
  });
  const reader = program.createKernel(kernelImage('ops/attention/dataflow/reader_flash', 'ncrisc'), cores, { processor: 'ncrisc' });
  const compute = computeKernel(program, 'attention_flash', cores);
  shares.forEach((s, i) => {
    program.setRuntimeArgs(reader, cores[i], [...inputArgs(q, k, v, d), s.first, s.count, causal ? 1 : 0, Bt]);
    program.setRuntimeArgs(compute, cores[i], [s.count, s.first, ...shapeArgs(d, causal, scale), Bt]);
  });
  // Block u is rows (u % perHead)·Bt.. of head u / perHead; consecutive blocks are consecutive rows.
  const row = (u: number) => Math.floor(u / perHead) * d.St + (u % perHead) * Bt;
  writer(program, cores, out, d, causal, (i) => ({ firstRow: row(shares[i].first), count: row(shares[i].first + shares[i].count) - row(shares[i].first) }));
  return program;
}
