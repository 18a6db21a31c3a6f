// The meshsim command line. User errors print one line and exit with a code from sim/errors.ts.
import { Command, CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { ExitCode, MeshsimError } from '../sim/errors.ts';
import { archCommands, kernelCommands } from './commands/arch.ts';
import { matmulCommands } from './commands/matmul.ts';
import { programCommand } from './commands/program.ts';
import { riscvCommands } from './commands/riscv.ts';
import { sweepCommand } from './commands/sweep.ts';

function program(): Command {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const cli = new Command('meshsim')
    .description('Cycle-approximate simulator of a Tenstorrent-style mesh accelerator')
    .version(version)
    .exitOverride()
    .enablePositionalOptions() // each command's options are its own (`sweep merge --out`)
    // A malformed command line is one line too, like every other user error (exit 2).
    .configureOutput({ outputError: (text, write) => write(`meshsim: ${text.replace(/^error: /, '').replace(/ is invalid\. /, ' is invalid: ').trim()} (see meshsim --help)\n`) });

  matmulCommands(cli);
  sweepCommand(cli);
  programCommand(cli);
  riscvCommands(cli);
  archCommands(cli);
  kernelCommands(cli);
  return cli;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed its message already; help and version are not errors.
      process.exitCode = e.exitCode === 0 ? 0 : ExitCode.usage;
    } else if (e instanceof MeshsimError) {
      process.stderr.write(`meshsim: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(`meshsim: internal error (please report): ${(e as Error).stack ?? e}\n`);
      process.exitCode = ExitCode.internal;
    }
  }
}
