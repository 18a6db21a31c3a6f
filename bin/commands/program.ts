// meshsim program spec.json: a kernel developer's program, described as JSON, run on the mesh.
import type { Command } from 'commander';
import { deviceRunOptions, examples } from '../options.ts';
import { lazy } from './lazy.ts';

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
  cmd.action(lazy(async () => (await import('./program-action.ts')).program));
}
