// `meshsim op layernorm|rmsnorm`: the norm of a seeded x of --shape [..., R, C] (values N(0, 1);
// gamma ≈ 1 and beta ≈ 0), checked against the float64 references. Strategy 'sharded' first
// places x block-sharded in L1 (a host transfer, no program) over as many cores as split its
// tile matrix evenly along the columns: one row of cores per tile-row block.
import type { Device } from '../../host/device.ts';
import { mulberry32 } from '../../random.ts';
import { fromDevice, toDevice } from '../../tensor/host.ts';
import { tileGridOf } from '../../tensor/layout.ts';
import { DRAM_INTERLEAVED, shardedL1, type MemoryConfig } from '../../tensor/memory-config.ts';
import { compare, strategyOf, type OpEntry } from '../op-entry.ts';
import { layerNorm, NORM_STRATEGIES, rmsNorm } from './index.ts';
import { layerNormReference, rmsNormReference } from './reference.ts';

const EPS = 1e-5;
// bf16 throughout: a few roundings of 2⁻⁹ relative plus the output's own (test/ops/layernorm.test.ts).
const TOLERANCE = { rel: 0.015, abs: 0.02 };

function normal(count: number, seed: number, stream: number): Float32Array {
  const rand = mulberry32((seed * 1009 + stream) >>> 0);
  return Float32Array.from({ length: count }, () => Math.sqrt(-2 * Math.log(rand() || 2 ** -32)) * Math.cos(2 * Math.PI * rand()));
}

function shardedMemory(device: Device, shape: readonly number[]): MemoryConfig {
  const { height, width } = tileGridOf(shape);
  const rows = Math.min(height, device.grid.rows);
  const cols = Array.from({ length: Math.min(width, device.grid.cols) }, (_, i) => i + 1).filter((c) => width % c === 0).pop()!;
  return shardedL1('block', { start: { x: 0, y: 0 }, end: { x: cols - 1, y: rows - 1 } }, [Math.ceil(height / rows) * 32, (width / cols) * 32]);
}

function entry(name: 'layernorm' | 'rmsnorm'): OpEntry {
  return {
    name,
    strategies: NORM_STRATEGIES,
    describe: `${name === 'layernorm' ? "GPT-2's LayerNorm" : "Llama's RMSNorm"} over the last dim of a seeded x of --shape (R×C: rows × hidden size)`,
    prefillShape: [1, 128, 768],
    run(device, shape, o) {
      const cols = shape[shape.length - 1];
      const count = shape.reduce((a, b) => a * b, 1);
      const functional = device.mode === 'functional';
      const values = (n: number, stream: number, map: (v: number) => number) => (functional ? normal(n, o.seed, stream).map(map) : undefined);
      const [xv, gv, bv] = [values(count, 1, (v) => v), values(cols, 2, (v) => 1 + 0.1 * v), values(cols, 3, (v) => 0.1 * v)];
      const memory = o.strategy === 'sharded' ? shardedMemory(device, shape) : DRAM_INTERLEAVED;
      const x = toDevice(device, xv, shape, 'bf16', memory, 'x');
      const gamma = toDevice(device, gv, [1, cols], 'bf16', DRAM_INTERLEAVED, 'gamma');
      const beta = name === 'layernorm' ? toDevice(device, bv, [1, cols], 'bf16', DRAM_INTERLEAVED, 'beta') : undefined;
      const strategy = strategyOf(this, o.strategy) as (typeof NORM_STRATEGIES)[number];
      const output = beta ? layerNorm(x, { gamma, beta, eps: EPS, strategy }) : rmsNorm(x, { gamma, eps: EPS, strategy });
      if (!xv) return { output };
      const rows = count / cols;
      const want = beta ? layerNormReference(xv, rows, cols, gv, bv, EPS) : rmsNormReference(xv, rows, cols, gv, EPS);
      return { output, check: compare(fromDevice(output), want, TOLERANCE) };
    },
  };
}

export const LAYERNORM_ENTRIES: readonly OpEntry[] = [entry('layernorm'), entry('rmsnorm')];
