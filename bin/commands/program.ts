// meshsim program spec.json: a kernel developer's program, described as JSON, run on the mesh.
import type { Command } from 'commander';
import { readBuffer, readProgramSpec, runProgramSpec } from '../../sim/host/program-spec.ts';
import { statsDocument } from '../../sim/trace/stats.ts';
import { summarize } from '../../sim/trace/summary.ts';
import { invocation } from '../json.ts';
import { deviceRunOptions, examples, relativePath, writeOut, type DeviceRunOptions } from '../options.ts';
import { finishRun, startRun } from '../run-outputs.ts';
import { printSummary } from '../summary-colors.ts';

export function programCommand(cli: Command): void {
  const cmd = cli
    .command('program')
    .description('run a program described as JSON: buffers, circular buffers, semaphores, kernels (built names, or C / C++ sources with compile-time args and defines) and their runtime args')
    .argument('<spec.json>', 'the program (see README "Running your own kernels"); --out also writes the buffers listed in its "dump" (NAME.bin)');
  deviceRunOptions(cmd);
  examples(cmd, [
    'meshsim program kernels/specs/eltwise_add.json',
    'meshsim program kernels/specs/eltwise_add.json --out runs/add && meshsim report runs/add',
    'meshsim program my_spec.json --json --max-cycles 1e7',
  ]);
  cmd.action(async (path: string, opts: DeviceRunOptions) => {
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
    finishRun(opts, rec, stats);
    if (opts.out) {
      for (const dump of spec.dump) writeOut(opts.out, `${dump}.bin`, readBuffer(device, buffers.get(dump)!));
    }
  });
}
