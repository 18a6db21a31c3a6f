// What meshsim program does (declared in program.ts).
import { readBuffer, readProgramSpec, runProgramSpec } from '../../sim/host/program-spec.ts';
import { statsDocument } from '../../sim/trace/stats.ts';
import { summarize } from '../../sim/trace/summary.ts';
import { invocation } from '../json.ts';
import { relativePath, type DeviceRunOptions } from '../options.ts';
import { finishRun, startRun } from '../run-outputs.ts';
import { printSummary } from '../summary-colors.ts';

export async function program(path: string, opts: DeviceRunOptions): Promise<void> {
  const spec = readProgramSpec(path);
  const rec = startRun(opts);
  const { device, result, buffers } = await runProgramSpec(spec, { trace: rec.trace, nocTrace: rec.nocTrace, maxCycles: rec.maxCycles, onProgress: rec.progress.onProgress, print: rec.print });
  rec.progress.done();
  const { clockHz, name } = device.preset;
  const summary = summarize(device, result, 0, 'HiFi4'); // no FLOPs of its own to count
  const lines = [
    `program ${path} on ${name} ${device.grid.rows}×${device.grid.cols}, ${device.mode} mode`,
    `  cycles  ${result.cycles}  (${((result.cycles / clockHz) * 1e6).toFixed(1)} µs at ${clockHz / 1e9} GHz)`,
    ...result.harts.map((h) => `  ${h.name.padEnd(32)} ${String(h.instructions).padStart(10)} instructions, done at cycle ${h.endCycle - result.startCycle}`),
    ...result.tileEngines.map((e) => `  ${`${e.core} tile engine`.padEnd(32)} ${String(e.tiles).padStart(10)} tiles, math busy ${((100 * e.mathBusyCycles) / Math.max(1, result.cycles)).toFixed(1)}%`),
    `  bottleneck  ${summary.bottleneck}`,
  ];
  printSummary(lines.join('\n'));
  const name0 = relativePath(path);
  rec.trace?.op(name0, 'program', result.startCycle, result.endCycle);
  const stats = statsDocument({
    kind: 'program',
    invocation: invocation(),
    options: { spec: name0, maxCycles: opts.maxCycles, out: opts.out && relativePath(opts.out), statsOnly: Boolean(opts.statsOnly) },
    arch: device.preset,
    grid: device.grid,
    mode: device.mode,
    summary,
    run: result,
    ops: [{ name: name0, strategy: 'program', startCycle: result.startCycle, endCycle: result.endCycle }],
    detail: { path: name0, kernels: spec.kernels.length, buffers: spec.buffers.map((b) => b.name) },
  });
  // The dumped buffers belong to the run's output set, with its stats and trace.
  await finishRun(opts, rec, stats, spec.dump.map((name) => ({ name: `${name}.bin`, data: () => readBuffer(device, buffers.get(name)!) })));
}
