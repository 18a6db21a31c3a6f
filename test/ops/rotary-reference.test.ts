// The float64 rotary reference and its tables, with llama3 frequency scaling.
import { describe, expect, it } from 'vitest';
import { ropeInverseFrequencies, ropeTables, rotaryReference } from '../../sim/ops/rotary/reference.ts';

// Llama 3.1 / 3.2's rope_scaling (config.json).
const LLAMA3 = { factor: 32, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8192 };

describe('ropeTables and rotaryReference', () => {
  it('repeats the frequencies over both halves, θ^(−2i/d)', () => {
    const { cos, sin } = ropeTables(4, [0, 3], 100);
    expect(Array.from(cos.subarray(0, 4))).toEqual([1, 1, 1, 1]);
    expect(Array.from(sin.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(cos[4]).toBeCloseTo(Math.cos(3), 14);
    expect(cos[6]).toBeCloseTo(Math.cos(3), 14);
    expect(sin[5]).toBeCloseTo(Math.sin(3 / 10), 14); // i = 1: 100^(−2/4) = 1/10
    expect(sin[7]).toBeCloseTo(Math.sin(3 / 10), 14);
  });

  it('llama3 scaling keeps short wavelengths, divides long ones by the factor and blends between', () => {
    const plain = ropeInverseFrequencies(128, 500000);
    const scaled = ropeInverseFrequencies(128, 500000, LLAMA3);
    const wavelen = (f: number) => (2 * Math.PI) / f;
    const kinds = new Set<string>();
    plain.forEach((f, i) => {
      if (wavelen(f) < 8192 / 4) {
        kinds.add('kept');
        expect(scaled[i]).toBe(f);
      } else if (wavelen(f) > 8192) {
        kinds.add('divided');
        expect(scaled[i]).toBeCloseTo(f / 32, 20);
      } else {
        kinds.add('blended');
        expect(scaled[i]).toBeGreaterThan(f / 32);
        expect(scaled[i]).toBeLessThan(f);
      }
    });
    expect([...kinds].sort()).toEqual(['blended', 'divided', 'kept']);
    expect(scaled[0]).toBe(1); // the highest frequency is never scaled
  });

  it('rotates each (x[i], x[i + d/2]) pair by its angle: identity at position 0, norms kept', () => {
    const d = 8;
    const x = Float64Array.from({ length: 2 * d }, (_, i) => Math.sin(i + 1));
    const { cos, sin } = ropeTables(d, [0, 5], 10000);
    const y = rotaryReference(x, 2, d, cos, sin);
    expect(Array.from(y.subarray(0, d))).toEqual(Array.from(x.subarray(0, d)));
    for (let i = 0; i < d / 2; i++) {
      const [a, b] = [x[d + i], x[d + i + d / 2]];
      const [c, s] = [cos[d + i], sin[d + i]];
      expect(y[d + i]).toBeCloseTo(a * c - b * s, 14);
      expect(y[d + i + d / 2]).toBeCloseTo(b * c + a * s, 14);
      expect(Math.hypot(y[d + i], y[d + i + d / 2])).toBeCloseTo(Math.hypot(a, b), 14);
    }
  });

  it('refuses an odd head_dim and tables too short for x', () => {
    expect(() => ropeTables(5, [0], 10000)).toThrow(/head_dim 5/);
    expect(() => rotaryReference(new Float64Array(8), 2, 4, new Float64Array(4), new Float64Array(4))).toThrow(/expected 8 each/);
  });
});
