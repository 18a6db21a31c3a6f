// The ranked table of a sweep, for the terminal.
import type { SweepResult } from './matmul-point.ts';

export function formatSweep(ranked: SweepResult[]): string {
  const rows = ranked.map((r, i) => {
    const p = r.point;
    const s = r.summary;
    return [
      String(i + 1),
      p.strategy,
      `${p.grid?.rows ?? ''}x${p.grid?.cols ?? ''}`,
      `${p.m}×${p.k}×${p.n}`,
      p.dtype,
      `${p.fidelity}${p.fp32Acc ? '+fp32' : ''}`,
      p.arch,
      String(s.cycles),
      s.tflops.toFixed(3),
      `${((100 * s.tflops) / s.peakTflops).toFixed(1)}%`,
      s.bottleneck,
    ];
  });
  const head = ['#', 'strategy', 'grid', 'm×k×n', 'dtype', 'fidelity', 'arch', 'cycles', 'TFLOP/s', 'of peak', 'bottleneck'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
