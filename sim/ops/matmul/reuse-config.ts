// The blocks of tt-metal's matmul_multicore_reuse (get_large_matmul_params): the output split
// over the grid's rows and columns, each core's block whole (no smaller output block for L1: a
// block that does not fit is refused), in0_block_w the largest of 4, 3, 2, 1 dividing Kt.
import { badInput } from '../../errors.ts';
import { subblockSizes, type MatmulProgramConfig, type MatmulShape } from './program-config.ts';

export function reuseConfig(s: MatmulShape): MatmulProgramConfig {
  const { Mt, Kt, Nt, grid } = s;
  const [perCoreM, perCoreN] = [Math.ceil(Mt / Math.min(Mt, grid.y)), Math.ceil(Nt / Math.min(Nt, grid.x))];
  const sub = subblockSizes(perCoreM, perCoreN, s.fp32Acc);
  const in0BlockW = [4, 3, 2, 1].find((k) => Kt % k === 0)!;
  return { variant: '2d-mcast', gridX: grid.x, gridY: grid.y, in0BlockW, perCoreM, perCoreN, outBlockH: perCoreM, outBlockW: perCoreN, outSubblockH: sub.h, outSubblockW: sub.w };
}

// A config the auto-configuration did not check (reuse's, dram-sharded's), with the caller's
// overrides: whole numbers, in0_block_w dividing Kt, sub-blocks dividing the block within a Dst half.
export function checkedConfig(strategy: string, c: MatmulProgramConfig, Kt: number, dstHalf: number): MatmulProgramConfig {
  const fail = (why: string) => badInput(`matmul ${strategy}: ${why}`);
  for (const [name, v] of Object.entries({ in0BlockW: c.in0BlockW, perCoreM: c.perCoreM, perCoreN: c.perCoreN, outSubblockH: c.outSubblockH, outSubblockW: c.outSubblockW })) {
    if (!Number.isInteger(v) || v < 1) throw fail(`${name} ${v}: expected a positive whole number of tiles`);
  }
  if (Kt % c.in0BlockW !== 0) throw fail(`in0BlockW ${c.in0BlockW} does not divide K's ${Kt} tiles`);
  if (c.perCoreM % c.outSubblockH !== 0 || c.perCoreN % c.outSubblockW !== 0) {
    throw fail(`sub-block ${c.outSubblockH}×${c.outSubblockW} does not divide the per-core block of ${c.perCoreM}×${c.perCoreN} tiles`);
  }
  if (c.outSubblockH * c.outSubblockW > dstHalf) throw fail(`sub-block ${c.outSubblockH}×${c.outSubblockW} is over the ${dstHalf} tiles of a Dst half`);
  return { ...c, outBlockH: c.perCoreM, outBlockW: c.perCoreN };
}
