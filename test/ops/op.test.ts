// runOp: an op's program runs on the device, its stats are its own, and the device logs it.
import { describe, expect, it } from 'vitest';
import { Device } from '../../sim/host/device.ts';
import { kernelImage } from '../../sim/host/kernels.ts';
import { Program } from '../../sim/host/program.ts';
import { opsRun, runOp } from '../../sim/ops/op.ts';
import { DRAM_INTERLEAVED, toDevice } from '../../sim/tensor/index.ts';
import { TraceRecorder } from '../../sim/trace/recorder.ts';

function copyProgram(src: number, dst: number, pages: number): Program {
  const program = new Program();
  const core = { x: 0, y: 0 };
  program.createCircularBuffer(core, { index: 0, pageBytes: 2048, pages: 2, format: 'bf16' });
  const r = program.createKernel(kernelImage('dataflow/reader_interleaved', 'ncrisc'), core, { processor: 'ncrisc' });
  const w = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), core, { processor: 'brisc' });
  program.setRuntimeArgs(r, core, [src, 2048, 0, pages, 0]);
  program.setRuntimeArgs(w, core, [dst, 2048, 0, pages, 0]);
  return program;
}

describe('runOp', () => {
  it('logs each op with its own cycles, cores and output placement, and marks it on the trace', () => {
    const trace = new TraceRecorder();
    const device = new Device({ arch: 'wormhole_n150', mode: 'timing', trace });
    const a = toDevice(device, undefined, [64, 64], 'bf16', DRAM_INTERLEAVED, 'a');
    const b = toDevice(device, undefined, [64, 64], 'bf16', DRAM_INTERLEAVED, 'b');
    const first = runOp(device, copyProgram(a.dram.address, b.dram.address, 4), { name: 'copy', strategy: 'one core', output: b });
    const second = runOp(device, copyProgram(b.dram.address, a.dram.address, 2), { name: 'copy', strategy: 'half', output: a });
    expect(opsRun(device).map((o) => [o.name, o.strategy, o.cores, o.output])).toEqual([
      ['copy', 'one core', 1, 'DRAM interleaved'],
      ['copy', 'half', 1, 'DRAM interleaved'],
    ]);
    expect(second.stats.startCycle).toBe(first.stats.endCycle);
    expect(second.stats.summary.cycles).toBeLessThan(first.stats.summary.cycles); // half the pages
    expect(trace.spans.filter((s) => s.cat === 'op').map((s) => [s.name, s.args?.strategy, s.start, s.end])).toEqual([
      ['copy', 'one core', first.stats.startCycle, first.stats.endCycle],
      ['copy', 'half', second.stats.startCycle, second.stats.endCycle],
    ]);
  });
});
