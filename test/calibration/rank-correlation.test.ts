import { describe, expect, it } from 'vitest';
import { rankCorrelation } from '../../sim/calibration/rank-correlation.ts';

describe('rankCorrelation', () => {
  it('is 1 for the same order and -1 for the reverse, whatever the values', () => {
    expect(rankCorrelation([1, 2, 3, 4], [10, 20, 300, 4000])).toBeCloseTo(1, 12);
    expect(rankCorrelation([1, 2, 3, 4], [9, 7, 5, 1])).toBeCloseTo(-1, 12);
  });

  it('matches 1 - 6·Σd² / (n(n² - 1)) without ties', () => {
    // ranks of b: 2, 1, 4, 3, 5 → d = -1, 1, -1, 1, 0 → Σd² = 4 → 1 - 24 / 120 = 0.8
    expect(rankCorrelation([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])).toBeCloseTo(0.8, 12);
  });

  it('gives tied values the mean of their ranks', () => {
    // a's ranks 1, 2.5, 2.5, 4 against 1, 2, 3, 4: Pearson of those ranks
    const r = rankCorrelation([1, 5, 5, 9], [1, 2, 3, 4]);
    expect(r).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 12);
  });

  it('refuses series of different lengths', () => {
    expect(() => rankCorrelation([1, 2], [1, 2, 3])).toThrow(/one length/);
  });
});
