// A program config for the matmul op until sim/ops/matmul/program-config.ts (tt-metal's own auto
// configuration) lands: K blocks of in0_block_w = 2 tiles when Kt is even, else 1 (ttnn's default
// for DRAM-interleaved inputs); per-core blocks spread over the grid; the 1-D variants when M or N
// is too small to give every grid row or column a block.
import type { MatmulProgramConfig, MatmulVariant } from './types.ts';
import { subblockOf } from './blocks.ts';

export interface ConfigInputs {
  Mt: number;
  Kt: number;
  Nt: number;
  grid: { x: number; y: number };
  fp32Acc: boolean;
  inTileBytes: number;
  outTileBytes: number;
  l1FreeBytes: number;
  batch?: number;
}

export function chooseSimpleConfig(i: ConfigInputs): MatmulProgramConfig {
  const { Mt, Nt, grid } = i;
  return configFor(Mt < grid.y && Nt >= grid.x ? '1d-in0' : Nt < grid.x && Mt >= grid.y ? '1d-in1' : '2d-mcast', i);
}

// The config of one variant: 2-D blocks of C per grid row and column; 1-D with in0 multicast,
// all of M and a share of N per core; 1-D with in1 multicast, a share of M and all of N.
export function configFor(variant: MatmulVariant, i: ConfigInputs): MatmulProgramConfig {
  const { Mt, Kt, Nt, grid } = i;
  const cores = grid.x * grid.y;
  const [perCoreM, perCoreN] =
    variant === '1d-in0' ? [Mt, Math.ceil(Nt / Math.min(Nt, cores))]
    : variant === '1d-in1' ? [Math.ceil(Mt / Math.min(Mt, cores)), Nt]
    : [Math.ceil(Mt / Math.min(Mt, grid.y)), Math.ceil(Nt / Math.min(Nt, grid.x))];
  const [outSubblockH, outSubblockW] = subblockOf(perCoreM, perCoreN, i.fp32Acc);
  return { variant, gridX: grid.x, gridY: grid.y, in0BlockW: Kt % 2 === 0 ? 2 : 1, perCoreM, perCoreN, outSubblockH, outSubblockW };
}
