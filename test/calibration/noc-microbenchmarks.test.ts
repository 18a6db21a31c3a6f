// The Wormhole and Blackhole models against the published NoC and DRAM measurements (hardware.md §3.2):
// latencies within ±15%, one core's read bandwidth at every size within ±20%, DRAM channel and
// placed-reader bandwidth within ±15%, random placement measurably lower.
import { describe, expect, it } from 'vitest';
import { nocMicrobenchmarks } from '../../sim/calibration/noc-microbenchmarks.ts';
import { PRESETS } from '../../sim/arch/index.ts';

describe.each(['wormhole_n150', 'blackhole_p150'])('%s NoC and DRAM microbenchmarks', (arch) => {
  const rows = nocMicrobenchmarks(PRESETS[arch]);

  it('covers latencies, 13 transaction sizes and the DRAM placements', () => {
    expect(rows.filter((r) => r.name.startsWith('first-byte latency'))).toHaveLength(4);
    expect(rows.filter((r) => r.name.includes('read bandwidth,'))).toHaveLength(13);
    expect(rows.filter((r) => /DRAM channel|readers/.test(r.name))).toHaveLength(3);
  });

  for (const r of rows) {
    it(`${r.name}: ${r.simulated} ${r.unit} against ${r.published} published`, () => {
      if (!r.name.includes('at random')) expect(Math.abs(r.simulated / r.published - 1)).toBeLessThanOrEqual(r.bound);
      expect(r.withinBound).toBe(true);
    });
  }

  it('readers placed at random get measurably less than readers next to their banks', () => {
    const placed = rows.find((r) => r.name.includes('next to their banks'))!.simulated;
    const random = rows.find((r) => r.name.includes('at random'))!.simulated;
    expect(random).toBeLessThan(placed * 0.95);
  });
});
