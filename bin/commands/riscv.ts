// meshsim exec and meshsim disasm: one hart, bare RV32IM programs.
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { badInput } from '../../sim/errors.ts';
import { listing } from '../../sim/riscv/disassemble.ts';
import { parseElf, type ElfImage } from '../../sim/riscv/elf.ts';
import { DEFAULT_MAX_INSTRUCTIONS, execElf } from '../../sim/riscv/process.ts';
import { execStatsJson, formatExecStats } from '../../sim/riscv/stats.ts';
import { stepTracer } from '../../sim/riscv/step-trace.ts';
import { invocation, jsonOption, printJson } from '../json.ts';
import { examples, positiveInt, print } from '../options.ts';

function readElf(path: string): ElfImage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw badInput(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code)}`);
  }
  return parseElf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}

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
  exec.action((path: string, opts: { maxInstructions: number; memory: number; stats?: boolean; trace?: boolean; json?: boolean }) => {
      const started = performance.now();
      const result = execElf(readElf(path), {
        onStep: opts.trace ? stepTracer((line) => process.stderr.write(`${line}\n`)) : undefined,
        maxInstructions: opts.maxInstructions,
        memoryBytes: opts.memory << 20,
        countMix: opts.stats || opts.json,
        stdout: (b) => (opts.json ? process.stderr : process.stdout).write(Buffer.from(b)),
        stderr: (b) => process.stderr.write(Buffer.from(b)),
      });
      const seconds = (performance.now() - started) / 1000;
      if (opts.stats) process.stderr.write(formatExecStats(result, seconds));
      if (opts.json) printJson({ schema: { name: 'meshsim-exec', version: 1 }, ...invocation(), ...execStatsJson(result) });
      process.exitCode = result.exitCode;
    });

  const disasm = cli
    .command('disasm')
    .description('print the disassembly of an RV32IM ELF file (GNU objdump syntax)')
    .argument('<prog.elf>', 'ELF executable');
  examples(disasm, ['meshsim disasm kernels/build/programs/hello.elf', 'meshsim disasm kernels/build/dataflow/reader_interleaved.ncrisc.elf | less']);
  disasm.action((path: string) => {
      print(listing(readElf(path)));
    });
}
