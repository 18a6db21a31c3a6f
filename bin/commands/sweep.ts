// meshsim sweep: matmul over every combination of the listed options, ranked by cycles; and
// meshsim sweep merge: the shards of a sweep joined into one result.
import type { Command } from 'commander';
import { DEFAULT_ARCH, isPresetPath, loadArch, type GridSize } from '../../sim/arch/index.ts';
import { FIDELITIES } from '../../sim/arch/types.ts';
import { DATA_FORMATS } from '../../sim/compute/formats.ts';
import { checkDeviceGrid } from '../../sim/host/device.ts';
import { readUserFile } from '../../sim/io/read-file.ts';
import { LAYER_STRATEGIES } from '../../sim/models/layer/plan.ts';
import { loadModelConfig } from '../../sim/models/model-option.ts';
import { parseWeightsDtype } from '../../sim/models/weights-dtype.ts';
import { MATMUL_STRATEGIES } from '../../sim/ops/matmul/run.ts';
import { combinations } from '../../sim/sweep/axes.ts';
import { digest, type SweepDefinition } from '../../sim/sweep/definition.ts';
import { formatSweep } from '../../sim/sweep/format.ts';
import { mergeShards } from '../../sim/sweep/merge.ts';
import { sweepDocument } from '../../sim/sweep/results.ts';
import { writeSweepOutputs } from '../../sim/sweep/session.ts';
import { invocation, printJson } from '../json.ts';
import { examples, grid, listOf, oneOf, positiveInt, print } from '../options.ts';
import { addSweepRunOptions, failIfIncomplete, runSweepCommand } from '../sweep-run.ts';

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
  sweep.action(async (opts) => {
      // A preset is named as given (a built-in name or a JSON path), for the workers to load it
      // again; a file's contents are part of the sweep's definition.
      const inputs: Record<string, string> = {};
      const points = (opts.arch as string[]).flatMap((arch) => {
        const preset = loadArch(arch);
        if (isPresetPath(arch)) inputs[arch] = digest(readUserFile(arch, { what: 'an architecture preset', maxBytes: 16 << 20 }));
        const grids: GridSize[] = opts.grid ?? [preset.computeGrids[0]];
        for (const g of grids) checkDeviceGrid(preset, g, opts.grid ? `--grid ${g.rows}x${g.cols} with --arch ${arch}` : `${arch}: computeGrids[0]`); // before anything runs
        return combinations({ strategy: opts.strategy, grid: grids, m: opts.m, k: opts.k, n: opts.n, dtype: opts.dtype, fidelity: opts.fidelity })
          .map((c) => ({ kind: 'matmul', params: { ...c, arch, fp32Acc: Boolean(opts.fp32Acc), mode: opts.mode, seed: opts.seed } }));
      });
      const def: SweepDefinition = { kind: 'matmul', points, inputs };
      await runSweepCommand(def, opts);
    });

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
  layers.action(async (opts) => {
    const inputs: Record<string, string> = {};
    for (const m of opts.model as string[]) loadModelConfig(m); // a bad model fails before anything runs
    for (const w of opts.weightsDtype as string[]) parseWeightsDtype(w, '--weights-dtype');
    const points = (opts.arch as string[]).flatMap((arch) => {
      const preset = loadArch(arch);
      if (isPresetPath(arch)) inputs[arch] = digest(readUserFile(arch, { what: 'an architecture preset', maxBytes: 16 << 20 }));
      const grids: GridSize[] = opts.grid ?? [preset.computeGrids[0]];
      for (const g of grids) checkDeviceGrid(preset, g, opts.grid ? `--grid ${g.rows}x${g.cols} with --arch ${arch}` : `${arch}: computeGrids[0]`);
      return (opts.phase as string[]).flatMap((phase) => {
        const decode = phase === 'decode';
        // Axes that do not apply to a phase are left out of its points rather than multiplied.
        const batch: number[] = opts.batch ?? [decode ? 32 : 1];
        return combinations({ model: opts.model, strategy: (opts.strategy as string[]).filter((s) => decode || s !== 'dram-sharded'), grid: grids, seq: decode ? [1] : opts.seq, kvLen: decode ? opts.kvLen : [0], batch, weightsDtype: opts.weightsDtype })
          .map((c) => ({ kind: 'layer', params: { ...c, phase, arch, mode: opts.mode, seed: opts.seed } }));
      });
    });
    await runSweepCommand({ kind: 'layer', points, inputs }, opts);
  });

  const merge = sweep
    .command('merge')
    .description('join the --out directories of the shards of one sweep (meshsim sweep --shard i/N) into one ranked result')
    .argument('<dir...>', 'shard output directories')
    .option('--out <dir>', 'write the merged sweep.jsonl, sweep.json, sweep.csv and sweep.svg into this directory')
    .option('--json', 'print the merged results (the sweep.json document) as one JSON object on stdout');
  examples(merge, ['meshsim sweep merge runs/shard0 runs/shard1 --out runs/all']);
  merge.action(async (dirs: string[], opts: { out?: string; json?: boolean }) => {
      const merged = mergeShards(dirs);
      print(formatSweep(merged.ranked));
      if (opts.json) printJson(sweepDocument(invocation(), merged.summary, merged.ranked));
      if (merged.missingShards.length) process.stderr.write(`meshsim: warning: shards ${merged.missingShards.join(', ')} were not given\n`);
      if (opts.out) {
        const lines = [merged.header, ...[...merged.ranked].sort((a, b) => a.index - b.index)].map((v) => JSON.stringify(v)).join('\n') + '\n';
        await writeSweepOutputs(opts.out, invocation(), merged.summary, merged.ranked, { lines });
      }
      failIfIncomplete(merged.summary, merged.ranked);
    });
}
