// The matmul op (after ttnn.matmul): C [.., M, N] = A [.., M, K] @ B [K, N] (or a batch of B), with
// an optional bias row and activation fused, on Tensors. One program factory per partitioning:
// 2d-mcast, 1d-in0, 1d-in1, dram-sharded, reuse, dp; `auto` takes the variant the program config
// chooses, or dram-sharded when B is DRAM-sharded.
import { L1_ALLOC_BASE } from '../../core/mmio.ts';
import type { Program } from '../../host/program.ts';
import { badInput } from '../../errors.ts';
import { DRAM_INTERLEAVED, describeMemory } from '../../tensor/memory-config.ts';
import { Tensor } from '../../tensor/tensor.ts';
import type { RunResult } from '../../host/device.ts';
import { runOp, type OpStats } from '../op.ts';
import type { Blocks, MatmulSetup } from './blocks.ts';
import { mcast2dProgram } from './2d-mcast.ts';
import { mcastIn0Program } from './1d-in0.ts';
import { mcastIn1Program } from './1d-in1.ts';
import { dramShardedProgram } from './dram-sharded.ts';
import { reuseProgram } from './reuse.ts';
import { DP_BLOCKS, dpProgram } from './dp.ts';
import { chooseMatmulConfig, maxSubblockTiles, subblockSizes, type MatmulOverrides, type MatmulShape } from './program-config.ts';
import { checkedConfig, reuseConfig } from './reuse-config.ts';
import { chooseOutOfBoxConfig } from './out-of-box-config.ts';
import { MATMUL_ACTIVATIONS, MATMUL_STRATEGIES, type ConcreteStrategy, type MatmulOpOptions, type MatmulProgramConfig } from './types.ts';

export { MATMUL_ACTIVATIONS, MATMUL_STRATEGIES, type ConcreteStrategy, type MatmulActivation, type MatmulOpOptions, type MatmulProgramConfig, type MatmulStrategy } from './types.ts';

// What ran: the factory, its blocks (the config's, or dp's 1×1), and the op's stats and run.
export interface MatmulRun {
  strategy: ConcreteStrategy;
  blocks: Blocks;
  config?: MatmulProgramConfig;
  stats: OpStats;
  run: RunResult;
}

const lastRuns = new WeakMap<Tensor, MatmulRun>();

// The factory and blocks that made a matmul's output.
export const matmulRunOf = (out: Tensor): MatmulRun | undefined => lastRuns.get(out);

export function matmul(a: Tensor, b: Tensor, o: MatmulOpOptions = {}): Tensor {
  const { setup: s, shape, auto } = setup(a, b, o);
  let planned: ReturnType<typeof plan>;
  try {
    planned = plan(s, o, shape, auto);
  } catch (e) {
    s.out.deallocate(); // a config refused leaves no output behind
    throw e;
  }
  const { program, chosen } = planned;
  const ran = runOp(s.device, program, { name: 'matmul', strategy: s.strategy, flops: 2 * a.batch * a.rows * a.cols * b.cols, fidelity: s.fidelity, output: s.out });
  lastRuns.set(s.out, { ...chosen, ...ran });
  return s.out;
}

function setup(a: Tensor, b: Tensor, o: MatmulOpOptions): { setup: MatmulSetup; shape: MatmulShape; auto?: MatmulProgramConfig } {
  const strategy = o.strategy ?? 'auto';
  if (!(MATMUL_STRATEGIES as readonly string[]).includes(strategy)) throw badInput(`matmul: unknown strategy '${strategy}' (known: ${MATMUL_STRATEGIES.join(', ')})`);
  if (o.activation !== undefined && !(MATMUL_ACTIVATIONS as readonly string[]).includes(o.activation)) {
    throw badInput(`matmul: unknown activation '${o.activation}' (fused ones: ${MATMUL_ACTIVATIONS.join(', ')})`);
  }
  for (const t of [a, b, o.bias]) {
    if (t && !t.isAllocated) throw badInput(`matmul: ${t.name} has been deallocated`);
    if (t && t.device !== a.device) throw badInput(`matmul: ${t.name} is on another device than ${a.name}`);
  }
  if (a.cols !== b.rows) throw badInput(`matmul: ${b.name} [${b.shape.join(', ')}] has ${b.rows} rows, expected ${a.cols} (the columns of ${a.name} [${a.shape.join(', ')}])`);
  for (const t of [a, b, o.bias]) if (t && t.memory.kind === 'l1-sharded') throw badInput(`matmul: ${t.name} is ${t.where}: expected it in DRAM (interleaved, or DRAM-sharded weights)`);
  if (a.memory.kind !== 'dram-interleaved') throw badInput(`matmul: ${a.name} is ${a.where}: expected DRAM interleaved`);
  const bBatched = b.batch > 1;
  if (bBatched && b.batch !== a.batch) throw badInput(`matmul: ${b.name} [${b.shape.join(', ')}] holds ${b.batch} matrices, expected 1 or ${a.batch} (the batch of ${a.name})`);
  if (bBatched && b.memory.kind === 'dram-sharded') throw badInput(`matmul: ${b.name} is a batch of matrices and DRAM-sharded: expected one [K, N] matrix when sharded`);
  const bias = o.bias;
  if (bias && (bias.batch !== 1 || bias.rows !== 1 || bias.cols !== b.cols)) throw badInput(`matmul: bias ${bias.name} [${bias.shape.join(', ')}]: expected [1, ${b.cols}]`);
  if (o.memory && o.memory.kind !== 'dram-interleaved') throw badInput(`matmul: output memory ${describeMemory(o.memory)}: only DRAM interleaved is supported`);
  if (strategy === 'dram-sharded' && b.memory.kind !== 'dram-sharded') throw badInput(`matmul dram-sharded: ${b.name} is ${b.where}: expected DRAM width-sharded weights`);
  const out = new Tensor(a.device, [...a.shape.slice(0, -1), b.cols], o.outDtype ?? 'bf16', o.memory ?? DRAM_INTERLEAVED, 'matmul');
  // One B for every batch: the batches' tile rows are stacked into one tall A (as ttnn folds the
  // batch into M), so every factory splits them over its cores. A batch of B: each batch its own.
  const batch = bBatched ? a.batch : 1;
  const [Mt, Kt, Nt] = [a.layout.grid.height / batch, a.layout.grid.width, b.layout.grid.width];
  const fp32Acc = o.fp32Acc ?? false;
  const shape: MatmulShape = {
    Mt, Kt, Nt, grid: { x: a.device.grid.cols, y: a.device.grid.rows }, fp32Acc, inTileBytes: Math.max(a.layout.tileBytes, b.layout.tileBytes),
    outTileBytes: out.layout.tileBytes, l1FreeBytes: a.device.preset.l1Bytes - L1_ALLOC_BASE, biasTileBytes: bias?.layout.tileBytes ?? 0,
  };
  // auto: DRAM-sharded weights take their factory; a batch of B takes reuse, which deals every
  // batch's blocks over the cores (tt-metal's bmm); otherwise the config ttnn.matmul takes out of
  // the box (create_simple_matmul_program_config). A strategy named takes create_matmul_program_config's.
  const auto = strategy === 'auto' && b.memory.kind !== 'dram-sharded' && !bBatched ? chooseOutOfBoxConfig(shape, overridesOf(o)) : undefined;
  const resolved = strategy !== 'auto' ? strategy : auto?.variant ?? (bBatched ? 'reuse' : 'dram-sharded');
  return {
    setup: {
      device: a.device, strategy: resolved, a, b, bias, out, activation: o.activation,
      fidelity: o.fidelity ?? 'HiFi2', fp32Acc, batch, bBatched, Mt, Kt, Nt,
    },
    shape,
    auto,
  };
}

const overridesOf = (o: MatmulOpOptions): MatmulOverrides => {
  const { in0BlockW, perCoreM, perCoreN, outSubblockH, outSubblockW } = o.config ?? {};
  return Object.fromEntries(Object.entries({ in0BlockW, perCoreM, perCoreN, outSubblockH, outSubblockW }).filter(([, v]) => v !== undefined));
};

const FACTORIES: Record<Exclude<ConcreteStrategy, 'dp'>, (s: MatmulSetup, bl: Blocks) => Program> = {
  '2d-mcast': mcast2dProgram,
  '1d-in0': mcastIn0Program,
  '1d-in1': mcastIn1Program,
  'dram-sharded': dramShardedProgram,
  reuse: reuseProgram,
};

// The program of the setup's factory and the config it runs: tt-metal's auto-configuration for the
// multicast variants, reuse's and dram-sharded's own blocks, each with the caller's overrides.
function plan(s: MatmulSetup, o: MatmulOpOptions, shape: MatmulShape, auto?: MatmulProgramConfig): { program: Program; chosen: Omit<MatmulRun, 'stats' | 'run'> } {
  if (s.strategy === 'dp') return { program: dpProgram(s), chosen: { strategy: 'dp', blocks: DP_BLOCKS } };
  const config = auto ?? (s.strategy === 'reuse' || s.strategy === 'dram-sharded'
    ? checkedConfig(s.strategy, { ...(s.strategy === 'reuse' ? reuseConfig(shape) : dramShardedConfig(s, shape)), ...overridesOf(o) }, s.Kt, maxSubblockTiles(s.fp32Acc))
    : chooseMatmulConfig(shape, { ...overridesOf(o), variant: s.strategy }));
  const blocks: Blocks = {
    perCoreM: config.perCoreM, perCoreN: config.perCoreN, Mb: config.outBlockH, Nb: config.outBlockW, kb: config.in0BlockW, subH: config.outSubblockH, subW: config.outSubblockW,
  };
  return { program: FACTORIES[s.strategy as Exclude<ConcreteStrategy, 'dp'>](s, blocks), chosen: { strategy: s.strategy, blocks, config } };
}

// DRAM-sharded (tt-metal's DRAM-sharded config): each reader core takes its bank's columns and
// all of M, in K blocks of up to 4 tiles.
function dramShardedConfig(s: MatmulSetup, shape: MatmulShape): MatmulProgramConfig {
  const banks = s.device.dram.banks;
  const perBank = s.b.layout.bankTileCols!;
  // Shards of N / banks tiles, rounded up as tt-metal pads N to whole shards: the last shard may be
  // partial and the last banks empty (the kernels skip the tiles past C's edge; a bank without a
  // shard gets no reader).
  if (perBank !== Math.ceil(s.Nt / banks)) {
    throw badInput(`matmul dram-sharded: ${s.b.name}'s ${s.b.cols} columns (${s.Nt} tiles) in shards of ${perBank * 32} columns do not split over the ${banks} DRAM banks: ` +
      `expected shards of ${Math.ceil(s.Nt / banks) * 32} columns`);
  }
  const sub = subblockSizes(s.Mt, perBank, s.fp32Acc);
  return { ...reuseConfig(shape), variant: '1d-in0', perCoreM: s.Mt, perCoreN: perBank, outBlockH: s.Mt, outBlockW: perBank, outSubblockH: sub.h, outSubblockW: sub.w };
}
