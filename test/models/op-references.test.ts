// Two checks of the op references the layer reference is built from that test/ops leaves out: the
// matmul reference, and the llama3 rotary frequencies against Hugging Face's published snapshot.
import { describe, expect, it } from 'vitest';
import { matmulReference } from '../../sim/ops/matmul/reference.ts';
import { ropeInverseFrequencies } from '../../sim/ops/rotary/reference.ts';

describe('op references the layer relies on', () => {
  it('matmul: [[1,2,3],[4,5,6]] · [[7,8],[9,10],[11,12]]', () => {
    expect([...matmulReference([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], 2, 3, 2)]).toEqual([58, 64, 139, 154]);
    expect(() => matmulReference([1, 2], [1], 1, 2, 1)).toThrow('expected 1×2 and 2×1');
  });

  // transformers' tests/utils/test_modeling_rope_utils.py, test_llama3_rope_numerically:
  // head_dim 128, theta 10000, factor 10, original context 2048, low 1, high 4.
  it("llama3 scaling matches transformers' published inverse frequencies", () => {
    const expected = [
      1.0e0, 8.6596e-1, 7.4989e-1, 6.4938e-1, 5.6234e-1, 4.8697e-1, 4.217e-1, 3.6517e-1, 3.1623e-1, 2.7384e-1, 2.3714e-1, 2.0535e-1,
      1.7783e-1, 1.5399e-1, 1.3335e-1, 1.1548e-1, 1.0e-1, 8.6596e-2, 7.4989e-2, 6.4938e-2, 5.6234e-2, 4.8697e-2, 4.217e-2, 3.6517e-2,
      3.1623e-2, 2.7384e-2, 2.3714e-2, 2.0535e-2, 1.7783e-2, 1.5399e-2, 1.3335e-2, 1.073e-2, 7.7785e-3, 5.6009e-3, 3.9991e-3, 2.8248e-3,
      1.9675e-3, 1.3449e-3, 8.9549e-4, 5.7363e-4, 3.4539e-4, 2.7384e-4, 2.3714e-4, 2.0535e-4, 1.7783e-4, 1.5399e-4, 1.3335e-4, 1.1548e-4,
      1.0e-4, 8.6596e-5, 7.4989e-5, 6.4938e-5, 5.6234e-5, 4.8697e-5, 4.217e-5, 3.6517e-5, 3.1623e-5, 2.7384e-5, 2.3714e-5, 2.0535e-5,
      1.7783e-5, 1.5399e-5, 1.3335e-5, 1.1548e-5,
    ];
    const inv = ropeInverseFrequencies(128, 10000, { factor: 10, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 2048 });
    expect(inv.length).toBe(64);
    // Printed to five significant digits: relative error below 1e-4.
    inv.forEach((v, i) => expect(Math.abs(v - expected[i]) / expected[i]).toBeLessThan(1e-4));
  });
});
