// meshsim matmul and meshsim report: a matmul on the mesh, its summary, stats, trace and report.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_ARCH, loadArch, type GridSize } from '../../sim/arch/index.ts';
import { FIDELITIES } from '../../sim/arch/types.ts';
import { DATA_FORMATS } from '../../sim/compute/formats.ts';
import { checkDeviceGrid } from '../../sim/host/device.ts';
import { MATMUL_STRATEGIES, runMatmul } from '../../sim/ops/matmul/run.ts';
import type { MatmulProgramConfig } from '../../sim/ops/matmul/index.ts';
import { describeMatmulConfig } from '../../sim/ops/matmul/program-config.ts';
import { formatMatmulReport } from '../../sim/trace/format-summary.ts';
import { statsDocument } from '../../sim/trace/stats.ts';
import { writeReport } from '../../visualizer/build-report.ts';
import { invocation, jsonOption, printJson } from '../json.ts';
import { deviceRunOptions, examples, grid, oneOf, positiveInt, print, relativePath, type DeviceRunOptions } from '../options.ts';
import { finishRun, startRun } from '../run-outputs.ts';
import { printSummary } from '../summary-colors.ts';

export function matmulCommands(cli: Command): void {
  const matmul = cli
    .command('matmul')
    .description('run C = A @ B (seeded random A, B) on the mesh and summarise cycles, throughput and the bottleneck')
    .option('--m <rows>', 'rows of A and C', positiveInt(1 << 16), 512)
    .option('--k <depth>', 'columns of A, rows of B', positiveInt(1 << 16), 512)
    .option('--n <cols>', 'columns of B and C', positiveInt(1 << 16), 512)
    .option('--dtype <format>', `format of A and B: ${DATA_FORMATS.join(', ')}`, oneOf(DATA_FORMATS), 'bf16')
    .option('--fidelity <fidelity>', `math fidelity: ${FIDELITIES.join(', ')}`, oneOf(FIDELITIES), 'HiFi4')
    .option('--fp32-acc', 'accumulate in fp32 in Dst (4 tiles per half)')
    .option('--arch <preset>', 'architecture preset name or JSON file', DEFAULT_ARCH)
    .option('--grid <RxC>', 'compute grid, rows x columns (default: the preset\'s)', grid)
    .option('--mode <mode>', 'functional (real values, checked) or timing (no values)', oneOf(['functional', 'timing'] as const), 'functional')
    .option('--strategy <name>', `how the work is split over the cores: ${MATMUL_STRATEGIES.join(', ')}`, oneOf(MATMUL_STRATEGIES), 'auto')
    .option('--seed <n>', 'seed of the random inputs', positiveInt(2 ** 31), 1)
    .option('--in0-block-w <tiles>', 'program config override: K tiles per block (in0_block_w)', positiveInt(1 << 11))
    .option('--per-core <MxN>', 'program config override: tiles of C per core (per_core_M x per_core_N)', tilePair('MxN'))
    .option('--subblock <HxW>', 'program config override: output sub-block in tiles (out_subblock_h x out_subblock_w)', tilePair('HxW'));
  deviceRunOptions(matmul);
  examples(matmul, [
    'meshsim matmul --m 1024 --k 1024 --n 1024 --mode timing',
    'meshsim matmul --arch blackhole_p150 --strategy 2d-mcast --out runs/bh && meshsim report runs/bh',
    'meshsim matmul --m 4096 --k 4096 --n 4096 --mode timing --json | jq .summary.tflops',
  ]);
  matmul.action(async (opts: DeviceRunOptions & Record<string, unknown>) => {
    const preset = loadArch(opts.arch as string);
    const grid = (opts.grid as GridSize | undefined) ?? preset.computeGrids[0];
    checkDeviceGrid(preset, grid, opts.grid ? '--grid' : `${opts.arch}: computeGrids[0]`); // before anything runs
    const rec = startRun(opts);
    const o = { m: opts.m as number, k: opts.k as number, n: opts.n as number, dtype: opts.dtype as never, fidelity: opts.fidelity as never, fp32Acc: Boolean(opts.fp32Acc), mode: opts.mode as never, strategy: opts.strategy as never, seed: opts.seed as number };
    const report = runMatmul({ ...o, config: overrides(opts), arch: opts.arch as string, grid, trace: rec.trace, nocTrace: rec.nocTrace, maxCycles: rec.maxCycles, onProgress: rec.progress.onProgress, print: rec.print });
    rec.progress.done();
    printSummary(formatMatmulReport(report, preset, grid) + (report.config ? `  config      ${describeMatmulConfig(report.config)}\n` : ''));
    const { run } = report;
    rec.trace?.op('matmul', report.strategy, run.startCycle, run.endCycle);
    const arch = (opts.arch as string).endsWith('.json') ? relativePath(opts.arch as string) : opts.arch;
    const stats = statsDocument({
      kind: 'matmul',
      invocation: invocation(),
      options: { ...o, arch, grid, maxCycles: opts.maxCycles, out: opts.out && relativePath(opts.out), statsOnly: Boolean(opts.statsOnly) },
      arch: preset,
      grid,
      mode: o.mode,
      summary: report.summary,
      run,
      ops: [{ name: 'matmul', strategy: report.strategy, startCycle: run.startCycle, endCycle: run.endCycle }],
      detail: { strategy: report.strategy, tiles: report.tiles, cores: report.cores, block: report.block, config: report.config, check: report.check },
    });
    await finishRun(opts, rec, stats);
  });

  const report = cli
    .command('report')
    .description('write a self-contained HTML report (mesh and NoC heat map over time, timelines, utilisation) of a run directory')
    .argument('<dir>', 'directory written by meshsim matmul or meshsim program --out (stats.json, trace.json)')
    .option('-o, --output <file>', 'the HTML file to write (default: <dir>/report.html)');
  jsonOption(report, 'where the report went and its size');
  examples(report, ['meshsim matmul --out runs/mm && meshsim report runs/mm', 'meshsim report runs/mm -o /tmp/mm.html']);
  report.action(async (dir: string, opts: { output?: string; json?: boolean }) => {
    const written = await writeReport(dir, opts.output);
    if (opts.json) printJson({ schema: { name: 'meshsim-report', version: 1 }, ...invocation(), report: written.path, bytes: written.bytes });
    else print(`wrote ${written.path}`);
  });
}

// "4x2": two whole numbers of tiles (malformed: exit 2; whether they fit the shape is the op's check, exit 3).
function tilePair(what: string) {
  return (text: string): [number, number] => {
    const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(text);
    const pair = m ? [Number(m[1]), Number(m[2])] : [];
    if (pair.length !== 2 || pair.some((v) => !Number.isSafeInteger(v) || v < 1)) throw new InvalidArgumentError(`expected ${what}, two whole numbers of tiles from 1, e.g. 4x2`);
    return pair as [number, number];
  };
}

// The program config overrides given on the command line.
function overrides(opts: Record<string, unknown>): Partial<MatmulProgramConfig> | undefined {
  const [perCore, sub] = [opts.perCore as [number, number] | undefined, opts.subblock as [number, number] | undefined];
  const o: Partial<MatmulProgramConfig> = {
    ...(opts.in0BlockW !== undefined && { in0BlockW: opts.in0BlockW as number }),
    ...(perCore && { perCoreM: perCore[0], perCoreN: perCore[1] }),
    ...(sub && { outSubblockH: sub[0], outSubblockW: sub[1] }),
  };
  return Object.keys(o).length ? o : undefined;
}
