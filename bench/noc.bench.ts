// npm run bench:noc — the NoC/DRAM microbenchmarks against the published measurements
// (hardware.md §3.2): Wormhole n150 and Blackhole p150, both held to their bounds by
// test/calibration. Prints one JSON object last: { rows: [...], blackhole: [...] }.
import { PRESETS } from '../sim/arch/index.ts';
import { nocMicrobenchmarks, type MicrobenchmarkRow } from '../sim/calibration/noc-microbenchmarks.ts';

const table = (rows: MicrobenchmarkRow[]) => rows.map(({ name, simulated, published, unit, withinBound }) => ({ name, simulated, published, unit, withinBound }));
const wormhole = nocMicrobenchmarks(PRESETS.wormhole_n150);
const blackhole = nocMicrobenchmarks(PRESETS.blackhole_p150);
for (const [arch, rows] of [['wormhole_n150', wormhole], ['blackhole_p150', blackhole]] as const) {
  console.error(arch);
  for (const r of rows) console.error(`  ${r.withinBound ? 'ok ' : 'OFF'} ${r.name.padEnd(60)} ${String(r.simulated).padStart(9)} ${String(r.published).padStart(9)} ${r.unit}`);
}
console.log(JSON.stringify({ rows: table(wormhole), blackhole: table(blackhole) }));
