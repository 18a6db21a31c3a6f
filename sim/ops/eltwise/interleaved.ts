// The interleaved program factory of the eltwise ops (tt-metal's eltwise binary / unary
// multi-core programs): the output tiles are split over the grid's cores as split_work_to_cores
// splits them; on each core the reader brings its tiles of the inputs from DRAM into c_0 (and c_1),
// the compute kernel applies the op tile by tile into c_16, and the writer stores c_16 to DRAM.
// Every CB holds two tiles, so reading, math and writing overlap.
import { kernelImage } from '../../host/kernels.ts';
import { Program } from '../../host/program.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { splitWork } from '../work-split.ts';
import type { ComputeStep } from './compute-step.ts';

// b_width: for a binary op whose b is one row of tiles broadcast down the rows, its width in tiles.
export function interleavedProgram(inputs: readonly Tensor[], out: Tensor, step: ComputeStep, bWidth = 0): { program: Program; cores: number } {
  const device = out.device;
  const program = new Program();
  const shares = splitWork(out.layout.tiles, device.cores.length);
  const cores = shares.map((s) => device.cores[s.core].logical);
  inputs.forEach((t, i) => program.createCircularBuffer(cores, { index: i, pageBytes: t.layout.tileBytes, pages: 2, format: t.dtype }));
  program.createCircularBuffer(cores, { index: 16, pageBytes: out.layout.tileBytes, pages: 2, format: out.dtype });
  const [a, b] = inputs;
  const reader = program.createKernel(kernelImage(b ? 'ops/eltwise/dataflow/reader_binary' : 'dataflow/reader_interleaved', 'ncrisc'), cores, { processor: 'ncrisc' });
  const compute = program.createKernel(kernelImage(step.kernel, 'trisc'), cores, { processor: 'trisc' });
  const writer = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), cores, { processor: 'brisc' });
  shares.forEach(({ first, count }, i) => {
    const readerArgs = b
      ? [a.dram.address, a.layout.tileBytes, b.dram.address, b.layout.tileBytes, first, count, bWidth]
      : [a.dram.address, a.layout.tileBytes, first, count, 0];
    program.setRuntimeArgs(reader, cores[i], readerArgs);
    program.setRuntimeArgs(compute, cores[i], step.args(count));
    program.setRuntimeArgs(writer, cores[i], [out.dram.address, out.layout.tileBytes, first, count, 16]);
  });
  return { program, cores: cores.length };
}
