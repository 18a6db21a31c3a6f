// Head-parallel attention: the (batch, head) pairs split over the cores (tt-metal's
// split_work_to_cores), each core running whole heads one query tile row at a time, with K and V
// streamed from DRAM for every row (no reuse across rows; the flash factory keeps them for a block).
import type { Device } from '../../host/device.ts';
import { Program } from '../../host/program.ts';
import { kernelImage } from '../../host/kernels.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { splitWork } from '../work-split.ts';
import { circularBuffers, computeKernel, inputArgs, shapeArgs, writer } from './program.ts';
import type { AttentionDims } from './shape.ts';

export function headsProgram(device: Device, q: Tensor, k: Tensor, v: Tensor, out: Tensor, d: AttentionDims, causal: boolean, scale: number): Program {
  const program = new Program();
  const shares = splitWork(d.batch * d.heads, device.cores.length);
  const cores = shares.map((s) => device.cores[s.core].logical);
  // A query row's scores and probabilities are whole; Q, K and V rows double-buffered.
  circularBuffers(program, cores, d, { q: 2 * d.Dt, k: 2 * d.Dt, v: 2 * d.Dt, kt: d.Dt, s: d.St, p: d.St });
  const reader = program.createKernel(kernelImage('ops/attention/dataflow/reader_heads', 'ncrisc'), cores, { processor: 'ncrisc' });
  const compute = computeKernel(program, 'attention_heads', cores);
  shares.forEach((s, i) => {
    program.setRuntimeArgs(reader, cores[i], [...inputArgs(q, k, v, d), s.first, s.count, causal ? 1 : 0]);
    program.setRuntimeArgs(compute, cores[i], [s.count, ...shapeArgs(d, causal, scale)]);
  });
  writer(program, cores, out, d, causal, (i) => ({ firstRow: shares[i].first * d.St, count: shares[i].count * d.St }));
  return program;
}
