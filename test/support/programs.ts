// Small programs that tests run on the simulated mesh (also from a fresh process).
import { Device, type Mode } from '../../sim/host/device.ts';
import { kernelImage } from '../../sim/host/kernels.ts';
import { Program } from '../../sim/host/program.ts';

export const PAGE = 2048;

// Core (0,0) reads `pages` pages from one DRAM buffer through CB 0 and writes them to another.
export function copyThroughDram(mode: Mode, pages = 16, maxCycles?: number) {
  const device = new Device({ arch: 'wormhole_n150', mode, maxCycles });
  const input = device.createBuffer(pages * PAGE, PAGE);
  const output = device.createBuffer(pages * PAGE, PAGE);
  const data = Uint8Array.from({ length: pages * PAGE }, (_, i) => (i * 7 + (i >> 11)) & 255);
  device.writeBuffer(input, data);
  const program = new Program();
  const core = { x: 0, y: 0 };
  const reader = program.createKernel(kernelImage('dataflow/reader_interleaved', 'ncrisc'), core, { processor: 'ncrisc' });
  const writer = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), core, { processor: 'brisc' });
  program.createCircularBuffer(core, { index: 0, pageBytes: PAGE, pages: 2, format: 'bf16' });
  program.setRuntimeArgs(reader, core, [input.address, PAGE, 0, pages, 0]);
  program.setRuntimeArgs(writer, core, [output.address, PAGE, 0, pages, 0]);
  const result = device.run(program);
  return { device, result, data, out: device.readBuffer(output) };
}
