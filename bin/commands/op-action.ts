// What meshsim op does (declared in op.ts).
import { loadArch } from '../../sim/arch/index.ts';
import { usageError, within } from '../../sim/errors.ts';
import { checkDeviceGrid, Device } from '../../sim/host/device.ts';
import { lastOpRun, opsRun } from '../../sim/ops/op.ts';
import { findOp, OPS } from '../../sim/ops/registry.ts';
import { formatOpReport } from '../../sim/trace/format-summary.ts';
import { statsDocument } from '../../sim/trace/stats.ts';
import { invocation, printJson } from '../json.ts';
import { print, relativePath } from '../options.ts';
import { finishRun, startRun } from '../run-outputs.ts';
import { printSummary } from '../summary-colors.ts';
import type { OpOptions } from './op.ts';

export async function op(name: string | undefined, opts: OpOptions): Promise<void> {
  if (opts.list) return listOps(Boolean(opts.json));
  if (!name) throw usageError('op: name the op to run (meshsim op --list names them)');
  const entry = findOp(name);
  if (!entry) throw usageError(`op: unknown op '${name}': expected one of ${OPS.map((e) => e.name).join(', ')}`);
  if (opts.strategy !== undefined && !entry.strategies.includes(opts.strategy)) {
    throw usageError(`op ${name}: unknown strategy '${opts.strategy}': expected one of ${entry.strategies.join(', ')}`);
  }
  const shape = opts.shape ?? (entry.prefillShape && [...entry.prefillShape]);
  if (!shape) throw usageError(`op ${name}: --shape is required`);
  const preset = loadArch(opts.arch);
  const gridSize = opts.grid ?? preset.computeGrids[0];
  checkDeviceGrid(preset, gridSize, opts.grid ? '--grid' : `${opts.arch}: computeGrids[0]`);
  const rec = startRun(opts);
  const device = new Device({ arch: preset, grid: gridSize, mode: opts.mode, print: rec.print, trace: rec.trace, nocTrace: rec.nocTrace, maxCycles: rec.maxCycles, onProgress: rec.progress.onProgress });
  // An op's errors name it: `add: L1 buffer for a does not fit ...`.
  const { output, check } = within(name, () => entry.run(device, shape, { strategy: opts.strategy, dtype: opts.dtype, seed: opts.seed }));
  rec.progress.done();
  const ops = opsRun(device);
  const op = ops[ops.length - 1]; // the op itself, after any that placed its inputs
  printSummary(formatOpReport({ name, shape, dtype: opts.dtype, mode: opts.mode, op, check }, preset, gridSize));
  const arch = opts.arch.endsWith('.json') ? relativePath(opts.arch) : opts.arch;
  const stats = statsDocument({
    kind: 'op',
    invocation: invocation(),
    options: { op: name, shape, strategy: opts.strategy, dtype: opts.dtype, mode: opts.mode, seed: opts.seed, arch, grid: gridSize, maxCycles: opts.maxCycles, out: opts.out && relativePath(opts.out), statsOnly: Boolean(opts.statsOnly) },
    arch: preset,
    grid: gridSize,
    mode: opts.mode,
    summary: op.summary,
    run: lastOpRun(device)!,
    ops: ops.map((o) => ({ name: o.name, strategy: o.strategy, startCycle: o.startCycle, endCycle: o.endCycle, summary: o.summary, cores: o.cores, output: o.output })),
    detail: { name, strategy: op.strategy, shape, dtype: opts.dtype, cores: op.cores, output: output.where, check },
  });
  await finishRun(opts, rec, stats);
}

function listOps(json: boolean): void {
  if (json) return printJson({ schema: { name: 'meshsim-op-list', version: 1 }, ...invocation(), ops: OPS.map((e) => ({ name: e.name, strategies: e.strategies, describe: e.describe, prefillShape: e.prefillShape })) });
  // A line of name, strategies and default shape per op, what it does indented under it.
  const width = Math.max(...OPS.map((e) => e.name.length));
  print(OPS.map((e) => `${e.name.padEnd(width)}  ${e.strategies.join(', ')}${e.prefillShape ? `  (default shape ${e.prefillShape.join('x')})` : ''}\n${' '.repeat(width + 2)}${e.describe}`).join('\n'));
}
