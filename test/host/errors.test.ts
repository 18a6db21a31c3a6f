// Bad programs stop with one clear message naming core, hart, pc and the offending value.
import { describe, expect, it } from 'vitest';
import { ExitCode, MeshsimError } from '../../sim/errors.ts';
import { L1_ALLOC_BASE } from '../../sim/core/mmio.ts';
import { Device } from '../../sim/host/device.ts';
import { kernelImage } from '../../sim/host/kernels.ts';
import { Program } from '../../sim/host/program.ts';
import { copyThroughDram } from '../support/programs.ts';

const at = { x: 0, y: 0 };

function fails(run: () => unknown, code: number, ...patterns: RegExp[]): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MeshsimError);
  const e = error as MeshsimError;
  expect(e.message).not.toMatch(/\n/);
  for (const p of patterns) expect(e.message).toMatch(p);
  expect(e.exitCode).toBe(code);
}

// One noc_latency kernel on core (0,0)'s NCRISC with the given runtime args.
function latencyKernel(device: Device, args: number[]) {
  const program = new Program();
  const k = program.createKernel(kernelImage('dataflow/noc_latency', 'ncrisc'), at, { processor: 'ncrisc' });
  program.setRuntimeArgs(k, at, args);
  return () => device.run(program);
}

const fault = (device: Device, args: number[], ...patterns: RegExp[]) =>
  fails(latencyKernel(device, args), ExitCode.fault, /core \(0,0\) \[noc 1,1\] ncrisc, pc 0x[0-9a-f]+: /, ...patterns);

describe('bad programs', () => {
  it('circular buffers that do not fit in L1', () => {
    const device = new Device();
    const program = new Program();
    program.createCircularBuffer(at, { index: 0, pageBytes: 2048, pages: 600, format: 'bf16' });
    program.createCircularBuffer(at, { index: 1, pageBytes: 2048, pages: 200, format: 'bf16' });
    fails(() => device.run(program), ExitCode.badInput, /circular buffers on core \(0,0\) .* do not fit in L1: cb 1 \(200 × 2048 bytes\) ends at 1708032, past the 1499136 bytes of L1/);
  });

  it('a kernel for a core outside the grid', () => {
    const program = new Program();
    program.createKernel(kernelImage('dataflow/noc_latency', 'brisc'), { x: 8, y: 0 }, { processor: 'brisc' });
    fails(() => new Device().run(program), ExitCode.badInput, /core \(8,0\) \(column 8, row 0\) is outside the 8x8 compute grid \(rows x columns\): expected a column from 0 to 7/);
  });

  it('a NoC address to a tile that does not exist or is not a core or DRAM', () => {
    fault(new Device(), [0, 20, 3, L1_ALLOC_BASE, L1_ALLOC_BASE, 16, L1_ALLOC_BASE], /NoC address \(20,3\) is outside the 10×12 grid/);
    fault(new Device(), [0, 0, 3, L1_ALLOC_BASE, L1_ALLOC_BASE, 16, L1_ALLOC_BASE], /NoC address \(0,3\) is a PCIe tile/);
    fault(new Device(), [0, 1, 10, L1_ALLOC_BASE, L1_ALLOC_BASE, 16, L1_ALLOC_BASE], /NoC address \(1,10\) is a Tensix core outside the compute grid/);
  });

  it('a read past a DRAM buffer', () => {
    const device = new Device();
    const buffer = device.createBuffer(12 * 64, 64);
    const bank0 = device.dram.endpoint(0);
    fault(device, [0, bank0.x, bank0.y, buffer.address + 56, L1_ALLOC_BASE, 16, L1_ALLOC_BASE], /DRAM bank 0 at \(0,11\), 0x[0-9a-f]+ \+ 16 bytes is not inside one page of an allocated DRAM buffer/);
    fault(device, [0, bank0.x, bank0.y, buffer.address + 64, L1_ALLOC_BASE, 16, L1_ALLOC_BASE], /not inside one page/);
  });

  it('a runtime-arg index out of range', () => {
    fault(new Device(), [0, 1, 1], /get_arg_val\(3\): index out of range, the kernel was given 3 runtime args/);
  });

  it('a multicast rectangle that takes in Tensix cores outside the compute grid', () => {
    const device = new Device();
    const program = new Program();
    const k = program.createKernel(kernelImage('dataflow/multicast_sender', 'brisc'), at, { processor: 'brisc' });
    program.setRuntimeArgs(k, at, [L1_ALLOC_BASE, 64, 1, 1, 1, 10, 7, L1_ALLOC_BASE, 0]);
    fails(() => device.run(program), ExitCode.fault, /brisc, pc 0x[0-9a-f]+: noc_async_write_multicast: rectangle \(1,1\)-\(1,10\) includes \(1,10\), a Tensix core outside the compute grid/);
  });

  it('a multicast whose num_dests does not match the rectangle', () => {
    const device = new Device();
    const program = new Program();
    const k = program.createKernel(kernelImage('dataflow/multicast_sender', 'brisc'), at, { processor: 'brisc' });
    program.setRuntimeArgs(k, at, [L1_ALLOC_BASE, 64, 1, 1, 4, 1, 7, L1_ALLOC_BASE, 0]);
    fails(() => device.run(program), ExitCode.fault, /num_dests is 7 but the rectangle \(1,1\)-\(4,1\) has 3 receivers/);
  });

  it('a deadlock names every blocked hart and what it waits for', () => {
    const device = new Device();
    const program = new Program();
    const w = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), at, { processor: 'brisc' });
    program.createCircularBuffer(at, { index: 0, pageBytes: 2048, pages: 2, format: 'bf16' });
    const buffer = device.createBuffer(4096, 2048);
    program.setRuntimeArgs(w, at, [buffer.address, 2048, 0, 2, 0]);
    const s = program.createKernel(kernelImage('dataflow/semaphore_wait', 'ncrisc'), at, { processor: 'ncrisc' });
    program.setRuntimeArgs(s, at, [0, 5]);
    program.createSemaphore(at, 3);
    fails(() => device.run(program), ExitCode.deadlock,
      /deadlock at cycle \d+/,
      /core \(0,0\) \[noc 1,1\] brisc at pc 0x[0-9a-f]+ waits in cb_wait_front\(cb 0, 1\): 0 of 2 pages filled/,
      /ncrisc at pc 0x[0-9a-f]+ waits in noc_semaphore_wait\(0x10000, 5\): the semaphore holds 3/);
  });

  it('a run past the cycle limit', () => {
    fails(() => copyThroughDram('timing', 16, 2000), ExitCode.limit, /run passed the cycle limit of 2000 cycles/, /still running: core \(0,0\)/);
  });
});
