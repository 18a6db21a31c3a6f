// meshsim sweep: matmul over every combination of the listed options, ranked by cycles.
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { computeCores, DEFAULT_ARCH, loadArch, parseGrid } from '../../sim/arch/index.ts';
import { FIDELITIES } from '../../sim/arch/types.ts';
import { DATA_FORMATS } from '../../sim/compute/formats.ts';
import { MATMUL_STRATEGIES } from '../../sim/ops/matmul.ts';
import { combinations, parseList } from '../../sim/sweep/axes.ts';
import type { SweepPoint } from '../../sim/sweep/matmul-point.ts';
import { sweepPlot } from '../../sim/sweep/plot.ts';
import { formatSweep } from '../../sim/sweep/format.ts';
import { rank, runSweep, SWEEP_SCHEMA } from '../../sim/sweep/sweep.ts';
import { invocation, jsonOption, printJson } from '../json.ts';
import { examples, oneOf, positiveInt, print, writeJson, writeOut } from '../options.ts';

const whole = (text: string) => positiveInt(1 << 16)(text);

export function sweepCommand(cli: Command): void {
  const cmd = cli
    .command('sweep')
    .description('run meshsim matmul over every combination of comma-separated option lists; print them ranked by cycles')
    .option('--m <list>', 'rows of A and C', '512')
    .option('--k <list>', 'columns of A, rows of B', '512')
    .option('--n <list>', 'columns of B and C', '512')
    .option('--dtype <list>', `formats of A and B: ${DATA_FORMATS.join(', ')}`, 'bf16')
    .option('--fidelity <list>', `math fidelities: ${FIDELITIES.join(', ')}`, 'HiFi4')
    .option('--strategy <list>', `work splits: ${MATMUL_STRATEGIES.join(', ')}`, MATMUL_STRATEGIES.filter((s) => s !== 'auto').join(','))
    .option('--arch <list>', 'architecture presets', DEFAULT_ARCH)
    .option('--grid <list>', 'compute grids RxC (default: each preset\'s own)')
    .option('--fp32-acc', 'accumulate in fp32 in Dst')
    .option('--mode <mode>', 'timing (default: fastest) or functional (values computed and checked)', oneOf(['timing', 'functional'] as const), 'timing')
    .option('--seed <n>', 'seed of the random inputs', positiveInt(2 ** 31), 1)
    .option('--workers <n>', `worker threads (up to ${availableParallelism()} cores here)`, positiveInt(64), 1)
    .option('--out <dir>', 'also write sweep.json and sweep.svg (the ranked bar chart) into this directory');
  jsonOption(cmd, 'the ranked results');
  examples(cmd, [
    'meshsim sweep --strategy dp,2d-mcast --grid 4x4,8x8',
    'meshsim sweep --m 512,1024,2048 --workers 2 --out runs/sweep',
    'meshsim sweep --arch wormhole_n150,blackhole_p150 --json | jq \'.results[0]\'',
  ]);
  cmd.action(async (opts) => {
      // A preset is named as given (a built-in name or a JSON path), for the workers to load it again.
      const archs = parseList('arch', opts.arch, (arch) => ({ arch, preset: loadArch(arch) }));
      const points: SweepPoint[] = archs.flatMap(({ arch, preset }) => {
        const grids = opts.grid ? parseList('grid', opts.grid, parseGrid) : [preset.computeGrids[0]];
        for (const g of grids) computeCores(preset, g); // a grid that does not fit is reported before anything runs
        return combinations({
          strategy: parseList('strategy', opts.strategy, oneOf(MATMUL_STRATEGIES)),
          grid: grids,
          m: parseList('m', opts.m, whole),
          k: parseList('k', opts.k, whole),
          n: parseList('n', opts.n, whole),
          dtype: parseList('dtype', opts.dtype, oneOf(DATA_FORMATS)),
          fidelity: parseList('fidelity', opts.fidelity, oneOf(FIDELITIES)),
        }).map((c) => ({ ...c, arch, fp32Acc: Boolean(opts.fp32Acc), mode: opts.mode, seed: opts.seed }));
      });
      process.stderr.write(`sweep: ${points.length} runs on ${Math.min(opts.workers, points.length)} worker(s)\n`);
      const ranked = rank(await runSweep(points, Math.min(opts.workers, points.length)));
      print(formatSweep(ranked));
      if (opts.json) printJson({ schema: SWEEP_SCHEMA, ...invocation(), results: ranked });
      if (opts.out) {
        writeJson(opts.out, 'sweep.json', { schema: SWEEP_SCHEMA, ...invocation(), results: ranked });
        writeOut(opts.out, 'sweep.svg', sweepPlot(ranked, `meshsim sweep: ${points.length} matmul runs, ranked by cycles`));
      }
    });
}
