// What meshsim sweep, sweep run and sweep merge do (declared in sweep.ts).
import { isPresetPath, loadArch, type GridSize } from '../../sim/arch/index.ts';
import { checkDeviceGrid } from '../../sim/host/device.ts';
import { readUserFile } from '../../sim/io/read-file.ts';
import { loadModelConfig } from '../../sim/models/model-option.ts';
import { parseWeightsDtype } from '../../sim/models/weights-dtype.ts';
import { combinations } from '../../sim/sweep/axes.ts';
import { digest, type SweepDefinition } from '../../sim/sweep/definition.ts';
import { formatSweep } from '../../sim/sweep/format.ts';
import { mergeShards } from '../../sim/sweep/merge.ts';
import { sweepDocument } from '../../sim/sweep/results.ts';
import { writeSweepOutputs } from '../../sim/sweep/session.ts';
import { invocation, printJson } from '../json.ts';
import { print } from '../options.ts';
import type { SweepRunOptions } from '../sweep-options.ts';
import { failIfIncomplete, runSweepCommand } from '../sweep-run.ts';

export async function sweepMatmul(opts: SweepRunOptions & Record<string, any>): Promise<void> {
  // A preset is named as given (a built-in name or a JSON path), for the workers to load it
  // again; a file's contents are part of the sweep's definition.
  const inputs: Record<string, string> = {};
  const points = (opts.arch as string[]).flatMap((arch) => {
    const preset = loadArch(arch);
    if (isPresetPath(arch)) inputs[arch] = digest(readUserFile(arch, { what: 'an architecture preset', maxBytes: 16 << 20 }));
    const grids: GridSize[] = opts.grid ?? [preset.computeGrids[0]];
    for (const g of grids) checkDeviceGrid(preset, g, opts.grid ? `--grid ${g.rows}x${g.cols} with --arch ${arch}` : `${arch}: computeGrids[0]`); // before anything runs
    return combinations({ strategy: opts.strategy, grid: grids, m: opts.m, k: opts.k, n: opts.n, dtype: opts.dtype, ...(opts.weightDtype && { weightDtype: opts.weightDtype }), fidelity: opts.fidelity })
      .map((c) => ({ kind: 'matmul', params: { ...c, arch, fp32Acc: Boolean(opts.fp32Acc), mode: opts.mode, seed: opts.seed } }));
  });
  const def: SweepDefinition = { kind: 'matmul', points, inputs };
  await runSweepCommand(def, opts);
}

export async function sweepLayers(opts: SweepRunOptions & Record<string, any>): Promise<void> {
  const inputs: Record<string, string> = {};
  for (const m of opts.model as string[]) loadModelConfig(m); // a bad model fails before anything runs
  for (const w of opts.weightsDtype as string[]) parseWeightsDtype(w, '--weights-dtype');
  const points = (opts.arch as string[]).flatMap((arch) => {
    const preset = loadArch(arch);
    if (isPresetPath(arch)) inputs[arch] = digest(readUserFile(arch, { what: 'an architecture preset', maxBytes: 16 << 20 }));
    const grids: GridSize[] = opts.grid ?? [preset.computeGrids[0]];
    for (const g of grids) checkDeviceGrid(preset, g, opts.grid ? `--grid ${g.rows}x${g.cols} with --arch ${arch}` : `${arch}: computeGrids[0]`);
    return (opts.phase as string[]).flatMap((phase) => {
      const decode = phase === 'decode';
      // Axes that do not apply to a phase are left out of its points rather than multiplied.
      const batch: number[] = opts.batch ?? [decode ? 32 : 1];
      return combinations({ model: opts.model, strategy: (opts.strategy as string[]).filter((s) => decode || s !== 'dram-sharded'), grid: grids, seq: decode ? [1] : opts.seq, kvLen: decode ? opts.kvLen : [0], batch, weightsDtype: opts.weightsDtype })
        .map((c) => ({ kind: 'layer', params: { ...c, phase, arch, mode: opts.mode, seed: opts.seed } }));
    });
  });
  await runSweepCommand({ kind: 'layer', points, inputs }, opts);
}

export async function sweepMerge(dirs: string[], opts: { out?: string; json?: boolean }): Promise<void> {
  const merged = mergeShards(dirs);
  print(formatSweep(merged.ranked));
  if (opts.json) printJson(sweepDocument(invocation(), merged.summary, merged.ranked));
  if (merged.missingShards.length) process.stderr.write(`meshsim: warning: shards ${merged.missingShards.join(', ')} were not given\n`);
  if (opts.out) {
    const lines = [merged.header, ...[...merged.ranked].sort((a, b) => a.index - b.index)].map((v) => JSON.stringify(v)).join('\n') + '\n';
    await writeSweepOutputs(opts.out, invocation(), merged.summary, merged.ranked, { lines });
  }
  failIfIncomplete(merged.summary, merged.ranked);
}
