// The terminal summary of a run.
import type { MatmulReport } from '../ops/matmul/run.ts';
import type { OpCheck } from '../ops/op-entry.ts';
import type { OpStats } from '../ops/op.ts';
import type { Busy, RunSummary } from './summary.ts';

const pct = (b: Busy) => `${(100 * b.utilisation).toFixed(1)}%`.padStart(6);

export function formatMatmulReport(r: MatmulReport, arch: { name: string; clockHz: number }, grid: { rows: number; cols: number }): string {
  const o = r.options;
  const s = r.summary;
  const lines = [
    `matmul ${o.m}×${o.k}×${o.n} ${o.dtype}${o.weightDtype && o.weightDtype !== o.dtype ? ` (B ${o.weightDtype})` : ''}${o.outDtype && o.outDtype !== 'bf16' ? ` → ${o.outDtype}` : ''}${o.bias ? ' +bias' : ''}${o.activation ? ` ${o.activation}` : ''} ${o.fidelity}${o.fp32Acc ? ' fp32-acc' : ''} on ${arch.name} ${grid.rows}×${grid.cols}, strategy ${o.strategy === r.strategy ? r.strategy : `${o.strategy} → ${r.strategy}`}, ${o.mode} mode`,
    `  tiles       ${r.tiles.Mt}×${r.tiles.Kt}×${r.tiles.Nt} (M×K×N), output tiles over ${r.cores} cores`,
    ...summaryLines(s, arch.clockHz),
  ];
  if (r.check) lines.push(`  check       max error ${r.check.maxError.toExponential(2)} of Σ|a·b| over ${r.check.samples} sampled outputs, against float64`);
  return lines.join('\n') + '\n';
}

// Cycles, time, throughput, busy resources and the bottleneck: the lines every run's summary has.
export function summaryLines(s: RunSummary, clockHz: number): string[] {
  return [
    `  cycles      ${s.cycles}  (${s.microseconds.toFixed(1)} µs at ${clockHz / 1e9} GHz)`,
    `  throughput  ${s.tflops.toFixed(3)} TFLOP/s of ${s.peakTflops.toFixed(1)} peak (${s.peakTflops > 0 ? ((100 * s.tflops) / s.peakTflops).toFixed(1) : '0.0'}%)`,
    `  busy        ${pct(s.fpu)} ${s.fpu.name}`,
    `              ${pct(s.unpack)} ${s.unpack.name}`,
    `              ${pct(s.pack)} ${s.pack.name}`,
    `              ${pct(s.dram)} ${s.dram.name} (busiest)`,
    `              ${pct(s.noc)} ${s.noc.name} (busiest)`,
    `  bottleneck  ${s.bottleneck}`,
  ];
}

// meshsim op: one op on seeded inputs (sim/ops/registry.ts).
export function formatOpReport(
  r: { name: string; shape: readonly number[]; dtype: string; mode: string; op: OpStats; check?: OpCheck },
  arch: { name: string; clockHz: number },
  grid: { rows: number; cols: number },
): string {
  const lines = [
    `${r.name} [${r.shape.join(', ')}] ${r.dtype} on ${arch.name} ${grid.rows}×${grid.cols}, strategy ${r.op.strategy}, ${r.mode} mode`,
    `  work        ${r.op.cores} cores, output ${r.op.output ?? 'none'}`,
    ...summaryLines(r.op.summary, arch.clockHz),
  ];
  const c = r.check;
  if (c) lines.push(`  check       max error ${c.maxAbsError.toExponential(2)} (relative ${c.maxRelError.toExponential(2)}) against float64: ${c.passed ? 'passed' : 'FAILED'}`);
  return lines.join('\n') + '\n';
}
