// `meshsim matmul`: C = A @ B of seeded random inputs through the matmul op (sim/ops/matmul), its
// summary, and in functional mode a check of sampled outputs against a float64 product.
import type { Fidelity, GridSize } from '../../arch/types.ts';
import { TILE_BYTES, type DataFormat } from '../../compute/formats.ts';
import { Device, type Mode, type RunResult } from '../../host/device.ts';
import { mulberry32 } from '../../random.ts';
import type { RunSummary } from '../../trace/summary.ts';
import type { TraceRecorder } from '../../trace/recorder.ts';
import type { NocTraceLog } from '../../trace/noc-trace.ts';
import { badInput, within } from '../../errors.ts';
import { checkHostMemory } from '../../memory-budget.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice, type MemoryConfig } from '../../tensor/index.ts';
import { activationReference } from './reference.ts';
import { matmul, matmulRunOf, type ConcreteStrategy, type MatmulActivation, type MatmulProgramConfig, type MatmulStrategy } from './index.ts';

export { MATMUL_STRATEGIES, type ConcreteStrategy, type MatmulStrategy } from './index.ts';

export interface MatmulOptions {
  m: number;
  k: number;
  n: number;
  dtype: DataFormat; // of A and B (B's unless weightDtype says otherwise)
  weightDtype?: DataFormat;
  outDtype?: DataFormat; // of C, default bf16
  bias?: boolean; // a seeded [1, n] bias row, fused
  activation?: MatmulActivation;
  config?: Partial<MatmulProgramConfig>;
  fidelity: Fidelity;
  fp32Acc: boolean;
  arch: string;
  grid?: GridSize;
  mode: Mode;
  strategy: MatmulStrategy;
  seed: number;
  print?: (line: string) => void;
  trace?: TraceRecorder;
  nocTrace?: NocTraceLog;
  maxCycles?: number;
  onProgress?: (cycle: number) => void;
}

export interface MatmulReport {
  options: Omit<MatmulOptions, 'print' | 'trace' | 'nocTrace' | 'onProgress'>;
  strategy: ConcreteStrategy; // the one that ran (what `auto` chose)
  tiles: { Mt: number; Kt: number; Nt: number };
  cores: number; // cores given output tiles (a multicast's idle receivers not counted)
  block: { Mb: number; Nb: number; kb: number; subH: number; subW: number };
  config?: MatmulProgramConfig; // the program config (every strategy but dp)
  summary: RunSummary;
  // Functional mode: the largest error of sampled outputs against float64, relative to Σ|a·b|.
  check?: { samples: number; maxError: number };
  run: RunResult;
}

const SAMPLES = 256;

export function runMatmul(o: MatmulOptions): MatmulReport {
  for (const [name, v] of [['m', o.m], ['k', o.k], ['n', o.n]] as const) {
    if (!Number.isInteger(v) || v < 1) throw badInput(`--${name} ${v}: expected a positive whole number (padded to a multiple of 32)`);
  }
  const device = new Device({ arch: o.arch, grid: o.grid, mode: o.mode, print: o.print, trace: o.trace, nocTrace: o.nocTrace, maxCycles: o.maxCycles, onProgress: o.onProgress });
  const [Mt, Kt, Nt] = [o.m, o.k, o.n].map((v) => Math.ceil(v / 32));
  const bDtype = o.weightDtype ?? o.dtype;
  const functional = o.mode === 'functional';
  if (functional) checkHostMemory(functionalBytes(o, Mt, Kt, Nt, bDtype), `functional matmul ${o.m}×${o.k}×${o.n} ${o.dtype}`, '--mode timing moves no values');
  // Seeded inputs, only where values are computed (timing mode moves none).
  const rand = mulberry32(o.seed);
  const values = (count: number) => (functional ? Float32Array.from({ length: count }, () => rand() * 2 - 1) : undefined);
  const [av, bv, biasv] = [values(o.m * o.k), values(o.k * o.n), o.bias ? values(o.n) : undefined];
  const where = `matmul ${o.m}×${o.k}×${o.n}`;
  const a = within(`${where}: A`, () => toDevice(device, av, [o.m, o.k], o.dtype, DRAM_INTERLEAVED, 'A'));
  // dram-sharded: B width-sharded over every bank, the columns split as evenly as whole tiles allow.
  const bMemory: MemoryConfig = o.strategy === 'dram-sharded' ? { kind: 'dram-sharded', shardCols: 32 * Math.ceil(Nt / device.dram.banks) } : DRAM_INTERLEAVED;
  const b = within(`${where}: B`, () => toDevice(device, bv, [o.k, o.n], bDtype, bMemory, 'B'));
  const bias = o.bias ? within(`${where}: bias`, () => toDevice(device, biasv, [1, o.n], 'bf16', DRAM_INTERLEAVED, 'bias')) : undefined;
  const c = matmul(a, b, { bias, activation: o.activation, strategy: o.strategy, fidelity: o.fidelity, fp32Acc: o.fp32Acc, outDtype: o.outDtype, config: o.config });
  const ran = matmulRunOf(c)!;
  const { stats, run } = ran;
  const { print: _print, trace: _trace, nocTrace: _nocTrace, onProgress: _onProgress, ...options } = o;
  return {
    options,
    strategy: ran.strategy,
    tiles: { Mt, Kt, Nt },
    cores: run.tileEngines.length,
    block: ran.blocks,
    config: ran.config,
    summary: stats.summary,
    check: av && bv ? check(fromDevice(c), av, bv, biasv, o, rand) : undefined,
    run,
  };
}

// Host memory for a functional run's values, at most: the f32 inputs, their tilized copies and
// DRAM contents, and C in DRAM, read back and untilized.
function functionalBytes(o: MatmulOptions, Mt: number, Kt: number, Nt: number, bDtype: DataFormat): number {
  const inputs = 4 * (o.m * o.k + o.k * o.n);
  const tilized = TILE_BYTES[o.dtype] * Mt * Kt + TILE_BYTES[bDtype] * Kt * Nt;
  return inputs + 2 * tilized + 2 * TILE_BYTES.bf16 * Mt * Nt + 4 * Mt * Nt * 1024;
}

// Compares sampled outputs (row-major m×n) with float64 (a·b + bias, then the activation), relative
// to Σ|a·b| + |bias|.
function check(c: Float32Array, a: Float32Array, b: Float32Array, bias: Float32Array | undefined, o: MatmulOptions, rand: () => number) {
  let maxError = 0;
  const samples = Math.min(SAMPLES, o.m * o.n);
  for (let s = 0; s < samples; s++) {
    const i = Math.floor(rand() * o.m);
    const j = Math.floor(rand() * o.n);
    let sum = bias?.[j] ?? 0;
    let magnitude = Math.abs(sum);
    for (let k = 0; k < o.k; k++) {
      const p = a[i * o.k + k] * b[k * o.n + j];
      sum += p;
      magnitude += Math.abs(p);
    }
    const want = o.activation ? activationReference(o.activation, sum) : sum;
    maxError = Math.max(maxError, Math.abs(c[i * o.n + j] - want) / Math.max(magnitude, 1e-30));
  }
  return { samples, maxError };
}
