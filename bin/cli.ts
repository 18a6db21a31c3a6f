// The meshsim command line. User errors print one line and exit with a code from sim/errors.ts.
import { Command, CommanderError } from 'commander';
import { ExitCode, MeshsimError } from '../sim/errors.ts';
import { archCommands, kernelCommands } from './commands/arch.ts';
import { matmulCommands } from './commands/matmul.ts';
import { opCommand } from './commands/op.ts';
import { programCommand } from './commands/program.ts';
import { riscvCommands } from './commands/riscv.ts';
import { runCommand } from './commands/run.ts';
import { sweepCommand } from './commands/sweep.ts';
import { failJson, setJsonMode, VERSION } from './json.ts';
import { colorsFor, endQuietlyOnClosedPipe } from './terminal.ts';

function program(): Command {
  const cli = new Command('meshsim')
    .description('Cycle-approximate simulator of a Tenstorrent-style mesh accelerator')
    .version(VERSION)
    .exitOverride()
    .enablePositionalOptions() // each command's options are its own (`sweep merge --out`)
    // A malformed command line is one line too, like every other user error (exit 2).
    .configureOutput({ outputError: (text, write) => write(colorsFor(process.stderr).red(`meshsim: ${text.replace(/^error: /, '').replace(/ is invalid\. /, ' is invalid: ').trim()} (see meshsim --help)\n`)) })
    .hook('preAction', (_cli, action) => setJsonMode(Boolean(action.opts().json)));

  runCommand(cli);
  matmulCommands(cli);
  opCommand(cli);
  sweepCommand(cli);
  programCommand(cli);
  riscvCommands(cli);
  archCommands(cli);
  kernelCommands(cli);
  return cli;
}

export async function main(argv: string[]): Promise<void> {
  endQuietlyOnClosedPipe();
  const red = colorsFor(process.stderr).red;
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed its message already; help and version are not errors.
      process.exitCode = e.exitCode === 0 ? 0 : ExitCode.usage;
    } else if (e instanceof MeshsimError) {
      process.stderr.write(red(`meshsim: ${e.message}\n`));
      failJson(e);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(red(`meshsim: internal error (please report): ${(e as Error).stack ?? e}\n`));
      process.exitCode = ExitCode.internal;
    }
  }
}
