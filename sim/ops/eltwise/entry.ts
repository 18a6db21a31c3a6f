// `meshsim op add|mul|gelu|silu`: the eltwise ops on seeded inputs of --shape, checked against
// their references. Strategy 'sharded' first places the inputs block-sharded in L1 (a host
// transfer, no program) over as many cores of the grid as the tile matrix allows.
import type { Device } from '../../host/device.ts';
import { add as addReference } from '../../models/reference/linear.ts';
import { shardedL1, type MemoryConfig } from '../../tensor/memory-config.ts';
import { tileGridOf } from '../../tensor/layout.ts';
import { fromDevice } from '../../tensor/host.ts';
import { compare, seededTensor, type OpEntry } from '../op-entry.ts';
import { add, ELTWISE_STRATEGIES, mul, unary, type UnaryFunction } from './index.ts';
import { geluNewReference, siluReference } from './reference.ts';

// One bf16 rounding of the exact result (the SFPU's f32 math adds well under 1e-6).
const BF16 = { rel: 2 ** -8, abs: 1e-6 };
const HIDDEN = [1, 128, 768]; // GPT-2 small, seq 128: the residual stream

function memoryFor(device: Device, shape: number[], strategy: string | undefined): MemoryConfig | undefined {
  if (strategy !== 'sharded') return undefined;
  const { height, width } = tileGridOf(shape);
  const [rows, cols] = [Math.min(height, device.grid.rows), Math.min(width, device.grid.cols)];
  const shard: [number, number] = [Math.ceil(height / rows) * 32, Math.ceil(width / cols) * 32];
  return shardedL1('block', { start: { x: 0, y: 0 }, end: { x: cols - 1, y: rows - 1 } }, shard);
}

function binaryEntry(name: 'add' | 'mul', op: typeof add, reference: (a: Float32Array, b: Float32Array) => ArrayLike<number>): OpEntry {
  return {
    name,
    strategies: ELTWISE_STRATEGIES,
    describe: `${name === 'add' ? 'a + b' : 'a · b'} of two seeded tensors of --shape`,
    prefillShape: HIDDEN,
    run(device, shape, o) {
      const memory = memoryFor(device, shape, o.strategy);
      const a = seededTensor(device, shape, o, 1, 'a', 1, memory);
      const b = seededTensor(device, shape, o, 2, 'b', 1, memory);
      const output = op(a, b, { strategy: o.strategy });
      return { output, check: device.mode === 'functional' ? compare(fromDevice(output), reference(fromDevice(a), fromDevice(b)), BF16) : undefined };
    },
  };
}

function unaryEntry(name: string, fn: UnaryFunction, reference: (v: number) => number, describe: string): OpEntry {
  return {
    name,
    strategies: ELTWISE_STRATEGIES,
    describe,
    prefillShape: [1, 128, 3072], // the MLP's inner width
    run(device, shape, o) {
      const x = seededTensor(device, shape, o, 1, 'x', 4, memoryFor(device, shape, o.strategy));
      const output = unary(x, fn, { strategy: o.strategy });
      return { output, check: device.mode === 'functional' ? compare(fromDevice(output), fromDevice(x).map(reference), BF16) : undefined };
    },
  };
}

export const ELTWISE_ENTRIES: readonly OpEntry[] = [
  binaryEntry('add', add, addReference),
  binaryEntry('mul', mul, (a, b) => a.map((v, i) => v * b[i])),
  unaryEntry('gelu', 'gelu_new', geluNewReference, "GPT-2's gelu_new (the tanh form) of a seeded tensor of --shape"),
  unaryEntry('silu', 'silu', siluReference, 'silu (x · sigmoid x) of a seeded tensor of --shape'),
];
