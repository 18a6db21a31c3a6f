// The mesh end to end: kernels on cores moving data through DRAM, circular buffers, multicast
// and semaphores, in both modes, deterministically.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { L1_ALLOC_BASE } from '../../sim/core/mmio.ts';
import { Device } from '../../sim/host/device.ts';
import { kernelImage } from '../../sim/host/kernels.ts';
import { Program } from '../../sim/host/program.ts';
import { repoRoot } from '../support/cli.ts';
import { copyThroughDram, PAGE } from '../support/programs.ts';

describe('a program on the Wormhole mesh', () => {
  it('copies a DRAM buffer through a circular buffer, byte for byte', () => {
    const { result, data, out } = copyThroughDram('functional');
    expect(out).toEqual(data);
    expect(result.harts.map((h) => h.name)).toEqual(['core (0,0) [noc 1,1] ncrisc', 'core (0,0) [noc 1,1] brisc']);
    // 16 pages each way with a barrier per page: at least a DRAM round trip per page.
    expect(result.cycles).toBeGreaterThan(16 * 300);
    const bytesRead = result.dram.reduce((s, b) => s + b.bytesRead, 0);
    const bytesWritten = result.dram.reduce((s, b) => s + b.bytesWritten, 0);
    expect([bytesRead, bytesWritten]).toEqual([16 * PAGE, 16 * PAGE]);
    // Interleaved: 16 pages over 12 banks.
    expect(result.dram.filter((b) => b.bytesRead > 0)).toHaveLength(12);
  });

  it('timing mode gives the same cycles and counters and moves no data', () => {
    const functional = copyThroughDram('functional');
    const timing = copyThroughDram('timing');
    expect(timing.result).toEqual(functional.result);
    expect(timing.out.every((b) => b === 0)).toBe(true);
  });

  it('is deterministic: the same run twice, and in a fresh process', () => {
    const a = copyThroughDram('timing', 40).result;
    const b = copyThroughDram('timing', 40).result;
    expect(b).toEqual(a);
    const script = `import { copyThroughDram } from './test/support/programs.ts'; process.stdout.write(JSON.stringify(copyThroughDram('timing', 40).result));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(JSON.parse(JSON.stringify(a)));
  });

  it('multicasts a block to a row of cores and synchronises with semaphores', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    const program = new Program();
    const sender = { x: 0, y: 0 };
    const receivers = { start: { x: 1, y: 0 }, end: { x: 7, y: 0 } };
    const flag = program.createSemaphore({ start: { x: 0, y: 0 }, end: { x: 7, y: 0 } }, 0);
    const done = program.createSemaphore(sender, 0);
    const block = Uint8Array.from({ length: 4096 }, (_, i) => (i * 13) & 255);
    const src = L1_ALLOC_BASE, dst = L1_ALLOC_BASE + 0x2000;
    device.writeL1(sender, src, block);
    const first = device.workerCore({ x: 0, y: 0 }), last = device.workerCore({ x: 7, y: 0 });
    const s = program.createKernel(kernelImage('dataflow/multicast_sender', 'brisc'), sender, { processor: 'brisc' });
    program.setRuntimeArgs(s, sender, [src, block.length, first.x, first.y, last.x, last.y, 7, dst, 0]);
    const r = program.createKernel(kernelImage('dataflow/multicast_receiver', 'brisc'), receivers, { processor: 'brisc' });
    program.setRuntimeArgs(r, receivers, [0, first.x, first.y, 1]);
    // The sender's own check that every receiver reported back.
    const waitAll = program.createKernel(kernelImage('dataflow/semaphore_wait', 'ncrisc'), sender, { processor: 'ncrisc' });
    program.setRuntimeArgs(waitAll, sender, [1, 7]);
    expect([flag, done]).toEqual([0x10000, 0x10010]);
    const result = device.run(program);
    for (let x = 1; x <= 7; x++) expect(device.readL1({ x, y: 0 }, dst, block.length)).toEqual(block);
    expect(device.readL1({ x: 0, y: 0 }, dst, 16).every((b) => b === 0)).toBe(true); // the sender is excluded
    expect(device.core(sender).l1Word(done)).toBe(7);
    // The row's links east of the sender carry the block once each (NoC0 flows east).
    const carried = result.links[0].filter((l) => l.from.y === first.y && l.dir === 'E' && l.from.x >= first.x && l.from.x < last.x);
    expect(carried.every((l) => l.bytes >= block.length && l.bytes < 2 * block.length)).toBe(true);
  });
});

describe('debug print', () => {
  it('prints lines tagged with core and hart', () => {
    const lines: string[] = [];
    const device = new Device({ arch: 'teach_2x2', print: (line) => lines.push(line) });
    const program = new Program();
    program.createKernel(kernelImage('dataflow/hello_core', 'ncrisc'), { x: 1, y: 1 }, { processor: 'ncrisc' });
    device.run(program);
    expect(lines).toEqual([
      '[core (1,1) [noc 2,2] ncrisc] hello from a Tensix core',
      '[core (1,1) [noc 2,2] ncrisc] noc x 2',
      '[core (1,1) [noc 2,2] ncrisc] noc y 2',
    ]);
  });
});
