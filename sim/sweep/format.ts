// The ranked table of a sweep, for the terminal: the point's columns, cycles, the kind's figures
// and the bottleneck; a failed point says why in place of its figures.
import { pointKind } from './kinds.ts';
import type { PointRecord } from './point.ts';

export function formatSweep(ranked: PointRecord[]): string {
  const rows = ranked.map((r, i) => {
    const kind = pointKind(r.point.kind);
    const cells: Record<string, string> = { '#': r.result ? String(i + 1) : '-', ...kind.describe(r.point.params) };
    if (r.result) Object.assign(cells, { cycles: String(r.result.cycles), ...kind.figures(r.result), bottleneck: r.result.bottleneck });
    else cells.bottleneck = `FAILED (${r.failure!.kind}): ${r.failure!.message}`;
    return cells;
  });
  const head = [...new Set(rows.flatMap((r) => Object.keys(r)).filter((h) => h !== 'bottleneck')), 'bottleneck'];
  const table = rows.map((r) => head.map((h) => r[h] ?? ''));
  const widths = head.map((h, c) => Math.max(h.length, ...table.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w, c) => '-'.repeat(c === head.length - 1 ? head[c].length : w))), ...table.map(line)].join('\n') + '\n';
}
