// Programs run back to back on one device, as one run: from the first's start to the last's end,
// every hart that ran, and the tile-engine, link and DRAM counters summed per core, link and bank,
// so a layer of many ops has one summary, bound and heat map.
import type { LinkStats } from '../noc/network.ts';
import type { RunResult } from './device.ts';

export function combineRuns(runs: readonly RunResult[]): RunResult {
  if (runs.length === 0) throw new Error('combineRuns: no runs');
  if (runs.length === 1) return runs[0];
  const first = runs[0], last = runs[runs.length - 1];
  const engines = new Map<string, RunResult['tileEngines'][number]>();
  for (const e of runs.flatMap((r) => r.tileEngines)) {
    const key = `${e.logical.x},${e.logical.y}`;
    const sum = engines.get(key);
    if (!sum) engines.set(key, { ...e });
    else Object.assign(sum, { tiles: sum.tiles + e.tiles, unpackBusyCycles: sum.unpackBusyCycles + e.unpackBusyCycles, mathBusyCycles: sum.mathBusyCycles + e.mathBusyCycles, packBusyCycles: sum.packBusyCycles + e.packBusyCycles });
  }
  const links: LinkStats[][] = first.links.map((ls, n) => ls.map((l, i) => {
    const all = runs.map((r) => r.links[n][i]);
    return { ...l, bytes: sum(all, (x) => x.bytes), packets: sum(all, (x) => x.packets), busyCycles: sum(all, (x) => x.busyCycles) };
  }));
  return {
    startCycle: first.startCycle,
    endCycle: last.endCycle,
    cycles: last.endCycle - first.startCycle,
    harts: runs.flatMap((r) => r.harts),
    tileEngines: [...engines.values()],
    links,
    dram: first.dram.map((d, i) => {
      const all = runs.map((r) => r.dram[i]);
      return { bank: d.bank, bytesRead: sum(all, (x) => x.bytesRead), bytesWritten: sum(all, (x) => x.bytesWritten), busyCycles: sum(all, (x) => x.busyCycles) };
    }),
  };
}

const sum = <T>(xs: readonly T[], pick: (x: T) => number) => xs.reduce((s, x) => s + pick(x), 0);
