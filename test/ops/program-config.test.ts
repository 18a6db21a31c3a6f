// chooseMatmulConfig against what tt-metal's create_matmul_program_config would choose (each
// expectation worked out from the algorithm in the comment beside it), its overrides, and the
// overrides it refuses with one line.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../sim/errors.ts';
import { chooseMatmulConfig, describeMatmulConfig, matmulCbBytes, type MatmulOverrides, type MatmulShape } from '../../sim/ops/matmul/program-config.ts';
import { expectMeshsimError } from '../support/errors.ts';

const L1_FREE = 1_499_136 - 0x1_1000; // wormhole_n150's L1 above meshsim's reserved base
const shape = (m: number, k: number, n: number, more: Partial<MatmulShape> = {}): MatmulShape => ({
  Mt: m / 32, Kt: k / 32, Nt: n / 32, grid: { x: 8, y: 8 }, fp32Acc: false, inTileBytes: 2048, outTileBytes: 2048, l1FreeBytes: L1_FREE, ...more,
});
const pick = (m: number, k: number, n: number, more: Partial<MatmulShape> = {}, o: MatmulOverrides = {}) => {
  const c = chooseMatmulConfig(shape(m, k, n, more), o);
  return [c.variant, c.in0BlockW, c.perCoreM, c.perCoreN, c.outBlockH, c.outBlockW, c.outSubblockH, c.outSubblockW];
};

describe('chooseMatmulConfig: the configs tt-metal chooses (DRAM-interleaved, 8×8)', () => {
  it('512³: 2D; per core ⌈16/8⌉ = 2 × 2, in0_block_w 4 (divides Kt 16); sub-block 2×2 (first (w, h) choice dividing 2×2; w = per_core_N keeps h)', () => {
    expect(pick(512, 512, 512)).toEqual(['2d-mcast', 4, 2, 2, 2, 2, 2, 2]);
  });

  it('1024³: per core 4×4; (w 4, h 2) divides it and spans per_core_N, so 2×4', () => {
    expect(pick(1024, 1024, 1024)).toEqual(['2d-mcast', 4, 4, 4, 4, 4, 2, 4]);
  });

  it('2048³: per core 8×8; (w 4, h 2) divides, but w 4 ≠ per_core_N 8 forces h to 1: 1×4', () => {
    expect(pick(2048, 2048, 2048)).toEqual(['2d-mcast', 4, 8, 8, 8, 8, 1, 4]);
  });

  it('2048×3072×3072: Kt 96 takes in0_block_w 4; per core 8 × ⌈96/8⌉ = 12', () => {
    expect(pick(2048, 3072, 3072)).toEqual(['2d-mcast', 4, 8, 12, 8, 12, 1, 4]);
  });

  it('4096³: per core 16×16 needs (16+16)·4·2·2 KiB + 256·(2+2) KiB = 1.5 MiB, over L1: the output block shrinks to the largest fitting factor product, 128 tiles, the later of the equally square 16×8 / 8×16', () => {
    expect(matmulCbBytes(shape(4096, 4096, 4096), 16, 16, 4)).toBeGreaterThanOrEqual(L1_FREE);
    expect(pick(4096, 4096, 4096)).toEqual(['2d-mcast', 4, 16, 16, 8, 16, 1, 4]);
  });

  it('K of 3 tiles: in0_block_w steps down from 4 to 3, the first that divides Kt', () => {
    expect(pick(512, 96, 512)[1]).toBe(3);
  });

  it('one tile row (M 32): 1D, wide (Mt 1 ≤ Nt 96), in0 multicast; N split over 64 cores: ⌈96/64⌉ = 2, in0_block_w ⌈24/64⌉ = 1', () => {
    expect(pick(32, 768, 3072)).toEqual(['1d-in0', 1, 1, 2, 1, 2, 1, 2]);
  });

  it('tall and narrow (8192×768, 10× taller than wide): 1D with in1 multicast, M split: ⌈256/64⌉ = 4 × 24; sub-block 2×4 (w 4 divides 24)', () => {
    expect(pick(8192, 768, 768)).toEqual(['1d-in1', 1, 4, 24, 4, 24, 2, 4]);
  });

  it('wide and narrow (128×2304, 18× wider): 1d-in0, per core 4 × ⌈72/64⌉ = 2; sub-block (w 2, h 4): 4×2', () => {
    expect(pick(128, 768, 2304)).toEqual(['1d-in0', 1, 4, 2, 4, 2, 4, 2]);
  });

  it('a batch of A over one B folds into M (fuse_batch): 4 × 4 tile rows is per core ⌈16/8⌉ = 2 rows, not 1', () => {
    expect(pick(128, 512, 1024).slice(2, 4)).toEqual([1, 4]);
    expect(pick(128, 512, 1024, { batch: 4 })).toEqual(['2d-mcast', 4, 2, 4, 2, 4, 2, 4]);
  });

  it('fp32 accumulation keeps sub-blocks within 4 tiles: 1024³ takes (w 2, h 2), then h 1 as w 2 ≠ per_core_N 4', () => {
    expect(pick(1024, 1024, 1024, { fp32Acc: true }).slice(6)).toEqual([1, 2]);
  });

  it('the summary line', () => {
    expect(describeMatmulConfig(chooseMatmulConfig(shape(4096, 4096, 4096)))).toBe('2d-mcast, in0_block_w 4, per_core 16×16, out_block 8×16, sub-block 1×4');
  });
});

describe('chooseMatmulConfig: overrides', () => {
  it('each override replaces tt-metal’s value; the rest follows from it', () => {
    // in0_block_w 2 keeps the per-core block and its sub-block.
    expect(pick(1024, 1024, 1024, {}, { in0BlockW: 2 })).toEqual(['2d-mcast', 2, 4, 4, 4, 4, 2, 4]);
    // An 8×8 per-core block (4 rows × 4 columns of cores): the sub-block comes from it, (w 4, h 2) → h 1 as w ≠ 8.
    expect(pick(1024, 1024, 1024, {}, { perCoreM: 8, perCoreN: 8 })).toEqual(['2d-mcast', 4, 8, 8, 8, 8, 1, 4]);
    expect(pick(1024, 1024, 1024, {}, { outSubblockH: 4, outSubblockW: 1 }).slice(6)).toEqual([4, 1]);
    // A forced 1D variant on a square shape: in0 multicast, N split over 64 cores.
    expect(pick(1024, 1024, 1024, {}, { variant: '1d-in0' })).toEqual(['1d-in0', 1, 32, 1, 32, 1, 8, 1]);
  });

  const refused: [string, MatmulOverrides, Partial<MatmulShape>, RegExp][] = [
    ['in0_block_w that does not divide Kt', { in0BlockW: 3 }, {}, /^matmul 32×32×32 tiles, 2d-mcast: in0_block_w 3 does not divide Kt 32$/],
    ['a sub-block that does not divide the block', { outSubblockH: 3 }, {}, /: out_subblock_h 3 does not divide per_core_M 4$/],
    ['a sub-block over half of Dst', { outSubblockH: 4, outSubblockW: 4 }, {}, /: sub-block 4×4 is 16 tiles, over half of Dst \(8 tiles\)$/],
    ['a sub-block over half of Dst with fp32 accumulation', { outSubblockH: 2, outSubblockW: 4 }, { fp32Acc: true }, /: sub-block 2×4 is 8 tiles, over half of Dst \(4 tiles with fp32 accumulation\)$/],
    ['blocks that do not fit in L1', { perCoreM: 32, perCoreN: 32 }, {}, /: the CBs of a 32×32 block with in0_block_w 4 take \d+ bytes of L1 on each core, over the \d+ bytes free$/],
    ['a block too small for the grid', { perCoreM: 2 }, {}, /: per-core blocks of 2×4 tiles need 16×8 cores, more than the 8×8 grid$/],
    ['a tile count that is not a whole number', { in0BlockW: 1.5 }, {}, /^matmul: in0_block_w 1.5: expected a positive whole number of tiles$/],
    ['an unknown variant', { variant: 'dram-sharded' as never }, {}, /^matmul: strategy dram-sharded: expected one of 2d-mcast, 1d-in0, 1d-in1$/],
  ];
  for (const [what, o, more, message] of refused) {
    it(`refuses ${what} with one line (exit 3)`, () => {
      expect(expectMeshsimError(() => chooseMatmulConfig(shape(1024, 1024, 1024, more), o), ExitCode.badInput, message).message).not.toContain('\n');
    });
  }

  it('refuses blocks that do not fit in L1, naming the bytes and the core’s free L1', () => {
    // 16×16 per core of a 4096³ matmul, taken whole as the user sized it (tt-metal would shrink its own).
    expect(() => chooseMatmulConfig(shape(4096, 4096, 4096), { perCoreM: 16, perCoreN: 16 })).toThrow(
      `matmul 128×128×128 tiles, 2d-mcast: the CBs of a 16×16 block with in0_block_w 4 take 1572864 bytes of L1 on each core, over the ${L1_FREE} bytes free`,
    );
  });
});
