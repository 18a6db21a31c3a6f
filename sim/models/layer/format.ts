// The terminal summary of a layer run: the model and plan, total cycles and µs, the per-op table
// (op, strategy, cycles, share, TFLOP/s, utilisation, bound, where the output lives), DRAM and NoC
// totals, and the numerical check.
import type { OpStats } from '../../ops/op.ts';
import type { ModelRunResult } from './model-run.ts';
import type { LayerRunResult } from './run.ts';

export function formatLayerRun(r: LayerRunResult, arch: { name: string; clockHz: number }, mode: string): string {
  const c = r.config, s = r.summary;
  const shape = r.phase === 'decode' ? `decode, batch ${r.batch}, kv-len ${r.past}` : `prefill, batch ${r.batch}, seq ${r.seq}`;
  const lines = [
    `${c.source.replace(/ \(built-in\)$/, '')} layer ${c.family === 'gpt2' ? '(GPT-2 block)' : '(Llama block)'}, ${shape}, on ${arch.name} ${r.device.grid.rows}×${r.device.grid.cols}, ${mode} mode`,
    `  strategy    ${r.plan.preset}: ${r.plan.why}`,
  ];
  if (r.auto) lines.push(`  auto        ${r.auto.map((a) => `${a.preset} ${a.cycles.toLocaleString('en-US')}`).join(', ')} cycles (timing) → ${r.plan.preset}${r.auto.length > 1 ? `, ${((r.auto[1].cycles / r.auto[0].cycles - 1) * 100).toFixed(1)}% faster than ${r.auto[1].preset}` : ''}`);
  lines.push(
    `  activations ${r.plan.residual === 'dram' ? 'DRAM interleaved between ops' : 'residual stream L1 height-sharded between ops; matmul inputs and outputs DRAM interleaved'}`,
    `  cycles      ${s.cycles.toLocaleString('en-US')}  (${s.microseconds.toFixed(1)} µs at ${arch.clockHz / 1e9} GHz)`,
    `  throughput  ${s.tflops.toFixed(3)} TFLOP/s (${(100 * s.utilization).toFixed(1)}% of the ${s.peakTflops.toFixed(1)} TFLOP/s HiFi2 peak of the cores used)`,
    '',
    ...opTable(r),
    '',
  );
  const bytes = r.run.dram.reduce((a, d) => a + d.bytesRead + d.bytesWritten, 0);
  const nocBytes = r.run.links.flat().reduce((a, l) => a + l.bytes, 0);
  lines.push(
    `  DRAM        ${mib(bytes)} moved (${mib(r.run.dram.reduce((a, d) => a + d.bytesRead, 0))} read), busiest ${s.dram.name} ${(100 * s.dram.utilisation).toFixed(1)}% busy`,
    `  NoC         ${mib(nocBytes)} over links, busiest ${s.noc.name} ${(100 * s.noc.utilisation).toFixed(1)}% busy`,
    `  bottleneck  ${s.bottleneck}`,
  );
  if (r.check) {
    const k = r.check;
    lines.push(`  check       max abs error ${k.maxAbsError.toExponential(2)}, max relative error ${k.maxRelError.toExponential(2)} (output and KV cache against the float64 reference; tolerance ${k.tolerance}): ${k.passed ? 'passed' : 'FAILED'}`);
  }
  return lines.join('\n') + '\n';
}

// One row per op; with `merge`, one per role (label and strategy) with the cycles of all its runs.
function opTable(r: { run: { cycles: number }; ops: OpStats[] }, merge = false): string[] {
  const total = Math.max(1, r.run.cycles);
  const groups = new Map<string, { op: OpStats; cycles: number; count: number }>();
  r.ops.forEach((op, i) => {
    const key = merge ? `${op.label ?? op.name}|${op.name}|${op.strategy}` : String(i);
    const g = groups.get(key) ?? { op, cycles: 0, count: 0 };
    g.cycles += op.endCycle - op.startCycle;
    g.count++;
    groups.set(key, g);
  });
  const rows = [...groups.values()].map(({ op, cycles, count }) => [
    `${op.label ?? op.name}${count > 1 ? ` ×${count}` : ''}`,
    op.label && op.label !== op.name ? `${op.name} ${op.strategy}` : op.strategy,
    cycles.toLocaleString('en-US'),
    `${((100 * cycles) / total).toFixed(1)}%`,
    op.summary.tflops.toFixed(2),
    `${(100 * op.summary.utilization).toFixed(1)}%`,
    op.summary.bound,
    op.output ?? '',
  ]);
  const head = ['op', 'strategy', 'cycles', 'share', 'TFLOP/s', 'util', 'bound', 'output'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const right = new Set([2, 3, 4, 5]);
  const line = (cells: string[]) => '  ' + cells.map((cell, i) => (i === cells.length - 1 ? cell : right.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

export function formatModelRun(r: ModelRunResult, arch: { name: string; clockHz: number }, mode: string): string {
  const c = r.config;
  const what = r.phase === 'decode' ? `decode step, batch ${r.batch}, kv-len ${r.past}` : `prefill, seq ${r.seq}`;
  const perLayer = r.layerCycles[r.layerCycles.length - 1];
  const lines = [
    `${c.source.replace(/ \(built-in\)$/, '')}, ${r.layers} of ${c.layers} layers with embedding, final norm and LM head, ${what}, on ${arch.name} ${r.device.grid.rows}×${r.device.grid.cols}, ${mode} mode`,
    `  strategy    ${r.plan.preset}: ${r.plan.why}`,
    r.simulatedLayers < r.layers
      ? `  layers      ${r.simulatedLayers} simulated (${r.layerCycles.map((n) => n.toLocaleString('en-US')).join(', ')} cycles: the last two identical), the other ${r.layers - r.simulatedLayers} counted at ${perLayer.toLocaleString('en-US')} cycles each`
      : `  layers      all ${r.layers} simulated, ${range(r.layerCycles)} cycles each`,
    `  cycles      ${r.totalCycles.toLocaleString('en-US')}  (${(r.seconds * 1e3).toFixed(3)} ms at ${arch.clockHz / 1e9} GHz)`,
    r.tokensPerSecondPerUser !== undefined
      ? `  decode      ${(r.seconds * 1e3).toFixed(3)} ms per step: ${r.tokensPerSecondPerUser.toFixed(1)} tokens/s/user, ${(r.tokensPerSecondPerUser * r.batch).toFixed(0)} tokens/s over ${r.batch} users`
      : `  prefill     time to first token ${(r.timeToFirstToken! * 1e3).toFixed(3)} ms`,
    '',
    ...opTable(r, true),
    '',
    `  bottleneck  ${r.summary.bottleneck} (simulated part)`,
  ];
  if (r.check) lines.push(`  check       logits: max abs error ${r.check.maxAbsError.toExponential(2)}, max relative error ${r.check.maxRelError.toExponential(2)} against the float64 model (tolerance ${r.check.tolerance}): ${r.check.passed ? 'passed' : 'FAILED'}`);
  return lines.join('\n') + '\n';
}

function range(values: number[]): string {
  const [lo, hi] = [Math.min(...values), Math.max(...values)].map((v) => v.toLocaleString('en-US'));
  return lo === hi ? lo : `${lo}–${hi}`;
}
