// LayerNorm and RMSNorm over the last dimension, after ttnn.layer_norm / ttnn.rms_norm, with a
// program factory per partitioning:
// - interleaved: x in DRAM, its tile-rows split over the grid's cores (interleaved.ts);
// - sharded: x height- or block-sharded in L1, normalized where it lies into an output sharded
//   the same way (sharded.ts).
import { badInput } from '../../errors.ts';
import { DRAM_INTERLEAVED, describeMemory, type MemoryConfig } from '../../tensor/memory-config.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { runOp } from '../op.ts';
import { interleavedProgram } from './interleaved.ts';
import { normFlops, type Norm } from './program.ts';
import { shardedProgram } from './sharded.ts';

export const NORM_STRATEGIES = ['interleaved', 'sharded'] as const;
export type NormStrategy = (typeof NORM_STRATEGIES)[number];

export interface LayerNormOptions {
  gamma?: Tensor;
  beta?: Tensor;
  eps: number;
  strategy?: NormStrategy;
  memory?: MemoryConfig;
}

export function layerNorm(x: Tensor, o: LayerNormOptions): Tensor {
  return norm({ op: 'layernorm', x, gamma: o.gamma, beta: o.beta, eps: o.eps }, o);
}

export function rmsNorm(x: Tensor, o: Omit<LayerNormOptions, 'beta'>): Tensor {
  return norm({ op: 'rmsnorm', x, gamma: o.gamma, eps: o.eps }, o);
}

function norm(n: Norm, o: { strategy?: string; memory?: MemoryConfig }): Tensor {
  const { x } = n;
  const strategy = o.strategy ?? (x.memory.kind === 'l1-sharded' ? 'sharded' : 'interleaved');
  if (!(NORM_STRATEGIES as readonly string[]).includes(strategy)) throw badInput(`${n.op}: unknown strategy '${strategy}' (known: ${NORM_STRATEGIES.join(', ')})`);
  if (!(n.eps >= 0) || !Number.isFinite(n.eps)) throw badInput(`${n.op}: eps ${n.eps}: expected a finite number ≥ 0`);
  for (const [what, t] of [['gamma', n.gamma], ['beta', n.beta]] as const) {
    if (!t) continue;
    if (t.device !== x.device) throw badInput(`${n.op}: ${what} is on another device than x`);
    if (t.batch * t.rows !== 1 || t.cols !== x.cols) throw badInput(`${n.op}: ${what} [${t.shape.join(', ')}]: expected [1, ${x.cols}] (one row of x's ${x.cols} columns)`);
    if (t.memory.kind !== 'dram-interleaved') throw badInput(`${n.op}: ${what} is ${describeMemory(t.memory)}: expected DRAM interleaved`);
  }
  if (n.gamma && n.beta && n.gamma.dtype !== n.beta.dtype) throw badInput(`${n.op}: gamma is ${n.gamma.dtype} and beta ${n.beta.dtype}: expected one format`);
  const expected = strategy === 'interleaved' ? 'dram-interleaved' : 'l1-sharded';
  if (x.memory.kind !== expected) throw badInput(`${n.op} ${strategy}: x is ${x.where}: expected ${strategy === 'interleaved' ? 'DRAM interleaved' : 'L1 height- or block-sharded'}`);
  const gives = strategy === 'interleaved' ? DRAM_INTERLEAVED : x.memory;
  if (o.memory && JSON.stringify(o.memory) !== JSON.stringify(gives)) {
    throw badInput(`${n.op} ${strategy}: output memory ${describeMemory(o.memory)}: this strategy gives ${describeMemory(gives)}`);
  }
  const { program, output } = strategy === 'interleaved' ? interleavedProgram(n) : shardedProgram(n);
  runOp(x.device, program, { name: n.op, strategy, flops: normFlops(n), output });
  return output;
}
