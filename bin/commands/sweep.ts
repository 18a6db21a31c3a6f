// meshsim sweep: matmul over every combination of the listed options, ranked by cycles; and
// meshsim sweep merge: the shards of a sweep joined into one result.
import type { Command } from 'commander';
import { DEFAULT_ARCH } from '../../sim/arch/grid-text.ts';
import { FIDELITIES } from '../../sim/arch/types.ts';
import { DATA_FORMATS } from '../../sim/compute/format-names.ts';
import { LAYER_STRATEGIES } from '../../sim/models/layer/plan.ts';
import { MATMUL_STRATEGIES } from '../../sim/ops/matmul/types.ts';
import { examples, grid, listOf, oneOf, positiveInt } from '../options.ts';
import { addSweepRunOptions } from '../sweep-options.ts';
import { lazy } from './lazy.ts';

const whole = positiveInt(1 << 16);

export function sweepCommand(cli: Command): void {
  const sweep = cli
    .command('sweep')
    .description('run meshsim matmul over every combination of comma-separated option lists; print them ranked by cycles')
    .enablePositionalOptions() // `sweep merge --out` is merge's option, not the sweep's (with cli.ts)
    .option('--m <list>', 'rows of A and C', listOf(whole), [512])
    .option('--k <list>', 'columns of A, rows of B', listOf(whole), [512])
    .option('--n <list>', 'columns of B and C', listOf(whole), [512])
    .option('--dtype <list>', `formats of A and B: ${DATA_FORMATS.join(', ')}`, listOf(oneOf(DATA_FORMATS)), ['bf16'])
    .option('--weight-dtype <list>', 'formats of B alone, the weights (default: --dtype)', listOf(oneOf(DATA_FORMATS)))
    .option('--fidelity <list>', `math fidelities: ${FIDELITIES.join(', ')}`, listOf(oneOf(FIDELITIES)), ['HiFi4'])
    .option('--strategy <list>', `work splits: ${MATMUL_STRATEGIES.join(', ')}`, listOf(oneOf(MATMUL_STRATEGIES)), MATMUL_STRATEGIES.filter((s) => s !== 'auto'))
    .option('--arch <list>', 'architecture presets', listOf((s) => s), [DEFAULT_ARCH])
    .option('--grid <list>', 'compute grids RxC (default: each preset\'s own)', listOf(grid))
    .option('--fp32-acc', 'accumulate in fp32 in Dst')
    .option('--mode <mode>', 'timing (default: fastest) or functional (values computed and checked)', oneOf(['timing', 'functional'] as const), 'timing');
  addSweepRunOptions(sweep).option('--seed <n>', 'seed of the random inputs', positiveInt(2 ** 31), 1);
  examples(sweep, [
    'meshsim sweep --strategy dp,2d-mcast --grid 4x4,8x8',
    'meshsim sweep --m 512,1024,2048 --workers 2 --out runs/sweep',
    'meshsim sweep --m 512,1024 --shard 0/2 --resume runs/shard0 && meshsim sweep merge runs/shard*',
  ]);
  sweep.action(lazy(async () => (await import('./sweep-action.ts')).sweepMatmul));

  const layers = sweep
    .command('run')
    .description('run meshsim run (one transformer layer) over every combination of comma-separated option lists; print them ranked by cycles')
    .option('--model <list>', 'models: built-in names or config.json paths', listOf((s) => s), ['gpt2'])
    .option('--phase <list>', 'prefill, decode', listOf(oneOf(['prefill', 'decode'] as const)), ['prefill'])
    .option('--seq <list>', 'prefill prompt lengths', listOf(whole), [128])
    .option('--batch <list>', 'users (default 1 in prefill, 32 in decode)', listOf(whole))
    .option('--kv-len <list>', 'decode: cached positions', listOf(whole), [128])
    .option('--strategy <list>', `layer strategies: ${LAYER_STRATEGIES.join(', ')}`, listOf(oneOf(LAYER_STRATEGIES)), ['2d', 'rows', 'heads', 'sharded'])
    .option('--weights-dtype <list>', 'weight formats (bf16, bfp8_b, bfp4_b, or group=format pairs joined by +)', listOf((s) => s.replaceAll('+', ',')), ['bf16'])
    .option('--arch <list>', 'architecture presets', listOf((s) => s), [DEFAULT_ARCH])
    .option('--grid <list>', 'compute grids RxC (default: each preset\'s own)', listOf(grid))
    .option('--mode <mode>', 'timing (default: fastest) or functional (values computed and checked)', oneOf(['timing', 'functional'] as const), 'timing');
  addSweepRunOptions(layers).option('--seed <n>', 'seed of the random weights and inputs', positiveInt(2 ** 31), 1);
  examples(layers, [
    'meshsim sweep run --strategy 2d,rows,heads,sharded --seq 128,512',
    'meshsim sweep run --model llama-3.2-1b --phase decode --kv-len 256,1024 --strategy 2d,dram-sharded --weights-dtype bf16,bfp8_b --workers 2',
  ]);
  layers.action(lazy(async () => (await import('./sweep-action.ts')).sweepLayers));

  const merge = sweep
    .command('merge')
    .description('join the --out directories of the shards of one sweep (meshsim sweep --shard i/N) into one ranked result')
    .argument('<dir...>', 'shard output directories')
    .option('--out <dir>', 'write the merged sweep.jsonl, sweep.json, sweep.csv and sweep.svg into this directory')
    .option('--json', 'print the merged results (the sweep.json document) as one JSON object on stdout');
  examples(merge, ['meshsim sweep merge runs/shard0 runs/shard1 --out runs/all']);
  merge.action(lazy(async () => (await import('./sweep-action.ts')).sweepMerge));
}
