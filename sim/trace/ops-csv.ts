// --export-ops-csv: one row per op of a run, in the column style of tt-metal's ops perf report
// (tools/tracy/process_ops_logs.py, OPS_CSV_HEADER: OP CODE, CORE COUNT, DEVICE KERNEL DURATION
// [ns], ...), with the utilisations and bound that tt-perf-report derives from it.
import type { StatsV1 } from './stats.ts';
import { round6 } from './round.ts';

const HEADER = [
  'OP CODE', 'OP TYPE', 'GLOBAL CALL COUNT', 'DEVICE ID', 'DEVICE ARCH', 'MATH FIDELITY', 'CORE COUNT', 'AVAILABLE WORKER CORE COUNT',
  'PARALLELIZATION STRATEGY', 'DEVICE FW START CYCLE', 'DEVICE FW END CYCLE', 'DEVICE KERNEL DURATION [ns]',
  'DEVICE BRISC KERNEL DURATION [ns]', 'DEVICE NCRISC KERNEL DURATION [ns]', 'DEVICE TRISC0 KERNEL DURATION [ns]',
  'FPU UTIL (%)', 'DRAM BW UTIL (%)', 'NOC UTIL (%)', 'BOUND',
];

const cell = (v: string | number) => (typeof v === 'number' ? String(v) : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function opsCsv(stats: StatsV1): string {
  const clock = stats.arch.clockHz;
  const ns = (cycles: number) => Math.round((cycles * 1e9) / clock);
  const fidelity = typeof stats.options.fidelity === 'string' ? stats.options.fidelity : '';
  const available = stats.grid.rows * stats.grid.cols;
  const rows = stats.ops.map((op, i) => {
    const s = op.summary ?? stats.summary; // an op's own figures when the run has them
    // Per processor: the longest kernel of that kind in this op (harts end within the op).
    const longest = (p: string) => {
      const ends = stats.run.harts.filter((h) => h.processor === p && h.endCycle > op.startCycle && h.endCycle <= op.endCycle).map((h) => h.endCycle - op.startCycle);
      return ends.length ? ns(Math.max(...ends)) : '';
    };
    const cores = new Set(stats.run.harts.filter((h) => h.endCycle > op.startCycle && h.endCycle <= op.endCycle).map((h) => `${h.core.x},${h.core.y}`)).size;
    return [
      op.name, 'tt_dnn_device', i + 1, 0, stats.arch.name, fidelity, cores, available, op.strategy, op.startCycle, op.endCycle, ns(op.endCycle - op.startCycle),
      longest('brisc'), longest('ncrisc'), longest('trisc'),
      round6(100 * s.fpu.utilisation), round6(100 * s.dram.utilisation), round6(100 * s.noc.utilisation), s.bound,
    ];
  });
  return [HEADER, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n';
}
