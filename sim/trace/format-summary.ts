// The terminal summary of a run.
import type { MatmulReport } from '../ops/matmul/run.ts';
import type { Busy } from './summary.ts';

const pct = (b: Busy) => `${(100 * b.utilisation).toFixed(1)}%`.padStart(6);

export function formatMatmulReport(r: MatmulReport, arch: { name: string; clockHz: number }, grid: { rows: number; cols: number }): string {
  const o = r.options;
  const s = r.summary;
  const lines = [
    `matmul ${o.m}×${o.k}×${o.n} ${o.dtype} ${o.fidelity}${o.fp32Acc ? ' fp32-acc' : ''} on ${arch.name} ${grid.rows}×${grid.cols}, strategy ${o.strategy === r.strategy ? r.strategy : `${o.strategy} → ${r.strategy}`}, ${o.mode} mode`,
    `  tiles       ${r.tiles.Mt}×${r.tiles.Kt}×${r.tiles.Nt} (M×K×N), output tiles over ${r.cores} cores`,
    `  cycles      ${s.cycles}  (${s.microseconds.toFixed(1)} µs at ${arch.clockHz / 1e9} GHz)`,
    `  throughput  ${s.tflops.toFixed(3)} TFLOP/s of ${s.peakTflops.toFixed(1)} peak (${((100 * s.tflops) / s.peakTflops).toFixed(1)}%)`,
    `  busy        ${pct(s.fpu)} ${s.fpu.name}`,
    `              ${pct(s.unpack)} ${s.unpack.name}`,
    `              ${pct(s.pack)} ${s.pack.name}`,
    `              ${pct(s.dram)} ${s.dram.name} (busiest)`,
    `              ${pct(s.noc)} ${s.noc.name} (busiest)`,
    `  bottleneck  ${s.bottleneck}`,
  ];
  if (r.check) lines.push(`  check       max error ${r.check.maxError.toExponential(2)} of Σ|a·b| over ${r.check.samples} sampled outputs, against float64`);
  return lines.join('\n') + '\n';
}
