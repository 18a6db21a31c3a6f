// What meshsim matmul and meshsim report do (declared in matmul.ts).
import { loadArch, type GridSize } from '../../sim/arch/index.ts';
import { checkDeviceGrid, type Mode } from '../../sim/host/device.ts';
import { aboutSeconds, LONG_RUN_SECONDS, matmulWork, simulationSeconds } from '../../sim/host/sim-time-estimate.ts';
import type { MatmulProgramConfig } from '../../sim/ops/matmul/index.ts';
import { describeMatmulConfig } from '../../sim/ops/matmul/program-config.ts';
import { runMatmul } from '../../sim/ops/matmul/run.ts';
import { formatMatmulReport } from '../../sim/trace/format-summary.ts';
import { statsDocument } from '../../sim/trace/stats.ts';
import { writeReport } from '../../visualizer/build-report.ts';
import { invocation, printJson } from '../json.ts';
import { print, relativePath, type DeviceRunOptions } from '../options.ts';
import { finishRun, startRun, type RunRecording } from '../run-outputs.ts';
import { printSummary } from '../summary-colors.ts';

export async function matmul(opts: DeviceRunOptions & Record<string, unknown>): Promise<void> {
  const preset = loadArch(opts.arch as string);
  const grid = (opts.grid as GridSize | undefined) ?? preset.computeGrids[0];
  checkDeviceGrid(preset, grid, opts.grid ? '--grid' : `${opts.arch}: computeGrids[0]`); // before anything runs
  const rec = startRun(opts);
  const onProgress = opts.strategy === 'auto' ? withLongAutoNote(rec, opts.m as number, opts.k as number, opts.n as number, grid, opts.mode as Mode) : rec.progress.onProgress;
  const o = {
    m: opts.m as number, k: opts.k as number, n: opts.n as number, dtype: opts.dtype as never, fidelity: opts.fidelity as never, fp32Acc: Boolean(opts.fp32Acc), mode: opts.mode as never, strategy: opts.strategy as never, seed: opts.seed as number,
    ...(opts.weightDtype !== undefined && { weightDtype: opts.weightDtype as never }),
    outDtype: opts.outDtype as never,
    ...(opts.bias === true && { bias: true }),
    ...(opts.activation !== undefined && { activation: opts.activation as never }),
  };
  const report = runMatmul({ ...o, config: overrides(opts), arch: opts.arch as string, grid, trace: rec.trace, nocTrace: rec.nocTrace, maxCycles: rec.maxCycles, onProgress, print: rec.print });
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
}

export async function report(dir: string, opts: { output?: string; json?: boolean }): Promise<void> {
  const written = await writeReport(dir, opts.output);
  if (opts.json) printJson({ schema: { name: 'meshsim-report', version: 1 }, ...invocation(), report: written.path, bytes: written.bytes });
  else print(`wrote ${written.path}`);
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

// auto picks its strategy by tt-metal's rule, simulating no candidates: it says so only when the
// one run will be long (nothing under --quiet), once the run has started, so that inputs refused
// while they are placed keep their error as the only line.
function withLongAutoNote(rec: RunRecording, m: number, k: number, n: number, grid: GridSize, mode: Mode): ((cycle: number) => void) | undefined {
  const seconds = simulationSeconds(matmulWork(m, k, n, grid), mode);
  if (seconds <= LONG_RUN_SECONDS) return rec.progress.onProgress;
  const faster = mode === 'functional' ? '; --mode timing moves no values and is faster' : '';
  let noted = false;
  return (cycle) => {
    if (!noted) rec.print(`meshsim: --strategy auto picks one strategy by tt-metal's rule for ${m}×${k}×${n} on ${grid.rows}x${grid.cols} (no candidates simulated); the run will take ${aboutSeconds(seconds)} to simulate${faster}`);
    noted = true;
    rec.progress.onProgress?.(cycle);
  };
}
