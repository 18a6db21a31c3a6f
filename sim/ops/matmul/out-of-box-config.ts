// The program config tt-metal's ttnn.matmul takes out of the box — A, B and C DRAM-interleaved, no
// program config and no core grid given (`a @ b`, as the published N150 results ran it): generate_
// matmul_program_config sends that case to create_simple_matmul_program_config
// (ttnn/cpp/ttnn/operations/matmul/device/config/matmul_program_config.cpp):
// - a square per-core factor (16, 8, 4, 2 whose CBs fit L1 with in0_block_w 2, get_per_core_factor)
//   counts the blocks of C; one row of blocks (or a wide narrow shape) takes the 1-D in0 multicast,
//   one column (or a tall one) the 1-D in1 multicast, anything else the 2-D multicast;
// - 1-D (get_mcast_1d_config): per_core_N = ⌈⌈N / cores⌉ / 32⌉ and all of M (in0) or the mirror
//   (in1), in0_block_w 2 when it divides Kt, else 1;
// - 2-D: per_core_M/N = ⌈Mt / grid.y⌉ × ⌈Nt / grid.x⌉, in0_block_w = Kt / grid.x when grid.x divides
//   Kt, else 1; the output block and in0_block_w shrink together to fit L1 (get_multi_dim_per_core_factor
//   with adjust_in0_block_w);
// - the sub-block is get_matmul_subblock_params' first (h, w) dividing the output block.
// Overrides replace the chosen values and are checked as chooseMatmulConfig's are.
import {
  checkOverrides, checkShape, matmulCbBytes, matmulSubblockParams, NARROW_RATIO, outputBlock, validate,
  type MatmulOverrides, type MatmulProgramConfig, type MatmulShape, type MatmulVariant,
} from './program-config.ts';

const TILE = 32;
const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

// get_per_core_factor: the largest of 16, 8, 4, 2 whose square block's CBs fit with in0_block_w 2.
function perCoreFactor(s: MatmulShape): number {
  for (let f = 16; f > 1; f /= 2) if (matmulCbBytes(s, f, f, 2) < s.l1FreeBytes) return f;
  return 1;
}

// is_narrow_shape with all tensors in DRAM: one side over 8× the other, or within one tile.
const isNarrow = (height: number, width: number) =>
  Math.floor(Math.max(height, width) / Math.min(height, width)) > NARROW_RATIO || height <= TILE || width <= TILE;

function variantOf(s: MatmulShape, Mrows: number): MatmulVariant {
  const f = perCoreFactor(s);
  const [blocksY, blocksX] = [ceilDiv(Mrows, f), ceilDiv(s.Nt, f)];
  // get_core_range: the blocks' grid, or none for a single block or more blocks than cores.
  const range = !(blocksY === 1 && blocksX === 1) && blocksY <= s.grid.y && blocksX <= s.grid.x ? { x: blocksX, y: blocksY } : { x: 0, y: 0 };
  const narrow = isNarrow(Mrows * TILE, s.Nt * TILE);
  const wide = narrow && s.Nt > Mrows;
  if (range.y === 1 || wide) return '1d-in0';
  if (range.x === 1 || (narrow && !wide)) return '1d-in1';
  return '2d-mcast';
}

function startingBlocks(s: MatmulShape, variant: MatmulVariant, Mrows: number): { perCoreM: number; perCoreN: number; in0BlockW: number; adjustK: boolean } {
  if (variant === '2d-mcast') {
    return { perCoreM: ceilDiv(Mrows, s.grid.y), perCoreN: ceilDiv(s.Nt, s.grid.x), in0BlockW: s.Kt % s.grid.x === 0 ? s.Kt / s.grid.x : 1, adjustK: true };
  }
  const cores = s.grid.x * s.grid.y;
  const in0BlockW = s.Kt % 2 === 0 ? 2 : 1;
  return variant === '1d-in0'
    ? { perCoreM: Mrows, perCoreN: ceilDiv(ceilDiv(s.Nt * TILE, cores), TILE), in0BlockW, adjustK: false }
    : { perCoreM: ceilDiv(ceilDiv(Mrows * TILE, cores), TILE), perCoreN: s.Nt, in0BlockW, adjustK: false };
}

export function chooseOutOfBoxConfig(s: MatmulShape, overrides: MatmulOverrides = {}): MatmulProgramConfig {
  checkShape(s);
  checkOverrides(overrides);
  const Mrows = (s.batch ?? 1) * s.Mt;
  const variant = overrides.variant ?? variantOf(s, Mrows);
  const start = startingBlocks(s, variant, Mrows);
  const perCoreM = overrides.perCoreM ?? start.perCoreM;
  const perCoreN = overrides.perCoreN ?? start.perCoreN;
  // A block the user sized is taken whole; tt-metal's own is shrunk to fit L1.
  const sized = overrides.perCoreM !== undefined || overrides.perCoreN !== undefined || overrides.in0BlockW !== undefined;
  const block = sized
    ? { h: perCoreM, w: perCoreN, k: overrides.in0BlockW ?? start.in0BlockW }
    : outputBlock(s, perCoreM, perCoreN, start.in0BlockW, start.adjustK);
  const sub = matmulSubblockParams(block.h, block.w, s.fp32Acc);
  const config: MatmulProgramConfig = {
    variant, gridX: s.grid.x, gridY: s.grid.y, in0BlockW: block.k, perCoreM, perCoreN, outBlockH: block.h, outBlockW: block.w,
    outSubblockH: overrides.outSubblockH ?? sub.h, outSubblockW: overrides.outSubblockW ?? sub.w,
  };
  validate(s, config, Mrows);
  return config;
}
