// Element-wise ops on tensors, as ttnn's add, mul and unary activations: each takes tensors and
// returns a new bf16 tensor named after the op; the inputs are left as they are.
// - add(a, b), mul(a, b): b has a's shape, or is one row [1, cols] added to / multiplying every row
//   (the compute kernel's *_tiles_bcast_rows).
// - unary(x, fn): gelu_new, gelu, silu or relu on the SFPU.
//   The tile engine's gelu is the tanh approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))),
//   which is GPT-2's gelu_new exactly (sim/wasm/tile-math.ts). 'gelu' (the erf form) runs the same
//   SFPU function, as tt-metal's gelu_tile<approx> does; the two differ by less than 5e-4
//   (geluReference in reference.ts), under a bf16 ulp for |gelu(x)| > 0.12.
// Strategies (program factories): 'interleaved' — DRAM-interleaved inputs and output, the tiles
// split over the grid's cores; 'sharded' — inputs L1-sharded alike, output sharded the same way,
// no NoC traffic. By default: 'sharded' when the inputs are sharded, else 'interleaved'.
import { describeMemory, type MemoryConfig } from '../../tensor/memory-config.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { badInput } from '../../errors.ts';
import { runOp } from '../op.ts';
import { inDram, liveOn, pickStrategy, shapeText } from '../operands.ts';
import { binaryStep, sfpuStep, type ComputeStep } from './compute-step.ts';
import { interleavedProgram } from './interleaved.ts';
import { shardedProgram } from './sharded.ts';

export const ELTWISE_STRATEGIES = ['interleaved', 'sharded'] as const;
export type EltwiseStrategy = (typeof ELTWISE_STRATEGIES)[number];
export const UNARY_FUNCTIONS = ['gelu_new', 'gelu', 'silu', 'relu'] as const;
export type UnaryFunction = (typeof UNARY_FUNCTIONS)[number];

export interface EltwiseOptions {
  memory?: MemoryConfig; // of the output: what the strategy gives (DRAM interleaved, or the inputs' shards)
  strategy?: string;
}

const SFPU_OF: Record<UnaryFunction, 'gelu' | 'silu' | 'relu'> = { gelu_new: 'gelu', gelu: 'gelu', silu: 'silu', relu: 'relu' };

export function add(a: Tensor, b: Tensor, o: EltwiseOptions = {}): Tensor {
  return binary('add', a, b, o);
}

export function mul(a: Tensor, b: Tensor, o: EltwiseOptions = {}): Tensor {
  return binary('mul', a, b, o);
}

export function unary(x: Tensor, fn: UnaryFunction, o: EltwiseOptions = {}): Tensor {
  if (!(UNARY_FUNCTIONS as readonly string[]).includes(fn)) throw badInput(`unary: unknown function '${fn}': expected one of ${UNARY_FUNCTIONS.join(', ')}`);
  liveOn(x.device, fn, 'x', x);
  return run(fn, [x], o, sfpuStep(SFPU_OF[fn]), 0);
}

function binary(op: 'add' | 'mul', a: Tensor, b: Tensor, o: EltwiseOptions): Tensor {
  liveOn(a.device, op, 'a', a);
  liveOn(a.device, op, 'b', b);
  const same = a.shape.length === b.shape.length && a.shape.every((d, i) => d === b.shape[i]);
  const row = !same && b.batch === 1 && b.rows === 1 && b.cols === a.cols;
  if (!same && !row) throw badInput(`${op}: b ${shapeText(b)}: expected a's shape ${shapeText(a)} or one row [1, ${a.cols}]`);
  return run(op, [a, b], o, binaryStep(op, same ? 'none' : 'rows'), same ? 0 : b.layout.grid.width);
}

function run(op: string, inputs: Tensor[], o: EltwiseOptions, step: ComputeStep, bWidth: number): Tensor {
  const [a, b] = inputs;
  const sharded = inputs.every((t) => t.memory.kind === 'l1-sharded');
  const strategy = pickStrategy(op, ELTWISE_STRATEGIES, o.strategy, sharded ? 'sharded' : 'interleaved');
  if (strategy === 'sharded') {
    for (const [name, t] of [['a', a], ['b', b]] as const) {
      if (t && (t.memory.kind !== 'l1-sharded' || JSON.stringify(t.memory) !== JSON.stringify(a.memory))) {
        throw badInput(`${op} sharded: ${name} is ${t.where}: expected L1-sharded${name === 'b' ? ` as a is (${a.where})` : ''}`);
      }
    }
    if (bWidth) throw badInput(`${op} sharded: b ${shapeText(b)} is one row broadcast: expected a's shape ${shapeText(a)} (strategy interleaved broadcasts rows)`);
    if (b && b.dtype !== a.dtype) throw badInput(`${op} sharded: b is ${b.dtype} and a ${a.dtype}: expected one format (shards of one shape)`);
  } else {
    inputs.forEach((t, i) => inDram(op, i ? 'b' : 'a', t));
  }
  const memory = strategy === 'sharded' ? a.memory : ({ kind: 'dram-interleaved' } as const);
  if (o.memory && JSON.stringify(o.memory) !== JSON.stringify(memory)) {
    throw badInput(`${op} ${strategy}: output memory ${describeMemory(o.memory)}: expected ${describeMemory(memory)}`);
  }
  const out = new Tensor(a.device, a.shape, 'bf16', memory, op);
  const { program } = strategy === 'sharded' ? shardedProgram(inputs, out, step) : interleavedProgram(inputs, out, step, bWidth);
  runOp(a.device, program, { name: op, strategy, flops: a.batch * a.rows * a.cols, output: out });
  return out;
}
