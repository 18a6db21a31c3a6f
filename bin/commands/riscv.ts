// meshsim exec and meshsim disasm: one hart, bare RV32IM programs.
import type { Command } from 'commander';
import { DEFAULT_MAX_INSTRUCTIONS } from '../../sim/run-limits.ts';
import { jsonOption } from '../json.ts';
import { examples, positiveInt } from '../options.ts';
import { lazy } from './lazy.ts';

export function riscvCommands(cli: Command): void {
  const exec = cli
    .command('exec')
    .description('run a bare RV32IM program on one hart with flat memory (ecall 64 write, 93 exit)')
    .argument('<prog.elf>', 'static RV32IM ELF executable')
    .option('--max-instructions <n>', 'stop with exit code 5 after this many instructions', positiveInt(Number.MAX_SAFE_INTEGER), DEFAULT_MAX_INSTRUCTIONS)
    .option('--memory <MiB>', 'flat memory size from address 0, in MiB', positiveInt(1024), 16)
    .option('--stats', 'print instructions, cycles, CPI and the instruction mix to stderr')
    .option('--trace', 'print every instruction executed to stderr: pc, word, disassembly, changed registers, cycles');
  jsonOption(exec, 'the --stats figures (the program\'s own stdout goes to stderr then)');
  examples(exec, ['meshsim exec kernels/build/programs/hello.elf', 'meshsim exec kernels/build/programs/sort.elf --stats', 'meshsim exec prog.elf --json | jq .cpi']);
  exec.action(lazy(async () => (await import('./riscv-action.ts')).exec));

  const disasm = cli
    .command('disasm')
    .description('print the disassembly of an RV32IM ELF file (GNU objdump syntax)')
    .argument('<prog.elf>', 'ELF executable');
  examples(disasm, ['meshsim disasm kernels/build/programs/hello.elf', 'meshsim disasm kernels/build/dataflow/reader_interleaved.ncrisc.elf | less']);
  disasm.action(lazy(async () => (await import('./riscv-action.ts')).disasm));
}
