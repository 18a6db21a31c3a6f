// meshsim program spec.json: a kernel developer's program, described as JSON, run on the mesh.
import type { Command } from 'commander';
import { readBuffer, readProgramSpec, runProgramSpec } from '../../sim/host/program-spec.ts';
import { chromeTrace } from '../../sim/trace/chrome-trace.ts';
import { TraceRecorder } from '../../sim/trace/recorder.ts';
import { summarize } from '../../sim/trace/summary.ts';
import { print, writeJson, writeOut } from '../options.ts';

export function programCommand(cli: Command): void {
  cli
    .command('program')
    .description('run a program described as JSON: buffers, circular buffers, semaphores, kernels (built names, or C / C++ sources with compile-time args and defines) and their runtime args')
    .argument('<spec.json>', 'the program (see README "Running your own kernels")')
    .option('--out <dir>', 'write stats.json, trace.json (for meshsim report) and the buffers listed in "dump" (NAME.bin) into this directory')
    .action(async (path: string, opts: { out?: string }) => {
      const spec = readProgramSpec(path);
      const trace = opts.out ? new TraceRecorder() : undefined;
      const { device, result, buffers } = await runProgramSpec(spec, { trace, print: (line) => process.stderr.write(`${line}\n`) });
      const { clockHz, name } = device.preset;
      const summary = summarize(device, result, 0, 'HiFi4'); // no FLOPs of its own to count
      const lines = [
        `program ${path} on ${name} ${device.grid.rows}×${device.grid.cols}, ${device.mode} mode`,
        `  cycles  ${result.cycles}  (${((result.cycles / clockHz) * 1e6).toFixed(1)} µs at ${clockHz / 1e9} GHz)`,
        ...result.harts.map((h) => `  ${h.name.padEnd(32)} ${String(h.instructions).padStart(10)} instructions, done at cycle ${h.endCycle - result.startCycle}`),
        ...result.tileEngines.map((e) => `  ${`${e.core} tile engine`.padEnd(32)} ${String(e.tiles).padStart(10)} tiles, math busy ${((100 * e.mathBusyCycles) / Math.max(1, result.cycles)).toFixed(1)}%`),
        `  bottleneck  ${summary.bottleneck}`,
      ];
      print(lines.join('\n'));
      if (opts.out && trace) {
        writeJson(opts.out, 'stats.json', { arch: device.preset, grid: device.grid, program: { path, mode: device.mode, summary }, run: result });
        writeJson(opts.out, 'trace.json', chromeTrace(trace, clockHz));
        for (const dump of spec.dump) {
          const data = readBuffer(device, buffers.get(dump)!);
          writeOut(opts.out, `${dump}.bin`, data);
        }
      }
    });
}
