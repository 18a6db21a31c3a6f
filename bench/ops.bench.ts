// npm run bench:ops — every op of the registry (sim/ops/registry.ts) at its GPT-2-small prefill
// shape (seq 128, hidden 768, 12 heads) on the 8×8 Wormhole grid, each strategy, in both modes:
// simulated cycles and simulation speed (wallSeconds: the entry's run, inputs included). A line per run as it ends (stderr), one JSON object last.
import { Device, type Mode } from '../sim/host/device.ts';
import { opsRun } from '../sim/ops/op.ts';
import { OPS } from '../sim/ops/registry.ts';

const MODES: Mode[] = ['functional', 'timing'];
const FALLBACK_SHAPE = [1, 128, 768]; // an entry without its prefill shape gets the residual stream's

const runs = [];
for (const entry of OPS) {
  const shape = [...(entry.prefillShape ?? FALLBACK_SHAPE)];
  for (const strategy of entry.strategies) {
    for (const mode of MODES) {
      const device = new Device({ arch: 'wormhole_n150', mode });
      const t0 = performance.now(); // the op's run (its seeded inputs too), not the device's construction
      const { check } = entry.run(device, shape, { strategy, seed: 1 });
      const wallSeconds = (performance.now() - t0) / 1000;
      const ops = opsRun(device);
      const cycles = ops[ops.length - 1].summary.cycles; // the op itself, after any that placed its inputs
      const run = { op: entry.name, strategy, shape, mode, wallSeconds: Number(wallSeconds.toFixed(3)), cycles, cyclesPerSecond: Math.round(cycles / wallSeconds) };
      process.stderr.write(`${entry.name} ${strategy} ${shape.join('x')} ${mode}: ${cycles} cycles in ${run.wallSeconds} s${check && !check.passed ? ' (CHECK FAILED)' : ''}\n`);
      runs.push(run);
    }
  }
}
console.log(JSON.stringify({ runs }));
