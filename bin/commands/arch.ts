// meshsim arch list / show, and meshsim kernels build.
import type { Command } from 'commander';
import { jsonOption } from '../json.ts';
import { examples, grid } from '../options.ts';
import { lazy } from './lazy.ts';

export function archCommands(cli: Command): void {
  const arch = cli.command('arch').description('architecture presets');
  const list = arch.command('list').description('list the built-in presets');
  jsonOption(list, 'the presets');
  examples(list, ['meshsim arch list', 'meshsim arch list --json | jq -r \'.presets[].name\'']);
  list.action(lazy(async () => (await import('./arch-action.ts')).archList));
  const show = arch
    .command('show')
    .description('print a preset (a built-in name or a preset JSON file): grid map, tiles, costs')
    .argument('<name>', 'preset name or path to a .json preset')
    .option('--json', 'print it as a JSON preset file that can be edited and loaded back')
    .option('--grid <RxC>', 'also list the NoC coordinates of this compute grid (rows x columns)', grid);
  examples(show, ['meshsim arch show wormhole_n150 --grid 8x8', 'meshsim arch show teach_4x4 --json > mine.json && meshsim matmul --arch mine.json']);
  show.action(lazy(async () => (await import('./arch-action.ts')).archShow));
}

export function kernelCommands(cli: Command): void {
  const kernels = cli.command('kernels').description('the C kernels and programs under kernels/');
  const build = kernels
    .command('build')
    .description('rebuild every kernel ELF with riscv64-unknown-elf-gcc')
    .option('--out <dir>', 'build into this directory (same layout) instead of kernels/build');
  examples(build, ['npm run kernels', 'meshsim kernels build && git status kernels/build']);
  build.action(lazy(async () => (await import('./arch-action.ts')).kernelsBuild));
}
