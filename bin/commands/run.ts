// meshsim run: a transformer layer of a Hugging Face model split across the mesh — its cycles, the
// per-op table, DRAM and NoC totals, the check against the float64 reference — written as
// stats.json, trace.json and report.html (and, in functional mode, output.npy and the KV cache).
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_ARCH, loadArch, type GridSize } from '../../sim/arch/index.ts';
import type { ArchPreset } from '../../sim/arch/types.ts';
import { ExitCode, MeshsimError, usageError } from '../../sim/errors.ts';
import { checkDeviceGrid } from '../../sim/host/device.ts';
import { layerOutputFiles } from '../../sim/models/activations.ts';
import { formatLayerRun, formatModelRun } from '../../sim/models/layer/format.ts';
import { runTransformerModel } from '../../sim/models/layer/model-run.ts';
import { LAYER_STRATEGIES, type LayerPreset } from '../../sim/models/layer/plan.ts';
import { runTransformerLayer, type LayerRunOptions } from '../../sim/models/layer/run.ts';
import { BUILTIN_MODELS, loadModelConfig } from '../../sim/models/model-option.ts';
import { parseWeightsDtype } from '../../sim/models/weights-dtype.ts';
import type { OpStats } from '../../sim/ops/op.ts';
import { statsDocument } from '../../sim/trace/stats.ts';
import { writeReport } from '../../visualizer/build-report.ts';
import { invocation } from '../json.ts';
import { deviceRunOptions, examples, grid, oneOf, positiveInt, print, relativePath, type DeviceRunOptions } from '../options.ts';
import { finishRun, startRun } from '../run-outputs.ts';
import { printSummary } from '../summary-colors.ts';

export const DEFAULT_RUN_OUT = 'meshsim-out';

export function runCommand(cli: Command): void {
  const cmd = cli
    .command('run')
    .description('run a transformer layer (GPT-2 or Llama, from a Hugging Face config) split across the mesh: cycles, per-op table, check against float64')
    .option('--model <name|config.json>', `built-in model (${BUILTIN_MODELS.join(', ')}) or a Hugging Face config.json / model folder`, 'gpt2')
    .option('--weights <file>', '.safetensors checkpoint (or model.safetensors.index.json); seeded random weights without')
    .option('--layer <n>', 'which decoder layer (0-based)', positiveIntOrZero, 0)
    .option('--layers <all|n>', 'the whole model: the first n decoder layers (all: every one) with the embedding, final norm and LM head')
    .option('--phase <phase>', 'prefill (the whole prompt) or decode (one new token per user)', oneOf(['prefill', 'decode'] as const), 'prefill')
    .option('--seq <n>', 'prefill: prompt length', positiveInt(1 << 20), 128)
    .option('--batch <n>', 'users (default 1 in prefill, 32 in decode, as tt-metal\'s demos)', positiveInt(1 << 12))
    .option('--kv-len <n>', 'decode: positions already in the KV cache', positiveInt(1 << 20), 128)
    .option('--arch <preset>', 'architecture preset name or JSON file', DEFAULT_ARCH)
    .option('--grid <RxC>', 'compute grid, rows x columns (default: the preset\'s)', grid)
    .option('--strategy <preset>', `whole-layer partitioning: ${LAYER_STRATEGIES.join(', ')}`, oneOf(LAYER_STRATEGIES), '2d')
    .option('--op-strategy <list>', 'override single ops: attention=heads|flash|split-L|single, qkv|out|up|down|attn|mlp|matmul=2d-mcast|1d-in0|1d-in1|dram-sharded|reuse|dp')
    .option('--weights-dtype <formats>', 'weight format: bf16, bfp8_b, bfp4_b, or per group (attn=bfp8_b,mlp=bfp4_b)', 'bf16')
    .option('--mode <mode>', 'functional (real values, checked) or timing (no values)', oneOf(['functional', 'timing'] as const), 'functional')
    .option('--input <x.npy>', 'hidden states [batch, seq, hidden] (float32/float64); seeded without')
    .option('--kv-cache <dir>', 'decode: k_cache.npy and v_cache.npy [batch, kv_heads, positions, head_dim] (as prefill writes them)')
    .option('--seed <n>', 'seed of the random weights and inputs', positiveInt(2 ** 31), 1);
  deviceRunOptions(cmd);
  cmd.option('--no-out', 'write nothing (by default the run is written to ./meshsim-out)');
  examples(cmd, [
    'meshsim run',
    'meshsim run --model llama-3.2-1b --phase decode --kv-len 1024 --mode timing --strategy dram-sharded',
    'meshsim run --strategy auto --mode timing --json | jq .summary.cycles',
    'meshsim run --model path/to/config.json --weights model.safetensors --layer 3 --input x.npy --out runs/l3',
  ]);
  cmd.action(async (opts: DeviceRunOptions & Record<string, unknown>) => {
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
      detail: {
        model: r.config.source, family: r.config.family, layer: options.layer, phase, batch: r.batch, seq: r.seq, kvLen: r.past,
        strategy: r.plan, auto: r.auto, check: r.check,
      },
    });
    const files = r.output && r.cache ? layerOutputFiles(r.output, r.batch, r.seq, r.config.hidden, r.cache) : {};
    await finishRun(o, rec, stats, Object.entries(files).map(([name, data]) => ({ name, data: () => data })));
    await writeRunReport(o, opts);
    if (r.check && !r.check.passed) process.exitCode = 1;
  });
}

// --layers: the whole model, one prefill or decode step (auto picks its preset on one layer).
async function runModel(opts: Record<string, unknown>, o: DeviceRunOptions, rec: ReturnType<typeof startRun>, options: LayerRunOptions, arch: ArchPreset, g: GridSize): Promise<void> {
  const config = loadModelConfig(options.model);
  const text = String(opts.layers);
  const layers = text === 'all' ? config.layers : Number(text);
  if (!/^(all|\d+)$/.test(text) || layers < 1) throw new MeshsimError(`--layers ${JSON.stringify(text)}: expected all or a number of layers from 1 to ${config.layers}`, ExitCode.usage);
  const preset: LayerPreset = options.strategy === 'auto' ? runTransformerLayer({ ...options, mode: 'timing', device: undefined }).plan.preset : options.strategy;
  const r = runTransformerModel({ ...options, layers }, preset);
  rec.progress.done();
  printSummary(formatModelRun(r, arch, options.mode));
  const stats = statsDocument({
    kind: 'run',
    invocation: invocation(),
    options: shownOptions(options, opts, o.out),
    arch, grid: g, mode: options.mode, summary: r.summary, run: r.run,
    ops: r.ops.map(opRecord),
    detail: {
      model: r.config.source, family: r.config.family, layers: r.layers, simulatedLayers: r.simulatedLayers, layerCycles: r.layerCycles,
      phase: r.phase, batch: r.batch, seq: r.seq, kvLen: r.past, strategy: r.plan, totalCycles: r.totalCycles, seconds: r.seconds,
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
    ...shown, layers: opts.layers, arch: options.arch.endsWith('.json') ? rel(options.arch) : options.arch, model: options.model.includes('/') ? rel(options.model) : options.model,
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
}

function positiveIntOrZero(text: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new InvalidArgumentError('expected a whole number from 0');
  return Number(text);
}
