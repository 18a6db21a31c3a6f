// chooseOutOfBoxConfig against what tt-metal's create_simple_matmul_program_config would choose for
// DRAM-interleaved bf16 on 8×8 (the published N150 rows; each worked out from the algorithm).
import { describe, expect, it } from 'vitest';
import { chooseOutOfBoxConfig } from '../../sim/ops/matmul/out-of-box-config.ts';
import { describeMatmulConfig, type MatmulShape } from '../../sim/ops/matmul/program-config.ts';

const L1_FREE = 1_499_136 - 0x1_1000; // wormhole_n150's L1 above meshsim's reserved base
const shape = (m: number, k: number, n: number): MatmulShape => ({
  Mt: m / 32, Kt: k / 32, Nt: n / 32, grid: { x: 8, y: 8 }, fp32Acc: false, inTileBytes: 2048, outTileBytes: 2048, l1FreeBytes: L1_FREE,
});
const described = (m: number, k: number, n: number) => describeMatmulConfig(chooseOutOfBoxConfig(shape(m, k, n)));

describe('chooseOutOfBoxConfig (ttnn.matmul with no config and no core grid)', () => {
  it('one block of 16×16 tiles: 2-D, in0_block_w Kt/8, sub-block the first (h, w) dividing 2×2', () => {
    expect(described(512, 512, 512)).toBe('2d-mcast, in0_block_w 2, per_core 2×2, sub-block 2×2');
  });
  it('one row of 16-tile blocks: 1-D in0 multicast, ⌈⌈N/64⌉/32⌉ = 1 tile of N per core, in0_block_w 2', () => {
    expect(described(512, 1024, 1024)).toBe('1d-in0, in0_block_w 2, per_core 16×1, sub-block 8×1');
  });
  it('2048³: 2-D, per core 8×8, in0_block_w 64/8 = 8, sub-block (h 4, w 2)', () => {
    expect(described(2048, 2048, 2048)).toBe('2d-mcast, in0_block_w 8, per_core 8×8, sub-block 4×2');
  });
  it('4096³: 16×16 per core with in0_block_w 16 overflows L1; the output block shrinks to 8×8 at the same K block', () => {
    expect(described(4096, 4096, 4096)).toBe('2d-mcast, in0_block_w 16, per_core 16×16, out_block 8×8, sub-block 4×2');
  });
});
