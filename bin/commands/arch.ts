// meshsim arch list / show, and meshsim kernels build.
import type { Command } from 'commander';
import { computeCores, formatArchList, formatArchShow, loadArch, parseGrid, PRESETS, presetToJson } from '../../sim/arch/index.ts';
import { buildKernels } from '../../sim/toolchain/kernels.ts';
import { invocation, jsonOption, printJson } from '../json.ts';
import { examples, print } from '../options.ts';

export function archCommands(cli: Command): void {
  const arch = cli.command('arch').description('architecture presets');
  const list = arch.command('list').description('list the built-in presets');
  jsonOption(list, 'the presets');
  examples(list, ['meshsim arch list', 'meshsim arch list --json | jq -r \'.presets[].name\'']);
  list.action((opts: { json?: boolean }) => {
    if (!opts.json) return print(formatArchList());
    printJson({
      schema: { name: 'meshsim-arch-list', version: 1 },
      ...invocation(),
      presets: Object.values(PRESETS).map((p) => ({
        name: p.name, description: p.description, confidence: p.confidence, clockHz: p.clockHz, grid: p.grid, tensix: p.tensix.length,
        computeGrids: p.computeGrids, dramBanks: p.dram.channels.length, l1Bytes: p.l1Bytes,
      })),
    });
  });
  const show = arch
    .command('show')
    .description('print a preset (a built-in name or a preset JSON file): grid map, tiles, costs')
    .argument('<name>', 'preset name or path to a .json preset')
    .option('--json', 'print it as a JSON preset file that can be edited and loaded back')
    .option('--grid <RxC>', 'also list the NoC coordinates of this compute grid (rows x columns)');
  examples(show, ['meshsim arch show wormhole_n150 --grid 8x8', 'meshsim arch show teach_4x4 --json > mine.json && meshsim matmul --arch mine.json']);
  show.action((name: string, opts: { json?: boolean; grid?: string }) => {
      const preset = loadArch(name);
      if (opts.json) {
        process.stdout.write(`${presetToJson(preset).trimEnd()}\n`);
        return;
      }
      print(formatArchShow(preset));
      if (opts.grid) {
        const grid = parseGrid(opts.grid);
        const cores = computeCores(preset, grid);
        const rows = Array.from({ length: grid.rows }, (_, r) =>
          cores.slice(r * grid.cols, (r + 1) * grid.cols).map((c) => `(${c.x},${c.y})`).join(' '));
        print(`compute grid ${grid.rows}x${grid.cols} (logical row: NoC0 x,y of each column)\n${rows.map((r, i) => `  ${i}: ${r}`).join('\n')}`);
      }
    });
}

export function kernelCommands(cli: Command): void {
  const kernels = cli.command('kernels').description('the C kernels and programs under kernels/');
  const build = kernels.command('build').description('rebuild every kernel ELF with riscv64-unknown-elf-gcc');
  examples(build, ['npm run kernels', 'meshsim kernels build && git status kernels/build']);
  build.action(async () => {
      for (const out of await buildKernels()) console.log(`built ${out}`);
    });
}
