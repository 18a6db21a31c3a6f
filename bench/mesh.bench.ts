// npm run bench:mesh — simulation speed on the all-cores DRAM-read-and-multicast stress
// (sim/calibration/mesh-stress.ts) on the 8×8 Wormhole grid in timing mode. Prints one JSON
// object last with cyclesPerSecond (simulated cycles per host second); target 1,500,000 (issue 7).
import { meshStress } from '../sim/calibration/mesh-stress.ts';

const TARGET = 1_500_000;
meshStress({ pagesPerCore: 4 }); // warm-up: compiles the interpreter to its top tier
// Best of five: the machine is shared, and a run that another job slowed says nothing of the simulator.
const runs = [0, 1, 2, 3, 4].map(() => {
  const t0 = performance.now();
  const { result } = meshStress({ pagesPerCore: 256 });
  return { seconds: (performance.now() - t0) / 1000, result };
});
const best = runs.sort((a, b) => a.seconds - b.seconds)[0];
const r = best.result;
const cyclesPerSecond = r.cycles / best.seconds;
const dramBytes = r.dram.reduce((s, b) => s + b.bytesRead, 0);
const linkBytes = r.links.flat().reduce((s, l) => s + l.bytes, 0);
console.log(JSON.stringify({
  workload: '8x8 wormhole_n150, each core reads 256 × 2 KiB DRAM pages and multicasts each to its row, timing mode',
  simulatedCycles: r.cycles,
  instructions: r.harts.reduce((s, h) => s + h.instructions, 0),
  dramBytesRead: dramBytes,
  nocLinkBytes: linkBytes,
  seconds: Number(best.seconds.toFixed(3)),
  runs: runs.map((x) => Number(x.seconds.toFixed(3))),
  cyclesPerSecond: Math.round(cyclesPerSecond),
  target: TARGET,
  meetsTarget: cyclesPerSecond >= TARGET,
}));
