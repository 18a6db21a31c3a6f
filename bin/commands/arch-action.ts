// What meshsim arch list / show and meshsim kernels build do (declared in arch.ts).
import { resolve } from 'node:path';
import { checkGrid, computeCores, formatArchList, formatArchShow, loadArch, PRESETS, presetToJson, type GridSize } from '../../sim/arch/index.ts';
import { usageError } from '../../sim/errors.ts';
import { buildKernels } from '../../sim/toolchain/kernels.ts';
import { invocation, printJson } from '../json.ts';
import { print } from '../options.ts';

export function archList(opts: { json?: boolean }): void {
  if (!opts.json) return print(formatArchList());
  printJson({
    schema: { name: 'meshsim-arch-list', version: 1 },
    ...invocation(),
    presets: Object.values(PRESETS).map((p) => ({
      name: p.name, description: p.description, confidence: p.confidence, clockHz: p.clockHz, grid: p.grid, tensix: p.tensix.length,
      computeGrids: p.computeGrids, dramBanks: p.dram.channels.length, l1Bytes: p.l1Bytes,
    })),
  });
}

export function archShow(name: string, opts: { json?: boolean; grid?: GridSize }): void {
  if (opts.json && opts.grid) throw usageError('--grid lists a compute grid as text and --json prints the preset file: use one of them');
  const preset = loadArch(name);
  if (opts.json) {
    process.stdout.write(`${presetToJson(preset).trimEnd()}\n`);
    return;
  }
  const g = opts.grid;
  if (g) checkGrid(preset, g, '--grid');
  print(formatArchShow(preset));
  if (g) {
    const cores = computeCores(preset, g);
    const rows = Array.from({ length: g.rows }, (_, r) =>
      cores.slice(r * g.cols, (r + 1) * g.cols).map((c) => `(${c.x},${c.y})`).join(' '));
    print(`compute grid ${g.rows}x${g.cols} (logical row: NoC0 x,y of each column)\n${rows.map((r, i) => `  ${i}: ${r}`).join('\n')}`);
  }
}

export async function kernelsBuild(opts: { out?: string }): Promise<void> {
  for (const out of await buildKernels({ outRoot: opts.out && resolve(opts.out) })) console.log(`built ${out}`);
}
