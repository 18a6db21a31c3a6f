// The all-cores stress of `npm run bench:mesh`: every core of the grid streams its share of an
// interleaved DRAM buffer through a circular buffer (NCRISC) and multicasts each page to the rest
// of its row (BRISC) — DRAM channels, both NoCs and multicast trees all busy at once.
import type { GridSize } from '../arch/types.ts';
import { L1_ALLOC_BASE } from '../core/mmio.ts';
import { Device, type Mode, type RunResult } from '../host/device.ts';
import { kernelImage } from '../host/kernels.ts';
import { Program } from '../host/program.ts';

const PAGE = 2048;
const SCRATCH = L1_ALLOC_BASE + 0x10000; // where multicast pages land on the receivers

export function meshStress(options: { arch?: string; grid?: GridSize; pagesPerCore: number; mode?: Mode }): { device: Device; result: RunResult } {
  const device = new Device({ arch: options.arch ?? 'wormhole_n150', grid: options.grid, mode: options.mode ?? 'timing' });
  const { rows, cols } = device.grid;
  const pages = options.pagesPerCore;
  const buffer = device.createBuffer(rows * cols * pages * PAGE, PAGE);
  const program = new Program();
  const all = { start: { x: 0, y: 0 }, end: { x: cols - 1, y: rows - 1 } };
  const reader = program.createKernel(kernelImage('dataflow/reader_interleaved', 'ncrisc'), all, { processor: 'ncrisc' });
  const sender = program.createKernel(kernelImage('dataflow/multicast_pages', 'brisc'), all, { processor: 'brisc' });
  program.createCircularBuffer(all, { index: 0, pageBytes: PAGE, pages: 4, format: 'bf16' });
  for (let y = 0; y < rows; y++) {
    const first = device.workerCore({ x: 0, y });
    const last = device.workerCore({ x: cols - 1, y });
    for (let x = 0; x < cols; x++) {
      const core = { x, y };
      program.setRuntimeArgs(reader, core, [buffer.address, PAGE, (y * cols + x) * pages, pages, 0]);
      program.setRuntimeArgs(sender, core, [0, PAGE, pages, first.x, first.y, last.x, last.y, cols - 1, SCRATCH]);
    }
  }
  return { device, result: device.run(program) };
}
