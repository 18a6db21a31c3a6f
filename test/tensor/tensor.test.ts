// Tensors on the device: every memory config holds the values it was given, tiles live where the
// config says, L1 buffers are allocated top-down and live across programs, and programs read them
// through circular buffers placed on them.
import { describe, expect, it } from 'vitest';
import { Device } from '../../sim/host/device.ts';
import { kernelImage } from '../../sim/host/kernels.ts';
import { Program } from '../../sim/host/program.ts';
import { L1_ALLOC_BASE } from '../../sim/core/mmio.ts';
import { DRAM_INTERLEAVED, fromDevice, shardedL1, toDevice, Tensor, type MemoryConfig } from '../../sim/tensor/index.ts';
import { mulberry32 } from '../../sim/random.ts';

// Values bf16 holds exactly, so round trips can be compared for equality.
function bf16Values(count: number, seed = 7): Float32Array {
  const rand = mulberry32(seed);
  return Float32Array.from({ length: count }, () => Math.round((rand() * 2 - 1) * 128) / 64);
}

const all = (rows: number, cols: number) => ({ start: { x: 0, y: 0 }, end: { x: cols - 1, y: rows - 1 } });

describe('host transfers', () => {
  const cases: [string, readonly number[], MemoryConfig][] = [
    ['DRAM interleaved, padded', [2, 70, 100], DRAM_INTERLEAVED],
    ['DRAM width-sharded over the banks', [64, 384], { kind: 'dram-sharded', shardCols: 64 }],
    ['L1 height-sharded', [1, 256, 64], shardedL1('height', all(2, 4), [32, 64])],
    ['L1 width-sharded', [64, 256], shardedL1('width', all(1, 4), [64, 64])],
    ['L1 block-sharded, row-major', [128, 192], shardedL1('block', all(2, 3), [64, 64])],
    ['L1 block-sharded, col-major', [128, 192], shardedL1('block', all(3, 2), [64, 64], 'col-major')],
  ];
  for (const [name, shape, memory] of cases) {
    it(`${name}: fromDevice gives back what toDevice wrote`, () => {
      const device = new Device({ arch: 'wormhole_n150' });
      const values = bf16Values(shape.reduce((a, b) => a * b, 1));
      const t = toDevice(device, values, shape, 'bf16', memory, 'x');
      expect(fromDevice(t)).toEqual(values);
    });
  }

  it('puts each shard on the core the spec deals it to', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    // 4 row-blocks of 32 rows, height-sharded over a 2×2 range: row-major deals them (0,0) (1,0) (0,1) (1,1).
    const values = Float32Array.from({ length: 128 * 32 }, (_, i) => Math.floor(i / (32 * 32)) + 1);
    const t = toDevice(device, values, [128, 32], 'fp32', shardedL1('height', all(2, 2), [32, 32]), 'x');
    const first = (x: number, y: number) => new Float32Array(device.readL1({ x, y }, t.l1.address, 4).buffer)[0];
    expect([first(0, 0), first(1, 0), first(0, 1), first(1, 1)]).toEqual([1, 2, 3, 4]);
    const byColumn = toDevice(device, values, [128, 32], 'fp32', shardedL1('height', all(2, 2), [32, 32], 'col-major'), 'y');
    const firstY = (x: number, y: number) => new Float32Array(device.readL1({ x, y }, byColumn.l1.address, 4).buffer)[0];
    expect([firstY(0, 0), firstY(0, 1), firstY(1, 0), firstY(1, 1)]).toEqual([1, 2, 3, 4]);
  });

  it('keeps DRAM-sharded columns in one bank each', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    const t = toDevice(device, bf16Values(32 * 128), [32, 128], 'bf16', { kind: 'dram-sharded', shardCols: 32 }, 'w');
    // four shards of one tile: tile c is page c of bank c
    for (let c = 0; c < 4; c++) {
      const { page } = t.layout.home(0, c) as { page: number };
      expect(device.dram.locate(t.dram, page * 2048)).toEqual({ bank: c, addr: t.dram.address });
    }
  });

  it('refuses shards that do not tile the tensor, naming the tensor and why', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    expect(() => new Tensor(device, [256, 64], 'bf16', shardedL1('height', all(1, 4), [32, 64]), 'attention Q')).toThrow(
      'attention Q: height shards of 32×64 on 1×4 cores do not tile the 256×64 tensor: 8 shards for 4 cores',
    );
    expect(() => new Tensor(device, [64, 64], 'bf16', shardedL1('height', all(1, 2), [32, 32]), 'x')).toThrow('a height shard must be the full 64 columns wide');
    expect(() => new Tensor(device, [64, 64], 'bf16', shardedL1('width', all(1, 2), [40, 32]), 'x')).toThrow('expected positive multiples of 32');
    expect(() => new Tensor(device, [32, 32 * 13], 'bf16', { kind: 'dram-sharded', shardCols: 32 }, 'w')).toThrow('need 13 banks, the device has 12');
  });
});

describe('L1 buffers', () => {
  it('are allocated from the top of L1 down, the same address on every core, and freed', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    const a = device.allocateL1(all(2, 2), 4096, 'a');
    const b = device.allocateL1({ x: 3, y: 3 }, 1000, 'b');
    expect(a.address + 4096).toBe(device.preset.l1Bytes);
    expect(b.address + 1000).toBeLessThanOrEqual(a.address);
    device.freeL1(a);
    const c = device.allocateL1({ x: 0, y: 0 }, 4096, 'c');
    expect(c.address).toBe(a.address);
    expect(() => device.freeL1(a)).toThrow('is not allocated');
  });

  it('say which core and how many bytes when one does not fit', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    expect(() => device.allocateL1({ x: 2, y: 1 }, 2_000_000, 'KV cache')).toThrow(
      /L1 buffer for KV cache does not fit: it needs 2000000 bytes on each of 1 cores \(first core \(2,1\) \[noc 3,2\]\), and the largest free range of L1 is \d+/,
    );
  });

  it('keep circular buffers below them, with a message naming both', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    const big = device.allocateL1({ x: 0, y: 0 }, device.preset.l1Bytes - L1_ALLOC_BASE - 8192, 'activations');
    const program = new Program();
    program.createCircularBuffer({ x: 0, y: 0 }, { index: 0, pageBytes: 2048, pages: 8, format: 'bf16' });
    program.createKernel(kernelImage('dataflow/reader_sharded', 'ncrisc'), { x: 0, y: 0 }, { processor: 'ncrisc' });
    expect(() => device.run(program)).toThrow(`cb 0 (8 × 2048 bytes) ends at ${L1_ALLOC_BASE + 16384}, past the L1 buffer of activations at ${big.address}`);
  });

  it('hold a shard that a program reads through a circular buffer placed on it', () => {
    const device = new Device({ arch: 'wormhole_n150', grid: { rows: 1, cols: 2 } });
    const values = bf16Values(128 * 32, 3);
    const sharded = toDevice(device, values, [128, 32], 'bf16', shardedL1('height', all(1, 2), [64, 32]), 'x');
    const out = toDevice(device, undefined, [128, 32], 'bf16', DRAM_INTERLEAVED, 'y');
    const program = new Program();
    const cores = all(1, 2);
    program.createCircularBuffer(cores, { index: 0, pageBytes: 2048, pages: 2, format: 'bf16', buffer: sharded.l1 });
    const reader = program.createKernel(kernelImage('dataflow/reader_sharded', 'ncrisc'), cores, { processor: 'ncrisc' });
    const writer = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), cores, { processor: 'brisc' });
    program.setRuntimeArgs(reader, cores, [0, 2]);
    for (const x of [0, 1]) program.setRuntimeArgs(writer, { x, y: 0 }, [out.dram.address, 2048, 2 * x, 2, 0]);
    device.run(program);
    expect(fromDevice(out)).toEqual(values);
    // and the shard is still there for the next program
    expect(fromDevice(sharded)).toEqual(values);
  });

  it('refuse a circular buffer larger than the buffer it is placed on', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    const buffer = device.allocateL1({ x: 0, y: 0 }, 2048, 'x');
    const program = new Program();
    program.createCircularBuffer({ x: 0, y: 0 }, { index: 0, pageBytes: 2048, pages: 2, format: 'bf16', buffer });
    program.createKernel(kernelImage('dataflow/reader_sharded', 'ncrisc'), { x: 0, y: 0 }, { processor: 'ncrisc' });
    expect(() => device.run(program)).toThrow('2 × 2048 bytes do not fit the 2048 bytes per core of the L1 buffer of x');
  });
});

describe('DRAM buffers', () => {
  it('are freed, and a buffer allocated in freed space reads as zeros', () => {
    const device = new Device({ arch: 'wormhole_n150' });
    const a = toDevice(device, bf16Values(64 * 64), [64, 64], 'bf16', DRAM_INTERLEAVED, 'a');
    const address = a.dram.address;
    a.deallocate();
    const b = toDevice(device, undefined, [64, 64], 'bf16', DRAM_INTERLEAVED, 'b');
    expect(b.dram.address).toBe(address);
    expect(fromDevice(b).every((v) => v === 0)).toBe(true);
  });
});

describe('runs one after another', () => {
  it('report each program its own NoC and DRAM counters', () => {
    const device = new Device({ arch: 'wormhole_n150', grid: { rows: 1, cols: 2 } });
    const t = toDevice(device, bf16Values(128 * 32), [128, 32], 'bf16', DRAM_INTERLEAVED, 'x');
    const out = toDevice(device, undefined, [128, 32], 'bf16', DRAM_INTERLEAVED, 'y');
    const copy = () => {
      const program = new Program();
      program.createCircularBuffer({ x: 0, y: 0 }, { index: 0, pageBytes: 2048, pages: 2, format: 'bf16' });
      const r = program.createKernel(kernelImage('dataflow/reader_interleaved', 'ncrisc'), { x: 0, y: 0 }, { processor: 'ncrisc' });
      const w = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), { x: 0, y: 0 }, { processor: 'brisc' });
      program.setRuntimeArgs(r, { x: 0, y: 0 }, [t.dram.address, 2048, 0, 4, 0]);
      program.setRuntimeArgs(w, { x: 0, y: 0 }, [out.dram.address, 2048, 0, 4, 0]);
      return device.run(program);
    };
    const first = copy();
    const second = copy();
    expect(second.startCycle).toBe(first.endCycle);
    const read = (r: typeof first) => r.dram.reduce((s, b) => s + b.bytesRead, 0);
    expect([read(first), read(second)]).toEqual([4 * 2048, 4 * 2048]);
    const linkBytes = (r: typeof first) => r.links.flat().reduce((s, l) => s + l.bytes, 0);
    expect(linkBytes(second)).toBe(linkBytes(first));
  });
});
