// npm run bench:noc — the NoC/DRAM microbenchmarks on the Wormhole n150 preset against the
// published measurements (hardware.md §3.2). Prints one JSON object last: { rows: [...] }.
import { nocMicrobenchmarks } from '../sim/calibration/noc-microbenchmarks.ts';

const rows = nocMicrobenchmarks();
for (const r of rows) {
  console.error(`${r.withinBound ? 'ok ' : 'OFF'} ${r.name.padEnd(58)} ${String(r.simulated).padStart(9)} ${String(r.published).padStart(9)} ${r.unit}`);
}
console.log(JSON.stringify({ rows: rows.map(({ name, simulated, published, unit, withinBound }) => ({ name, simulated, published, unit, withinBound })) }));
