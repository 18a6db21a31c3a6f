// External tools some tests compare against. A test that needs one skips, with a printed
// reason, when it is missing; .ci/run installs all of them, so in CI nothing skips.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).status === 0;
}

export const tools = {
  qemu: has('qemu-riscv32'),
  gcc: has('riscv64-unknown-elf-gcc'),
  objdump: has('riscv64-unknown-elf-objdump'),
  chromium: has('/usr/bin/chromium'), // the browser test drives it with playwright-core
};

export function missing(tool: keyof typeof tools, why: string): boolean {
  if (tools[tool]) return false;
  console.warn(`skipping: ${why} needs ${tool}, which is not installed (.ci/run installs it)`);
  return true;
}

export interface QemuResult {
  stdout: Buffer;
  stderr: Buffer;
  exitCode: number;
}

// Runs a static RV32 ELF under qemu-riscv32 (Linux user mode: ecall 64 write, 93 exit).
export function runQemu(elfPath: string, extraArgs: string[] = [], timeoutMs = 60_000): QemuResult {
  const r = spawnSync('qemu-riscv32', [...extraArgs, elfPath], { timeout: timeoutMs, maxBuffer: 256 << 20 });
  if (r.error) throw r.error;
  if (r.status === null) throw new Error(`qemu-riscv32 ${elfPath} ended by signal ${r.signal}`);
  return { stdout: r.stdout, stderr: r.stderr, exitCode: r.status };
}

// Registers x0..x31 before each instruction, from qemu's single-step CPU log. A run ended by a
// signal (a program that faults on purpose) still gives its trace, with the signal: its last entry
// is the instruction qemu could not complete.
export function qemuTrace(elfPath: string, logPath: string): { trace: { pc: number; regs: number[] }[]; signal?: string } {
  const r = spawnSync('qemu-riscv32', ['-singlestep', '-d', 'cpu,nochain', '-D', logPath, elfPath], { timeout: 60_000 });
  if (r.error) throw r.error;
  if (r.status === null && !existsSync(logPath)) throw new Error(`qemu-riscv32 ${elfPath} ended by signal ${r.signal} before writing a trace`);
  const trace = readFileSync(logPath, 'utf8').split(/^ pc\s+/m).slice(1).map((chunk) => {
    const regs = new Array<number>(32).fill(0);
    for (const m of chunk.matchAll(/x(\d+)\/\S+\s+([0-9a-f]{8})/g)) regs[Number(m[1])] = parseInt(m[2], 16);
    return { pc: parseInt(chunk.slice(0, 8), 16), regs };
  });
  return { trace, signal: r.signal ?? undefined };
}
