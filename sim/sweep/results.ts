// A sweep's results as documents: ranked (fewest cycles first, then the failed points in sweep
// order), sweep.json and sweep.csv. Any kind of point: its own columns come from its PointKind.
import { pointKind } from './kinds.ts';
import type { PointRecord } from './point.ts';

export function rank(records: PointRecord[]): PointRecord[] {
  const done = records.filter((r) => r.result).sort((a, b) => a.result!.cycles - b.result!.cycles || a.index - b.index);
  const failed = records.filter((r) => r.failure).sort((a, b) => a.index - b.index);
  return [...done, ...failed];
}

export interface SweepSummary {
  sweep: string; // the definition id
  kind: string;
  points: number; // in the whole sweep
  finished: number;
  failed: number;
  missing: number[]; // indices of points with no record (an interrupted sweep, a missing shard)
}

// sweep.json and sweep --json (schema/stats-v1.schema.json, "meshsim-sweep").
export const SWEEP_SCHEMA = { name: 'meshsim-sweep', version: 1 } as const;

// `header`: who wrote it (meshsim's version, the command line).
export function sweepDocument(header: object, summary: SweepSummary, ranked: PointRecord[]) {
  return { schema: SWEEP_SCHEMA, ...header, ...summary, complete: summary.missing.length === 0, results: ranked };
}

// One row per point: its index, its columns, cycles, the kind's figures, bottleneck, status, error.
export function sweepCsv(ranked: PointRecord[]): string {
  const rows = ranked.map((r) => {
    const kind = pointKind(r.point.kind);
    return {
      index: String(r.index),
      ...kind.describe(r.point.params),
      cycles: r.result ? String(r.result.cycles) : '',
      ...(r.result ? kind.figures(r.result) : {}),
      bottleneck: r.result?.bottleneck ?? '',
      status: r.failure ? `failed (${r.failure.kind})` : 'ok',
      error: r.failure?.message ?? '',
    } as Record<string, string>;
  });
  const head = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return [head, ...rows.map((r) => head.map((h) => r[h] ?? ''))].map((cells) => cells.map(cell).join(',')).join('\n') + '\n';
}
