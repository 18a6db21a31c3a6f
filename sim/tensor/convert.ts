// Moving a tensor between memory configs on the device, after ttnn.interleaved_to_sharded,
// ttnn.sharded_to_interleaved and ttnn.reshard: real data-movement programs, logged as ops.
// - interleaved_to_sharded: each shard's core reads its tiles from the DRAM pages into its L1 shard;
// - sharded_to_interleaved: each shard's core writes its tiles out to the DRAM pages;
// - reshard: each new shard's core reads its tiles over the NoC from the L1 of the cores holding
//   them in the old sharding.
// Each returns a new tensor of the same shape and format; the input is not freed.
import type { Coord } from '../arch/types.ts';
import type { Device } from '../host/device.ts';
import { kernelImage } from '../host/kernels.ts';
import { Program } from '../host/program.ts';
import { badInput } from '../errors.ts';
import { runOp } from '../ops/op.ts';
import { DRAM_INTERLEAVED, describeMemory, type MemoryConfig } from './memory-config.ts';
import { Tensor } from './tensor.ts';

export function interleavedToSharded(x: Tensor, memory: MemoryConfig): Tensor {
  expect('interleaved_to_sharded', 'x', x.memory, 'dram-interleaved');
  expect('interleaved_to_sharded', 'memory', memory, 'l1-sharded');
  return gather('interleaved_to_sharded', x, memory, [0, x.dram.address]);
}

export function reshard(x: Tensor, memory: MemoryConfig): Tensor {
  expect('reshard', 'x', x.memory, 'l1-sharded');
  expect('reshard', 'memory', memory, 'l1-sharded');
  return gather('reshard', x, memory, [1, x.l1.address, ...sourceShards(x)]);
}

export function shardedToInterleaved(x: Tensor): Tensor {
  expect('sharded_to_interleaved', 'x', x.memory, 'l1-sharded');
  const out = new Tensor(x.device, x.shape, x.dtype, DRAM_INTERLEAVED, x.name);
  const list = shards(x);
  const program = new Program();
  const writer = program.createKernel(kernelImage('ops/convert/dataflow/shard_to_dram', 'brisc'), list.map((s) => s.core), { processor: 'brisc' });
  for (const s of list) program.setRuntimeArgs(writer, s.core, [x.l1.address, ...shardArgs(x, s), out.dram.address]);
  runOp(x.device, program, { name: 'sharded_to_interleaved', strategy: shardKind(x.memory), output: out });
  return out;
}

function expect(op: string, what: string, memory: MemoryConfig, kind: MemoryConfig['kind']): void {
  if (memory.kind !== kind) throw badInput(`${op}: ${what} is ${describeMemory(memory)}: expected ${kind === 'l1-sharded' ? 'L1 sharded' : 'DRAM interleaved'}`);
}

const shardKind = (m: MemoryConfig) => (m.kind === 'l1-sharded' ? `${m.shard.layout}-sharded` : m.kind);

// Fills a new tensor sharded per `memory`: every shard's core reads its tiles from the source.
function gather(name: string, x: Tensor, memory: MemoryConfig, source: number[]): Tensor {
  const out = new Tensor(x.device, x.shape, x.dtype, memory, x.name);
  const list = shards(out);
  const program = new Program();
  const reader = program.createKernel(kernelImage('ops/convert/dataflow/gather_tiles', 'ncrisc'), list.map((s) => s.core), { processor: 'ncrisc' });
  for (const s of list) program.setRuntimeArgs(reader, s.core, [out.l1.address, ...shardArgs(out, s), ...source]);
  runOp(x.device, program, { name, strategy: shardKind(memory), output: out });
  return out;
}

interface Shard {
  core: Coord;
  r0: number; // first tile-row and tile column
  c0: number;
  rows: number; // tiles of the tensor in it (the last shards may be partly empty)
  cols: number;
}

function shards(t: Tensor): Shard[] {
  const s = t.layout.shardTiles!;
  const { height, width } = t.layout.grid;
  const list: Shard[] = [];
  for (let r0 = 0; r0 < height; r0 += s.rows) {
    for (let c0 = 0; c0 < width; c0 += s.cols) {
      const { core } = t.layout.home(r0, c0) as { core: Coord };
      list.push({ core, r0, c0, rows: Math.min(s.rows, height - r0), cols: Math.min(s.cols, width - c0) });
    }
  }
  return list;
}

// A shard's place in the tile matrix, as the kernels take it.
function shardArgs(t: Tensor, s: Shard): number[] {
  return [s.r0, s.c0, s.rows, s.cols, t.layout.shardTiles!.cols, t.layout.tileBytes, t.layout.grid.width];
}

const LAYOUT_IDS = { height: 0, width: 1, block: 2 } as const;

// How gather_tiles finds a tile of a sharded source: its shard spec and the NoC coordinates of
// the grid's logical columns and rows.
function sourceShards(x: Tensor): number[] {
  const { shard } = x.memory as Extract<MemoryConfig, { kind: 'l1-sharded' }>;
  const s = x.layout.shardTiles!;
  const { start, end } = shard.cores;
  return [
    LAYOUT_IDS[shard.layout], shard.orientation === 'col-major' ? 1 : 0, s.rows, s.cols,
    start.x, start.y, end.x - start.x + 1, end.y - start.y + 1, ...nocTables(x.device),
  ];
}

// NoC x of each logical column and NoC y of each logical row (worker cores form a grid).
function nocTables(device: Device): number[] {
  const { rows, cols } = device.grid;
  const xs = Array.from({ length: cols }, (_, c) => device.workerCore({ x: c, y: 0 }).x);
  const ys = Array.from({ length: rows }, (_, r) => device.workerCore({ x: 0, y: r }).y);
  return [cols, ...xs, ...ys];
}
