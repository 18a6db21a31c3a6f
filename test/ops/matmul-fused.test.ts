// The matmul op's fused bias and activation (tt-metal's bmm_large_block_zm_fused_bias_activation)
// and its mixed formats: block-float weights with bf16 activations, a bf16 or bfp8_b output.
import { describe, expect, it } from 'vitest';
import { TILE_COSTS } from '../../sim/compute/costs.ts';
import { TILE_BYTES } from '../../sim/compute/formats.ts';
import { Device } from '../../sim/host/device.ts';
import { matmul } from '../../sim/ops/matmul/index.ts';
import { DRAM_INTERLEAVED, toDevice } from '../../sim/tensor/index.ts';
import { BF16_TOLERANCE, runCase, type Case } from './matmul-cases.ts';

// 70×64 @ 64×100 on 2×2 cores: partial blocks on both edges, K in two blocks.
const shape: Case = { a: [70, 64], b: [64, 100], grid: { rows: 2, cols: 2 } };

describe('fused bias and activation', () => {
  for (const activation of ['gelu_new', 'gelu', 'silu', 'relu'] as const) {
    it(`bias then ${activation}, against float64`, () => {
      const r = runCase({ ...shape, bias: true, op: { strategy: '2d-mcast', activation } });
      // gelu is the tile engine's tanh approximation: within 3e-4 of x·Φ(x) for any x, far under
      // the bf16 tolerance of outputs whose Σ|a·b| is about 16.
      expect(r.error).toBeLessThan(BF16_TOLERANCE);
    });
  }

  it('an activation without a bias, and a bias on the dp and 1-D programs', () => {
    expect(runCase({ ...shape, op: { strategy: 'reuse', activation: 'silu' } }).error).toBeLessThan(BF16_TOLERANCE);
    for (const strategy of ['dp', '1d-in0', '1d-in1'] as const) {
      expect([strategy, runCase({ ...shape, bias: true, op: { strategy, activation: 'relu' } }).error! < BF16_TOLERANCE]).toEqual([strategy, true]);
    }
  });

  it('costs cycles, and the same in timing mode', () => {
    const plain = runCase({ ...shape, op: { strategy: '2d-mcast' } }).run.stats.summary.cycles;
    const fused = runCase({ ...shape, bias: true, op: { strategy: '2d-mcast', activation: 'gelu_new' } });
    expect(fused.run.stats.summary.cycles).toBeGreaterThan(plain);
    expect(runCase({ ...shape, mode: 'timing', bias: true, op: { strategy: '2d-mcast', activation: 'gelu_new' } }).run.run).toEqual(fused.run.run);
  });

  it('rejects a bias of the wrong shape and an activation the tile engine lacks', () => {
    expect(() => runCase({ a: [64, 64], b: [64, 96], grid: shape.grid, bias: true, op: { activation: 'mish' as never } }))
      .toThrow(/^matmul: unknown activation 'mish' \(fused ones: gelu_new, gelu, silu, relu\)$/);
    const device = new Device({ arch: 'wormhole_n150', grid: shape.grid, mode: 'timing' });
    const [a, b] = [toDevice(device, undefined, [64, 64], 'bf16', DRAM_INTERLEAVED, 'x'), toDevice(device, undefined, [64, 96], 'bf16', DRAM_INTERLEAVED, 'w')];
    const bias = toDevice(device, undefined, [2, 96], 'bf16', DRAM_INTERLEAVED, 'b_fc');
    expect(() => matmul(a, b, { bias })).toThrow(/^matmul: bias b_fc \[2, 96\]: expected \[1, 96\]$/);
  });
});

describe('mixed formats', () => {
  // Block-float weights: 16 values share an exponent, so a weight is off by up to half a unit in
  // the last of its 7 (bfp8_b) or 3 (bfp4_b) mantissa bits, scaled to the largest of its 16
  // (|b| < 1): about 2^-8 or 2^-4. At worst those add up over K to that times Σ|a|, which is about
  // 2 Σ|a·b| for uniform b (2^-7, 2^-3, plus bf16's rounding); with random signs they grow as √K.
  // Held to 2^-6 (bfp8_b) and 2^-3 (bfp4_b) of Σ|a·b|; measured 4.1e-3 and 4.6e-2.
  for (const [bDtype, tolerance] of [['bfp8_b', 2 ** -6], ['bfp4_b', 2 ** -3]] as const) {
    it(`${bDtype} weights with bf16 activations`, () => {
      const r = runCase({ ...shape, bDtype, op: { strategy: '2d-mcast' } });
      expect(r.error).toBeLessThan(tolerance);
      expect(r.error).toBeGreaterThan(runCase({ ...shape, op: { strategy: '2d-mcast' } }).error!);
    });
  }

  it('a bfp8_b output: each value within 2^-8 of the largest of its 16 (≤ Σ|a·b|), on top of bf16', () => {
    const r = runCase({ ...shape, bias: true, op: { strategy: '2d-mcast', outDtype: 'bfp8_b', activation: 'relu' } });
    expect(r.error).toBeLessThan(2 ** -6);
  });

  it('GPT-2\'s c_fc: [1, 128, 768] × bfp8_b [768, 3072] + bias, then gelu_new, over 8×8', () => {
    const r = runCase({ a: [1, 128, 768], b: [768, 3072], grid: { rows: 8, cols: 8 }, bias: true, bDtype: 'bfp8_b', op: { activation: 'gelu_new' } });
    expect(r.run.strategy).toBe('1d-in0'); // M of 4 tiles against N of 96: in0 multicast
    expect(r.error).toBeLessThan(2 ** -6);
  });

  it('the unpacker reads each operand tile in its own format: fewer cycles for block-float weights', () => {
    // dp holds one output tile in Dst over K: every tile the unpacker reads is one A and one B tile.
    const unpack = (bDtype: 'bf16' | 'bfp8_b' | 'bfp4_b') => {
      const r = runCase({ ...shape, bDtype, mode: 'timing', op: { strategy: 'dp' } });
      const engines = r.run.run.tileEngines;
      return { busy: engines.reduce((s, e) => s + e.unpackBusyCycles, 0), tiles: engines.reduce((s, e) => s + e.tiles, 0) };
    };
    for (const bDtype of ['bf16', 'bfp8_b', 'bfp4_b'] as const) {
      const { busy, tiles } = unpack(bDtype);
      expect([bDtype, busy]).toEqual([bDtype, tiles * Math.ceil((TILE_BYTES.bf16 + TILE_BYTES[bDtype]) / TILE_COSTS.unpackTwoBytesPerCycle)]);
    }
  });
});
