// What meshsim run does (declared in run.ts).
import type { Command } from 'commander';
import { loadArch, type GridSize } from '../../sim/arch/index.ts';
import type { ArchPreset } from '../../sim/arch/types.ts';
import { ExitCode, MeshsimError, usageError } from '../../sim/errors.ts';
import { checkDeviceGrid } from '../../sim/host/device.ts';
import { layerOutputFiles } from '../../sim/models/activations.ts';
import { autoPlanNote } from '../../sim/models/layer/auto-estimate.ts';
import { formatLayerRun, formatModelRun } from '../../sim/models/layer/format.ts';
import { runTransformerModel } from '../../sim/models/layer/model-run.ts';
import type { LayerPreset } from '../../sim/models/layer/plan.ts';
import { layerShape, runTransformerLayer, type LayerRunOptions } from '../../sim/models/layer/run.ts';
import { loadModelConfig } from '../../sim/models/model-option.ts';
import { parseWeightsDtype } from '../../sim/models/weights-dtype.ts';
import type { OpStats } from '../../sim/ops/op.ts';
import { statsDocument } from '../../sim/trace/stats.ts';
import { writeReport } from '../../visualizer/build-report.ts';
import { invocation } from '../json.ts';
import { print, relativePath, type DeviceRunOptions } from '../options.ts';
import { finishRun, startRun } from '../run-outputs.ts';
import { printSummary } from '../summary-colors.ts';

const DEFAULT_RUN_OUT = 'meshsim-out';

export async function run(opts: DeviceRunOptions & Record<string, unknown>, cmd: Command): Promise<void> {
  const preset = loadArch(opts.arch as string);
  const g = (opts.grid as GridSize | undefined) ?? preset.computeGrids[0];
  checkDeviceGrid(preset, g, opts.grid ? '--grid' : `${opts.arch}: computeGrids[0]`);
  // commander's --no-out sets out to false; a bare run writes to ./meshsim-out.
  const out = (opts.out as unknown) === false ? undefined : typeof opts.out === 'string' ? opts.out : DEFAULT_RUN_OUT;
  const o: DeviceRunOptions = { ...opts, out };
  const phase = opts.phase as 'prefill' | 'decode';
  refuseIdleOptions(cmd, phase, opts.layers !== undefined);
  const rec = startRun(o);
  const options: LayerRunOptions = {
    model: opts.model as string, weights: opts.weights as string | undefined, layer: opts.layer as number, phase,
    batch: (opts.batch as number | undefined) ?? (phase === 'decode' ? 32 : 1), seq: opts.seq as number, kvLen: opts.kvLen as number,
    arch: opts.arch as string, grid: g, strategy: opts.strategy as never, opStrategy: opts.opStrategy as string | undefined,
    weightsDtype: parseWeightsDtype(opts.weightsDtype as string), mode: opts.mode as never, seed: opts.seed as number,
    input: opts.input as string | undefined, kvCache: opts.kvCache as string | undefined,
    given: (['batch', 'seq', 'kvLen'] as const).filter((k) => cmd.getOptionValueSource(k) === 'cli'),
    device: { trace: rec.trace, nocTrace: rec.nocTrace, maxCycles: rec.maxCycles, onProgress: rec.progress.onProgress, print: rec.print },
  };
  if (options.strategy === 'auto') {
    const config = loadModelConfig(options.model);
    const { batch, seq, past } = layerShape(config, options); // an --input's or --kv-cache's own shape
    const shape = { config, phase, batch, seq, kvLen: past, grid: g };
    rec.print(autoPlanNote(shape, options.mode, opts.layers !== undefined).text); // nothing under --quiet
  }
  if (opts.layers !== undefined) return runModel(opts, o, rec, options, preset, g);
  const r = runTransformerLayer(options);
  rec.progress.done();
  printSummary(formatLayerRun(r, preset, options.mode));
  const stats = statsDocument({
    kind: 'run',
    invocation: invocation(),
    options: shownOptions(options, opts, out),
    arch: preset,
    grid: g,
    mode: options.mode,
    summary: r.summary,
    run: r.run,
    ops: r.ops.map(opRecord),
    section: 'layer',
    detail: {
      model: r.config.source, family: r.config.family, layer: options.layer, phase, batch: r.batch, seq: r.seq, kvLen: r.past,
      strategy: r.plan, auto: r.auto, cycles: r.summary.cycles, seconds: r.summary.seconds, check: r.check,
    },
  });
  const files = r.output && r.cache ? layerOutputFiles(r.output, r.batch, r.seq, r.config.hidden, r.cache) : {};
  await finishRun(o, rec, stats, Object.entries(files).map(([name, data]) => ({ name, data: () => data })));
  await writeRunReport(o, opts);
  if (r.check && !r.check.passed) process.exitCode = 1;
}

// --layers: the whole model, one prefill or decode step (auto picks its preset on one layer).
async function runModel(opts: Record<string, unknown>, o: DeviceRunOptions, rec: ReturnType<typeof startRun>, options: LayerRunOptions, arch: ArchPreset, g: GridSize): Promise<void> {
  const config = loadModelConfig(options.model);
  const text = String(opts.layers);
  const layers = text === 'all' ? config.layers : Number(text);
  if (!/^(all|\d+)$/.test(text) || layers < 1) throw new MeshsimError(`--layers ${JSON.stringify(text)}: expected all or a number of layers from 1 to ${config.layers}`, ExitCode.usage);
  const preset: LayerPreset = options.strategy === 'auto' ? runTransformerLayer({ ...options, mode: 'timing', device: undefined }).plan.preset : options.strategy;
  const r = runTransformerModel({ ...options, layers, logits: opts.logits as 'all' | 'last' }, preset);
  rec.progress.done();
  printSummary(formatModelRun(r, arch, options.mode));
  const stats = statsDocument({
    kind: 'run',
    invocation: invocation(),
    options: shownOptions(options, opts, o.out),
    arch, grid: g, mode: options.mode, summary: r.summary, run: r.run,
    ops: r.ops.map(opRecord),
    section: 'layer',
    detail: {
      model: r.config.source, family: r.config.family, layers: r.layers, simulatedLayers: r.simulatedLayers, layerCycles: r.layerCycles,
      phase: r.phase, batch: r.batch, seq: r.seq, kvLen: r.past, strategy: r.plan, cycles: r.totalCycles, seconds: r.seconds,
      tokensPerSecondPerUser: r.tokensPerSecondPerUser, timeToFirstToken: r.timeToFirstToken, check: r.check,
    },
  });
  await finishRun(o, rec, stats);
  await writeRunReport(o, opts);
  if (r.check && !r.check.passed) process.exitCode = 1;
}

// The run's options as stats.json records them: paths relative to the working directory.
function shownOptions(options: LayerRunOptions, opts: Record<string, unknown>, out: string | undefined): Record<string, unknown> {
  const rel = (p: string | undefined) => p && relativePath(p);
  const { device: _d, given: _g, ...shown } = options;
  return {
    ...shown, layers: opts.layers, ...(opts.layers !== undefined && { logits: opts.logits }), arch: options.arch.endsWith('.json') ? rel(options.arch) : options.arch, model: options.model.includes('/') ? rel(options.model) : options.model,
    weights: rel(options.weights), input: rel(options.input), kvCache: rel(options.kvCache), maxCycles: opts.maxCycles, out: rel(out), statsOnly: Boolean(opts.statsOnly),
  };
}

const opRecord = (op: OpStats) => ({ name: op.name, label: op.label, strategy: op.strategy, startCycle: op.startCycle, endCycle: op.endCycle, summary: op.summary, cores: op.cores, output: op.output });

async function writeRunReport(o: DeviceRunOptions, opts: Record<string, unknown>): Promise<void> {
  if (!o.out || opts.statsOnly) return;
  const report = await writeReport(o.out);
  if (!opts.json) print(`wrote ${report.path} (${(report.bytes / 2 ** 20).toFixed(1)} MB)`);
}

// An option the run would ignore is refused, as two options that exclude each other (exit 2).
function refuseIdleOptions(cmd: Command, phase: 'prefill' | 'decode', model: boolean): void {
  const given = (key: string) => cmd.getOptionValueSource(key) === 'cli';
  const decodeOnly = [['kvLen', '--kv-len'], ['kvCache', '--kv-cache']].find(([key]) => given(key));
  if (phase === 'prefill' && decodeOnly) throw usageError(`${decodeOnly[1]} goes with --phase decode (a prefill starts from an empty KV cache)`);
  if (phase === 'decode' && given('seq')) throw usageError('--seq goes with --phase prefill (decode runs one new token per user after --kv-len cached positions)');
  if (model && given('layer')) throw usageError('--layer picks one decoder layer and --layers runs the first N with the model\'s ends: give one of them');
  if (!model && given('logits')) throw usageError('--logits goes with --layers (a single layer has no LM head)');
}
