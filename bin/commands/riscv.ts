// meshsim exec and meshsim disasm: one hart, bare RV32IM programs.
import type { Command } from 'commander';
import { listing } from '../../sim/riscv/disassemble.ts';
import { readElf } from '../../sim/riscv/elf.ts';
import { DEFAULT_MAX_INSTRUCTIONS, execElf } from '../../sim/riscv/process.ts';
import { formatExecStats } from '../../sim/riscv/stats.ts';
import { stepTracer } from '../../sim/riscv/step-trace.ts';
import { positiveInt, print } from '../options.ts';

export function riscvCommands(cli: Command): void {
  cli
    .command('exec')
    .description('run a bare RV32IM program on one hart with flat memory (ecall 64 write, 93 exit)')
    .argument('<prog.elf>', 'static RV32IM ELF executable')
    .option('--max-instructions <n>', 'stop with exit code 5 after this many instructions', positiveInt(Number.MAX_SAFE_INTEGER), DEFAULT_MAX_INSTRUCTIONS)
    .option('--memory <MiB>', 'flat memory size from address 0, in MiB', positiveInt(1024), 16)
    .option('--stats', 'print instructions, cycles, CPI and the instruction mix to stderr')
    .option('--trace', 'print every instruction executed to stderr: pc, word, disassembly, changed registers, cycles')
    .action((path: string, opts: { maxInstructions: number; memory: number; stats?: boolean; trace?: boolean }) => {
      const started = performance.now();
      const result = execElf(readElf(path), {
        onStep: opts.trace ? stepTracer((line) => process.stderr.write(`${line}\n`)) : undefined,
        maxInstructions: opts.maxInstructions,
        memoryBytes: opts.memory << 20,
        countMix: opts.stats,
        stdout: (b) => process.stdout.write(Buffer.from(b)),
        stderr: (b) => process.stderr.write(Buffer.from(b)),
      });
      if (opts.stats) process.stderr.write(formatExecStats(result, (performance.now() - started) / 1000));
      process.exitCode = result.exitCode;
    });

  cli
    .command('disasm')
    .description('print the disassembly of an RV32IM ELF file (GNU objdump syntax)')
    .argument('<prog.elf>', 'ELF executable')
    .action((path: string) => {
      print(listing(readElf(path)));
    });
}
