// meshsim matmul and meshsim report: a matmul on the mesh, its summary, stats, trace and report.
import type { Command } from 'commander';
import { computeCores, DEFAULT_ARCH, loadArch, parseGrid } from '../../sim/arch/index.ts';
import { FIDELITIES } from '../../sim/arch/types.ts';
import { DATA_FORMATS } from '../../sim/compute/formats.ts';
import { MATMUL_STRATEGIES, runMatmul } from '../../sim/ops/matmul.ts';
import { chromeTrace } from '../../sim/trace/chrome-trace.ts';
import { formatMatmulReport } from '../../sim/trace/format-summary.ts';
import { TraceRecorder } from '../../sim/trace/recorder.ts';
import { writeReport } from '../../visualizer/build-report.ts';
import { oneOf, positiveInt, print, writeJson } from '../options.ts';

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
    .option('--grid <RxC>', 'compute grid, rows x columns (default: the preset\'s)')
    .option('--mode <mode>', 'functional (real values, checked) or timing (no values)', oneOf(['functional', 'timing'] as const), 'functional')
    .option('--strategy <name>', `how the work is split over the cores: ${MATMUL_STRATEGIES.join(', ')}`, oneOf(MATMUL_STRATEGIES), 'auto')
    .option('--seed <n>', 'seed of the random inputs', positiveInt(2 ** 31), 1)
    .option('--out <dir>', 'also write stats.json and trace.json (Perfetto) into this directory')
    .action((opts) => {
      const preset = loadArch(opts.arch);
      const grid = opts.grid ? parseGrid(opts.grid) : preset.computeGrids[0];
      computeCores(preset, grid); // a grid that does not fit is an input error before anything runs
      const trace = opts.out ? new TraceRecorder() : undefined;
      const report = runMatmul({ ...opts, arch: opts.arch, grid, fp32Acc: Boolean(opts.fp32Acc), trace, print: (line) => process.stderr.write(`${line}\n`) });
      print(formatMatmulReport(report, preset, grid));
      if (opts.out && trace) {
        writeJson(opts.out, 'stats.json', { arch: preset, grid, matmul: { ...report, run: undefined }, run: report.run });
        writeJson(opts.out, 'trace.json', chromeTrace(trace, preset.clockHz));
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
