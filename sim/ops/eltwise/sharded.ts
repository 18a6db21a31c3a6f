// The sharded program factory of the eltwise ops (tt-metal's sharded eltwise programs): the
// inputs and the output share one shard spec, and on each core c_0 (and c_1) and c_16 are placed on
// the shards themselves (globally allocated CBs), so the op moves nothing over the NoC. The compute
// kernel runs over the whole shard, as tt-metal's does (a partial edge shard computes padding too).
import { kernelImage } from '../../host/kernels.ts';
import { Program } from '../../host/program.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import type { ComputeStep } from './compute-step.ts';

export function shardedProgram(inputs: readonly Tensor[], out: Tensor, step: ComputeStep): { program: Program; cores: number } {
  const program = new Program();
  const { cores, rows, cols } = out.layout.shardTiles!;
  const tiles = rows * cols;
  inputs.forEach((t, i) => program.createCircularBuffer(cores, { index: i, pageBytes: t.layout.tileBytes, pages: tiles, format: t.dtype, buffer: t.l1 }));
  program.createCircularBuffer(cores, { index: 16, pageBytes: out.layout.tileBytes, pages: tiles, format: out.dtype, buffer: out.l1 });
  const binary = inputs.length === 2;
  const reader = program.createKernel(kernelImage(binary ? 'ops/eltwise/dataflow/reader_sharded_binary' : 'dataflow/reader_sharded', 'ncrisc'), cores, { processor: 'ncrisc' });
  const compute = program.createKernel(kernelImage(step.kernel, 'trisc'), cores, { processor: 'trisc' });
  const writer = program.createKernel(kernelImage('ops/eltwise/dataflow/writer_sharded', 'brisc'), cores, { processor: 'brisc' });
  program.setRuntimeArgs(reader, cores, binary ? [tiles] : [0, tiles]);
  program.setRuntimeArgs(compute, cores, step.args(tiles));
  program.setRuntimeArgs(writer, cores, [tiles]);
  return { program, cores: cores.length };
}
