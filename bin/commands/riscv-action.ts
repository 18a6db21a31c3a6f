// What meshsim exec and meshsim disasm do (declared in riscv.ts).
import { listing } from '../../sim/riscv/disassemble.ts';
import { readElf } from '../../sim/riscv/elf.ts';
import { execElf } from '../../sim/riscv/process.ts';
import { execStatsJson, formatExecStats } from '../../sim/riscv/stats.ts';
import { stepTracer } from '../../sim/riscv/step-trace.ts';
import { invocation, printJson } from '../json.ts';
import { print } from '../options.ts';

export function exec(path: string, opts: { maxInstructions: number; memory: number; stats?: boolean; trace?: boolean; json?: boolean }): void {
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
}

export function disasm(path: string): void {
  print(listing(readElf(path)));
}
