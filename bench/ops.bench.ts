// npm run bench:ops — every op of the registry (sim/ops/registry.ts) at its GPT-2-small prefill
// shape (seq 128, hidden 768, 12 heads of 64; Llama's for rotary) on the 8×8 Wormhole grid, each
// strategy, in both modes: simulated cycles, what bounded them, and simulation speed (wallSeconds:
// the entry's run, its inputs and functional check included). A line per run as it ends (stderr),
// one JSON object last; the exit code is 1 if a functional check failed or the modes' cycles differ.
// Op names after `--` run only those ops (npm run bench:ops -- embedding).
import { Device, type Mode } from '../sim/host/device.ts';
import { opsRun } from '../sim/ops/op.ts';
import { OPS } from '../sim/ops/registry.ts';

const MODES: Mode[] = ['functional', 'timing'];

const only = process.argv.slice(2);
const runs = [];
for (const entry of OPS.filter((e) => only.length === 0 || only.includes(e.name))) {
  const shape = [...entry.prefillShape!];
  for (const strategy of entry.strategies) {
    const cycles: number[] = [];
    for (const mode of MODES) {
      const device = new Device({ arch: 'wormhole_n150', mode });
      const t0 = performance.now(); // the op's run (its seeded inputs too), not the device's construction
      const { check } = entry.run(device, shape, { strategy, seed: 1 });
      const wallSeconds = (performance.now() - t0) / 1000;
      const op = opsRun(device).at(-1)!; // the op itself, after any that placed its inputs
      const { cycles: opCycles, bound } = op.summary;
      const run = { op: entry.name, strategy, ran: op.strategy, shape, mode, wallSeconds: Number(wallSeconds.toFixed(3)), cycles: opCycles, cyclesPerSecond: Math.round(opCycles / wallSeconds), bound, ...(check && { checkPassed: check.passed }) };
      const failed = check && !check.passed;
      process.stderr.write(`${entry.name} ${strategy}${op.strategy !== strategy ? ` → ${op.strategy}` : ''} ${shape.join('x')} ${mode}: ${opCycles} cycles (${bound}) in ${run.wallSeconds} s${failed ? ' (CHECK FAILED)' : ''}\n`);
      if (failed) process.exitCode = 1;
      cycles.push(opCycles);
      runs.push(run);
    }
    if (cycles[0] !== cycles[1]) {
      process.stderr.write(`${entry.name} ${strategy}: functional ${cycles[0]} cycles, timing ${cycles[1]}\n`);
      process.exitCode = 1;
    }
  }
}
console.log(JSON.stringify({ runs }));
