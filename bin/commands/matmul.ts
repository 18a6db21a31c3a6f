// meshsim matmul and meshsim report: a matmul on the mesh, its summary, stats, trace and report.
import type { Command } from 'commander';
import { DEFAULT_ARCH, loadArch } from '../../sim/arch/index.ts';
import { FIDELITIES } from '../../sim/arch/types.ts';
import { DATA_FORMATS } from '../../sim/compute/formats.ts';
import { checkDeviceGrid } from '../../sim/host/device.ts';
import { MATMUL_STRATEGIES, runMatmul } from '../../sim/ops/matmul.ts';
import { formatMatmulReport } from '../../sim/trace/format-summary.ts';
import { TraceRecorder } from '../../sim/trace/recorder.ts';
import { writeReport } from '../../visualizer/build-report.ts';
import { grid, oneOf, positiveInt, print } from '../options.ts';
import { writeRunOutputs } from '../run-outputs.ts';

export function matmulCommands(cli: Command): void {
  cli
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
    .option('--out <dir>', 'also write stats.json and trace.json (Perfetto) into this directory')
    .action(async (opts) => {
      const preset = loadArch(opts.arch);
      const g = opts.grid ?? preset.computeGrids[0];
      checkDeviceGrid(preset, g, opts.grid ? '--grid' : `${opts.arch}: computeGrids[0]`); // before anything runs
      const trace = opts.out ? new TraceRecorder() : undefined;
      const report = runMatmul({ ...opts, arch: opts.arch, grid: g, fp32Acc: Boolean(opts.fp32Acc), trace, print: (line) => process.stderr.write(`${line}\n`) });
      print(formatMatmulReport(report, preset, g));
      if (opts.out && trace) {
        await writeRunOutputs(opts.out, { arch: preset, grid: g, matmul: { ...report, run: undefined }, run: report.run }, trace, preset.clockHz);
      }
    });

  cli
    .command('report')
    .description('write a self-contained HTML report (mesh and NoC heat map over time, timelines, utilisation) of a matmul --out directory')
    .argument('<dir>', 'directory written by meshsim matmul --out (stats.json, trace.json)')
    .option('-o, --output <file>', 'the HTML file to write (default: <dir>/report.html)')
    .action(async (dir: string, opts: { output?: string }) => {
      print(`wrote ${await writeReport(dir, opts.output)}`);
    });
}
