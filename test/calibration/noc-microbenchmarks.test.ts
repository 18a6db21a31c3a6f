// The Wormhole and Blackhole models against the published NoC and DRAM measurements (hardware.md §3.2):
// latencies within ±15%, one core's read bandwidth at every size within ±20%, one DRAM channel,
// readers next to their banks and readers at random (a draw of the published kind) within ±15%,
// random placement measurably lower than placed, on average as well; on Wormhole, writers next to
// their banks within ±15%, and writers at random lower, worse on NoC0 than on NoC1 as published.
import { describe, expect, it } from 'vitest';
import { nocMicrobenchmarks } from '../../sim/calibration/noc-microbenchmarks.ts';
import { PRESETS } from '../../sim/arch/index.ts';

describe.each([
  ['wormhole_n150', 6, 4], // reads: NoC0 one channel, placed, random, mean of draws; NoC1 placed, random. Writes: placed and random per NoC
  ['blackhole_p150', 4, 0], // published for NoC0 reads only
])('%s NoC and DRAM microbenchmarks', (arch, dramRows, writeRows) => {
  const rows = nocMicrobenchmarks(PRESETS[arch]);
  const find = (text: string) => rows.find((r) => r.name.includes(text))!.simulated;

  it('covers latencies, 13 transaction sizes and the DRAM placements', () => {
    expect(rows.filter((r) => r.name.startsWith('first-byte latency'))).toHaveLength(4);
    expect(rows.filter((r) => r.name.includes('read bandwidth,'))).toHaveLength(13);
    expect(rows.filter((r) => /DRAM channel|readers/.test(r.name))).toHaveLength(dramRows);
    expect(rows.filter((r) => r.name.includes('writers'))).toHaveLength(writeRows);
  });

  for (const r of rows) {
    it(`${r.name}: ${r.simulated} ${r.unit} against ${r.published} published`, () => {
      if (Number.isFinite(r.bound)) expect(Math.abs(r.simulated / r.published - 1)).toBeLessThanOrEqual(r.bound);
      expect(r.withinBound).toBe(true);
    });
  }

  it('readers placed at random get measurably less than readers next to their banks', () => {
    const placed = find('readers next to their banks, NoC0');
    expect(find('readers at random, NoC0 (')).toBeLessThan(placed * 0.95);
    expect(find('readers at random, NoC0, mean')).toBeLessThan(placed * 0.95);
    expect(find('readers at random, NoC0, mean')).toBeLessThanOrEqual(find('readers at random, NoC0 (') * 1.001);
  });

  if (arch === 'wormhole_n150') {
    it('random reads do worse on NoC1 than on NoC0 (responses climb the DRAM columns first), as published', () => {
      expect(find('readers at random, NoC1')).toBeLessThan(find('readers at random, NoC0 (') * 0.6);
    });

    it('random writes do worse on NoC0 than on NoC1 (writes run down the DRAM columns last), as published', () => {
      expect(find('writers at random, NoC0')).toBeLessThan(find('writers at random, NoC1') * 0.6);
      expect(find('writers at random, NoC1')).toBeLessThan(find('writers next to their banks, NoC1') * 0.95);
    });
  }
});
