// The `meshsim exec --stats` summary.
import { opClass } from './ops.ts';
import type { ExecResult } from './process.ts';

// The same figures for exec --json (schema meshsim-exec): no host timing, so they are reproducible.
export function execStatsJson(r: ExecResult) {
  const byClass: Record<string, number> = {};
  for (const [name, n] of Object.entries(r.mix ?? {})) byClass[opClass(name)] = (byClass[opClass(name)] ?? 0) + n;
  return { exitCode: r.exitCode, instructions: r.instructions, cycles: r.cycles, cpi: Number((r.cycles / Math.max(1, r.instructions)).toPrecision(6)), mixByClass: byClass, mix: r.mix ?? {} };
}

export function formatExecStats(r: ExecResult, seconds: number): string {
  const lines = [
    `instructions  ${r.instructions}`,
    `cycles        ${r.cycles}`,
    `CPI           ${(r.cycles / Math.max(1, r.instructions)).toFixed(3)}`,
    `host MIPS     ${(r.instructions / seconds / 1e6).toFixed(1)}`,
  ];
  const byClass = new Map<string, number>();
  for (const [name, n] of Object.entries(r.mix ?? {})) byClass.set(opClass(name), (byClass.get(opClass(name)) ?? 0) + n);
  const pct = (n: number) => `${((100 * n) / Math.max(1, r.instructions)).toFixed(1).padStart(5)}%`;
  lines.push('mix by class');
  for (const [cls, n] of [...byClass].sort((a, b) => b[1] - a[1])) lines.push(`  ${cls.padEnd(8)} ${String(n).padStart(12)} ${pct(n)}`);
  lines.push('mix by instruction');
  for (const [name, n] of Object.entries(r.mix ?? {}).sort((a, b) => b[1] - a[1])) {
    lines.push(`  ${name.padEnd(8)} ${String(n).padStart(12)} ${pct(n)}`);
  }
  return lines.join('\n') + '\n';
}
