// meshsim op NAME: one op of the registry (sim/ops/registry.ts) on seeded inputs, with the summary,
// stats and trace of meshsim matmul; meshsim op --list names them.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_ARCH, loadArch, type GridSize } from '../../sim/arch/index.ts';
import { DATA_FORMATS, type DataFormat } from '../../sim/compute/formats.ts';
import { usageError, within } from '../../sim/errors.ts';
import { checkDeviceGrid, Device, type Mode } from '../../sim/host/device.ts';
import { lastOpRun, opsRun } from '../../sim/ops/op.ts';
import { findOp, OPS } from '../../sim/ops/registry.ts';
import { formatOpReport } from '../../sim/trace/format-summary.ts';
import { statsDocument } from '../../sim/trace/stats.ts';
import { invocation, printJson } from '../json.ts';
import { deviceRunOptions, examples, grid, oneOf, positiveInt, print, relativePath, type DeviceRunOptions } from '../options.ts';
import { finishRun, startRun } from '../run-outputs.ts';
import { printSummary } from '../summary-colors.ts';

// `--shape 128x768`, `1x12x128x128`.
function shapeOption(text: string): number[] {
  const dims = text.split('x').map((d) => (/^\s*\d+\s*$/.test(d) ? Number(d) : NaN));
  if (!dims.every((d) => Number.isSafeInteger(d) && d >= 1 && d <= 1 << 20)) throw new InvalidArgumentError('expected dimensions separated by x, each a whole number from 1, e.g. 128x768');
  return dims;
}

interface OpOptions extends DeviceRunOptions {
  list?: boolean;
  shape?: number[];
  strategy?: string;
  dtype: DataFormat;
  mode: Mode;
  arch: string;
  grid?: GridSize;
  seed: number;
}

export function opCommand(cli: Command): void {
  const cmd = cli
    .command('op')
    .description('run one op (matmul, layernorm, attention, rotary, eltwise, KV cache, conversions, ...) on seeded inputs on the mesh, checked against its float64 reference, and summarise it as meshsim matmul does')
    .argument('[name]', 'the op (meshsim op --list names them)')
    .option('--list', 'list the ops, their strategies and what --shape means')
    .option('--shape <dims>', "the input's shape, e.g. 128x768 (default: the op's shape in a GPT-2-small prefill, Llama's for rotary)", shapeOption)
    .option('--strategy <name>', "the op's program factory (default: the op's choice)")
    .option('--dtype <format>', `format of the seeded inputs: ${DATA_FORMATS.join(', ')}`, oneOf(DATA_FORMATS), 'bf16')
    .option('--arch <preset>', 'architecture preset name or JSON file', DEFAULT_ARCH)
    .option('--grid <RxC>', "compute grid, rows x columns (default: the preset's)", grid)
    .option('--mode <mode>', 'functional (real values, checked) or timing (no values)', oneOf(['functional', 'timing'] as const), 'functional')
    .option('--seed <n>', 'seed of the random inputs', positiveInt(2 ** 31), 1);
  deviceRunOptions(cmd);
  examples(cmd, ['meshsim op --list', 'meshsim op add --shape 128x768 --grid 4x4', 'meshsim op softmax --shape 1x12x128x128 --mode timing --json | jq .summary.cycles', 'meshsim op matmul --shape 128x768x3072 --strategy 1d-in0']);
  cmd.action(async (name: string | undefined, opts: OpOptions) => {
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
  });
}

function listOps(json: boolean): void {
  if (json) return printJson({ schema: { name: 'meshsim-op-list', version: 1 }, ...invocation(), ops: OPS.map((e) => ({ name: e.name, strategies: e.strategies, describe: e.describe, prefillShape: e.prefillShape })) });
  // A line of name, strategies and default shape per op, what it does indented under it.
  const width = Math.max(...OPS.map((e) => e.name.length));
  print(OPS.map((e) => `${e.name.padEnd(width)}  ${e.strategies.join(', ')}${e.prefillShape ? `  (default shape ${e.prefillShape.join('x')})` : ''}\n${' '.repeat(width + 2)}${e.describe}`).join('\n'));
}
