// The interleaved factory, as tt-metal's layernorm_op_multi_core: the tile-rows of a DRAM
// interleaved x are split over the grid's cores (split_work_to_cores); each core reads its rows'
// tiles, normalizes them and writes them to a DRAM interleaved output.
import { Program } from '../../host/program.ts';
import { TILE_BYTES } from '../../compute/formats.ts';
import { DRAM_INTERLEAVED } from '../../tensor/memory-config.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { splitWork } from '../work-split.ts';
import { blockOf, normBuffers, normKernels, OUT_FORMAT, setNormArgs, type Norm } from './program.ts';

export function interleavedProgram(n: Norm): { program: Program; output: Tensor } {
  const { x } = n;
  const device = x.device;
  const { height, width: Wt } = x.layout.grid;
  const output = new Tensor(device, x.shape, OUT_FORMAT, DRAM_INTERLEAVED, n.op);
  const program = new Program();
  const shares = splitWork(height, device.cores.length);
  const cores = shares.map((s) => device.cores[s.core].logical);
  const layout = { Wt };
  normBuffers(device, program, cores, n, layout);
  const k = normKernels(program, cores, 'ops/layernorm/dataflow/writer');
  shares.forEach((s, i) => {
    setNormArgs(program, k, n, layout, { core: cores[i], row: s.first, rows: s.count, col: 0, masked: true });
    program.setRuntimeArgs(k.writer, cores[i], [output.dram.address, TILE_BYTES[OUT_FORMAT], s.first * Wt, s.count * Wt, blockOf(Wt)]);
  });
  return { program, output };
}
