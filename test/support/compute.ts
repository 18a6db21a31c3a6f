// Runs a compute kernel on one core of a device, fed from DRAM by reader_streams / reader_matmul
// and drained by writer_interleaved, with row-major float tensors in and out.
import type { Fidelity } from '../../sim/arch/types.ts';
import { TILE_BYTES, tilize, untilize, type DataFormat } from '../../sim/compute/formats.ts';
import { Device, type Mode, type RunResult } from '../../sim/host/device.ts';
import { kernelImage } from '../../sim/host/kernels.ts';
import { Program } from '../../sim/host/program.ts';

export interface Tensor {
  rows: number;
  cols: number;
  values: Float32Array;
}

export interface ComputeRun {
  kernel: string; // compute/<name>
  args: number[];
  inputs: { cb: number; format: DataFormat; tensor: Tensor }[];
  output: { format: DataFormat; rows: number; cols: number };
  matmul?: { Mt: number; Kt: number; Nt: number }; // feed with reader_matmul instead
  mode?: Mode;
  mathFidelity?: Fidelity;
  fp32DestAccEn?: boolean;
}

const core = { x: 0, y: 0 };

export function runCompute(run: ComputeRun): { out: Float32Array; result: RunResult } {
  const device = new Device({ arch: 'wormhole_n150', mode: run.mode ?? 'functional' });
  const program = new Program();
  const buffers = run.inputs.map((input) => {
    const bytes = tilize(input.tensor.values, input.tensor.rows, input.tensor.cols, input.format);
    const buffer = device.createBuffer(bytes.length, TILE_BYTES[input.format]);
    device.writeBuffer(buffer, bytes);
    program.createCircularBuffer(core, { index: input.cb, pageBytes: TILE_BYTES[input.format], pages: 2, format: input.format });
    return { ...input, buffer, tiles: bytes.length / TILE_BYTES[input.format] };
  });
  const outTiles = Math.ceil(run.output.rows / 32) * Math.ceil(run.output.cols / 32);
  const outBytes = TILE_BYTES[run.output.format];
  const out = device.createBuffer(outTiles * outBytes, outBytes);
  program.createCircularBuffer(core, { index: 16, pageBytes: outBytes, pages: 2, format: run.output.format });

  const reader = run.matmul
    ? program.createKernel(kernelImage('dataflow/reader_matmul', 'ncrisc'), core, { processor: 'ncrisc' })
    : program.createKernel(kernelImage('dataflow/reader_streams', 'ncrisc'), core, { processor: 'ncrisc' });
  if (run.matmul) {
    const { Mt, Kt, Nt } = run.matmul;
    program.setRuntimeArgs(reader, core, [buffers[0].buffer.address, buffers[1].buffer.address, 0, Mt * Nt, Kt, Nt, TILE_BYTES[buffers[0].format]]);
  } else {
    program.setRuntimeArgs(reader, core, [buffers.length, ...buffers.flatMap((b) => [b.cb, b.buffer.address, TILE_BYTES[b.format], b.tiles])]);
  }
  const compute = program.createKernel(kernelImage(run.kernel, 'trisc'), core, {
    processor: 'trisc',
    mathFidelity: run.mathFidelity,
    fp32DestAccEn: run.fp32DestAccEn,
  });
  program.setRuntimeArgs(compute, core, run.args);
  const writer = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), core, { processor: 'brisc' });
  program.setRuntimeArgs(writer, core, [out.address, outBytes, 0, outTiles, 16]);
  const result = device.run(program);
  return { out: untilize(device.readBuffer(out), run.output.rows, run.output.cols, run.output.format), result };
}
