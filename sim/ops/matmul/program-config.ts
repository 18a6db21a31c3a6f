// The matmul program config tt-metal chooses when the three tensors are DRAM-interleaved and the
// caller gives none (ttnn/cpp/ttnn/operations/matmul/device/config/matmul_program_config.cpp):
// - create_matmul_program_config: a narrow shape (one side over 8× the other) or a side within
//   one tile goes to create_matmul_1d_systolic_array_program_config; otherwise 2D multicast with
//   per_core_M = ⌈B·Mt / grid.y⌉, per_core_N = ⌈Nt / grid.x⌉ and in0_block_w the largest of 4, 3,
//   2, 1 that divides Kt, and out_subblock_h forced to 1 unless the sub-block spans per_core_N;
// - create_matmul_1d_systolic_array_program_config: tall (B·Mt > Nt) multicasts in1 and splits M
//   over all cores, wide multicasts in0 and splits N; in0_block_w = ⌈Kt / cores⌉ down to a divisor;
// - get_multi_dim_per_core_factor: the output block (out_block_h × out_block_w) is shrunk to
//   factors of the per-core block, squarest first, until the CBs fit in L1
//   (get_estimated_size_of_cbs in device/utilities/matmul_utilities.cpp);
// - get_subblock_sizes: the first of SUBBLOCK_HW_CHOICES that divides the output block (at most
//   4 tiles with fp32 accumulation).
// Overrides replace tt-metal's starting values and are checked as tt-metal's validate does.
import { badInput } from '../../errors.ts';

export const MATMUL_VARIANTS = ['2d-mcast', '1d-in0', '1d-in1'] as const;
export type MatmulVariant = (typeof MATMUL_VARIANTS)[number];

export interface MatmulShape {
  Mt: number;
  Kt: number;
  Nt: number;
  grid: { x: number; y: number };
  fp32Acc: boolean;
  inTileBytes: number; // A's and B's tiles
  outTileBytes: number;
  l1FreeBytes: number; // L1 per core the CBs may take
  batch?: number; // batches of A over one B, folded into M (tt-metal's fuse_batch)
  biasTileBytes?: number; // a fused bias's tiles (one row of per_core_N), 0 without
}

export interface MatmulProgramConfig {
  variant: MatmulVariant; // 1d-in0: in0 multicast over cores split along N; 1d-in1: in1 over cores split along M
  gridX: number; // the compute grid the config is for (tt-metal's compute_with_storage_grid_size)
  gridY: number;
  in0BlockW: number; // K tiles per block
  perCoreM: number;
  perCoreN: number;
  outBlockH: number; // the part of the per-core block computed at a time (L1)
  outBlockW: number;
  outSubblockH: number;
  outSubblockW: number;
}

export type MatmulOverrides = Partial<Pick<MatmulProgramConfig, 'variant' | 'in0BlockW' | 'perCoreM' | 'perCoreN' | 'outSubblockH' | 'outSubblockW'>>;

const TILE = 32;
const BF16_TILE_BYTES = 2048;
const FP32_TILE_BYTES = 4096;
// Both inputs' CBs hold two blocks (MCAST_INPUT_BUFFERING_DEPTH, matmul_utilities).
const INPUT_BUFFERING = 2;
// (w, h) pairs in tt-metal's order of preference (SUBBLOCK_HW_CHOICES).
const SUBBLOCK_WH = [[4, 2], [2, 4], [8, 1], [1, 8], [7, 1], [1, 7], [3, 2], [2, 3], [6, 1], [1, 6], [5, 1], [1, 5], [2, 2], [4, 1], [1, 4], [3, 1], [1, 3], [2, 1], [1, 2], [1, 1]];
export const NARROW_RATIO = 8; // is_narrow_shape's NARROW_SHAPE_RATIO_THRESHOLD

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

// Dst tiles a sub-block may take: half of Dst, 8 tiles of 16 bits or 4 of fp32 (hardware.md §2.4).
export const maxSubblockTiles = (fp32Acc: boolean) => (fp32Acc ? 4 : 8);

// L1 the matmul CBs take on a core (get_estimated_size_of_cbs): two blocks of each input, the
// output block, its partial sums (fp32, or at least bf16 for the packer's L1 accumulation,
// estimate_interm_tile_size) and a row of bias.
export function matmulCbBytes(s: MatmulShape, blockH: number, blockW: number, in0BlockW: number): number {
  const interm = s.fp32Acc ? FP32_TILE_BYTES : Math.max(BF16_TILE_BYTES, s.outTileBytes);
  return (blockH + blockW) * in0BlockW * INPUT_BUFFERING * s.inTileBytes + blockH * blockW * (s.outTileBytes + interm) + blockW * (s.biasTileBytes ?? 0);
}

// get_subblock_sizes: the first choice whose sides divide the block.
export function subblockSizes(blockH: number, blockW: number, fp32Acc: boolean): { h: number; w: number } {
  for (const [w, h] of SUBBLOCK_WH) {
    if (h * w <= maxSubblockTiles(fp32Acc) && blockH % h === 0 && blockW % w === 0) return { h, w };
  }
  return { h: 1, w: 1 };
}

// bmm_op_utils::get_matmul_subblock_params: the same list, its pairs read as (h, w), the first whose
// sides divide the block (no output-sharding constraints: the output is DRAM-interleaved).
export function matmulSubblockParams(blockH: number, blockW: number, fp32Acc: boolean): { h: number; w: number } {
  for (const [h, w] of SUBBLOCK_WH) {
    if (h * w <= maxSubblockTiles(fp32Acc) && blockH % h === 0 && blockW % w === 0) return { h, w };
  }
  return { h: 1, w: 1 };
}

// get_multi_dim_per_core_factor: the per-core block if it fits, else the largest product of factors
// of per_core_M and per_core_N that does, the squarest of each product; with adjustK, each divisor
// of in0_block_w from the largest down is tried before the blocks shrink further.
export function outputBlock(s: MatmulShape, perCoreM: number, perCoreN: number, in0BlockW: number, adjustK = false): { h: number; w: number; k: number } {
  const fits = (h: number, w: number, k: number) => matmulCbBytes(s, h, w, k) < s.l1FreeBytes;
  if (fits(perCoreM, perCoreN, in0BlockW)) return { h: perCoreM, w: perCoreN, k: in0BlockW };
  const factors = (n: number) => [n, 1, ...Array.from({ length: Math.max(0, Math.floor(n / 2) - 1) }, (_, i) => Math.floor(n / 2) - i).filter((d) => n % d === 0)];
  const ratio = (h: number, w: number) => Math.max(h, w) / Math.min(h, w);
  const byProduct = new Map<number, { h: number; w: number }>();
  for (const h of factors(perCoreM)) {
    for (const w of factors(perCoreN)) {
      const seen = byProduct.get(h * w);
      if (!seen || ratio(seen.h, seen.w) >= ratio(h, w)) byProduct.set(h * w, { h, w });
    }
  }
  const largestFirst = [...byProduct.entries()].sort(([a], [b]) => b - a);
  for (let k = in0BlockW; k >= (adjustK ? 1 : in0BlockW); k--) {
    if (in0BlockW % k !== 0) continue;
    const found = largestFirst.find(([, b]) => fits(b.h, b.w, k));
    if (found) return { ...found[1], k };
  }
  return { h: 1, w: 1, k: 1 };
}

// The largest k ≤ start that divides Kt.
export const dividing = (Kt: number, start: number) => {
  let k = Math.max(1, Math.min(start, Kt));
  while (Kt % k !== 0) k--;
  return k;
};

// create_matmul_program_config's choice between 2D multicast and the 1D systolic configs.
function autoVariant(s: MatmulShape, Mrows: number): MatmulVariant {
  const [height, width] = [Mrows * TILE, s.Nt * TILE];
  const narrow = Math.floor(Math.max(height, width) / Math.min(height, width)) > NARROW_RATIO;
  const withinTile = s.Kt <= 1 || s.Mt <= 1 || s.Nt <= 1;
  if (!narrow && !withinTile) return '2d-mcast';
  return Mrows > s.Nt ? '1d-in1' : '1d-in0';
}

// tt-metal's starting per-core block and K block for a variant.
function startingBlocks(s: MatmulShape, variant: MatmulVariant, Mrows: number) {
  if (variant === '2d-mcast') {
    return { perCoreM: ceilDiv(Mrows, s.grid.y), perCoreN: Math.max(1, ceilDiv(s.Nt, s.grid.x)), in0BlockW: dividing(s.Kt, 4) };
  }
  const cores = s.grid.x * s.grid.y;
  const in0BlockW = dividing(s.Kt, ceilDiv(s.Kt, cores));
  return variant === '1d-in1'
    ? { perCoreM: ceilDiv(Mrows, cores), perCoreN: s.Nt, in0BlockW }
    : { perCoreM: Mrows, perCoreN: ceilDiv(s.Nt, cores), in0BlockW };
}

export function checkShape(s: MatmulShape): void {
  const dims: [string, number][] = [['Mt', s.Mt], ['Kt', s.Kt], ['Nt', s.Nt], ['grid x', s.grid.x], ['grid y', s.grid.y], ['batch', s.batch ?? 1]];
  for (const [name, v] of dims) if (!Number.isInteger(v) || v < 1) throw badInput(`matmul: ${name} ${v}: expected a positive whole number`);
}

export function checkOverrides(o: MatmulOverrides): void {
  if (o.variant !== undefined && !MATMUL_VARIANTS.includes(o.variant)) throw badInput(`matmul: strategy ${o.variant}: expected one of ${MATMUL_VARIANTS.join(', ')}`);
  const names: Record<string, string> = { in0BlockW: 'in0_block_w', perCoreM: 'per_core_M', perCoreN: 'per_core_N', outSubblockH: 'out_subblock_h', outSubblockW: 'out_subblock_w' };
  for (const [key, name] of Object.entries(names)) {
    const v = o[key as keyof MatmulOverrides];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < 1)) throw badInput(`matmul: ${name} ${v}: expected a positive whole number of tiles`);
  }
}

// What tt-metal's validate and the hardware refuse, one line each.
export function validate(s: MatmulShape, c: MatmulProgramConfig, Mrows: number): void {
  const where = `matmul ${Mrows}×${s.Kt}×${s.Nt} tiles, ${c.variant}`;
  if (s.Kt % c.in0BlockW !== 0) throw badInput(`${where}: in0_block_w ${c.in0BlockW} does not divide Kt ${s.Kt}`);
  // The output block is the per-core block unless tt-metal shrank it to factors of it for L1.
  const [blockH, blockW] = [c.outBlockH === c.perCoreM ? 'per_core_M' : 'out_block_h', c.outBlockW === c.perCoreN ? 'per_core_N' : 'out_block_w'];
  if (c.outBlockH % c.outSubblockH !== 0) throw badInput(`${where}: out_subblock_h ${c.outSubblockH} does not divide ${blockH} ${c.outBlockH}`);
  if (c.outBlockW % c.outSubblockW !== 0) throw badInput(`${where}: out_subblock_w ${c.outSubblockW} does not divide ${blockW} ${c.outBlockW}`);
  const dst = maxSubblockTiles(s.fp32Acc);
  if (c.outSubblockH * c.outSubblockW > dst) {
    throw badInput(`${where}: sub-block ${c.outSubblockH}×${c.outSubblockW} is ${c.outSubblockH * c.outSubblockW} tiles, over half of Dst (${dst} tiles${s.fp32Acc ? ' with fp32 accumulation' : ''})`);
  }
  const [rows, cols] = [ceilDiv(Mrows, c.perCoreM), ceilDiv(s.Nt, c.perCoreN)];
  if (c.variant === '2d-mcast' ? rows > c.gridY || cols > c.gridX : rows * cols > c.gridX * c.gridY) {
    throw badInput(`${where}: per-core blocks of ${c.perCoreM}×${c.perCoreN} tiles need ${rows}×${cols} cores, more than the ${c.gridX}×${c.gridY} grid`);
  }
  const bytes = matmulCbBytes(s, c.outBlockH, c.outBlockW, c.in0BlockW);
  if (bytes >= s.l1FreeBytes) {
    throw badInput(`${where}: the CBs of a ${c.outBlockH}×${c.outBlockW} block with in0_block_w ${c.in0BlockW} take ${bytes} bytes of L1 on each core, over the ${s.l1FreeBytes} bytes free`);
  }
}

export function chooseMatmulConfig(s: MatmulShape, overrides: MatmulOverrides = {}): MatmulProgramConfig {
  checkShape(s);
  checkOverrides(overrides);
  const Mrows = (s.batch ?? 1) * s.Mt;
  const variant = overrides.variant ?? autoVariant(s, Mrows);
  const start = { ...startingBlocks(s, variant, Mrows), ...pick(overrides, ['perCoreM', 'perCoreN', 'in0BlockW']) };
  // A block the user sized is taken whole; tt-metal's own is shrunk to fit L1.
  const sized = ['perCoreM', 'perCoreN', 'in0BlockW'].some((k) => k in pick(overrides, ['perCoreM', 'perCoreN', 'in0BlockW']));
  const block = sized ? { h: start.perCoreM, w: start.perCoreN } : outputBlock(s, start.perCoreM, start.perCoreN, start.in0BlockW);
  const sub = subblockSizes(block.h, block.w, s.fp32Acc);
  // 2D multicast packs sub-blocks row by row across per_core_N only when one spans it.
  if (variant === '2d-mcast' && sub.w !== start.perCoreN) sub.h = 1;
  const config: MatmulProgramConfig = {
    variant, gridX: s.grid.x, gridY: s.grid.y, ...start, outBlockH: block.h, outBlockW: block.w,
    outSubblockH: overrides.outSubblockH ?? sub.h, outSubblockW: overrides.outSubblockW ?? sub.w,
  };
  validate(s, config, Mrows);
  return config;
}

export function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<Pick<T, K>>;
}

// One line for the summary: what the config is, in tt-metal's words.
export function describeMatmulConfig(c: MatmulProgramConfig): string {
  return `${c.variant}, in0_block_w ${c.in0BlockW}, per_core ${c.perCoreM}×${c.perCoreN}` +
    `${c.outBlockH !== c.perCoreM || c.outBlockW !== c.perCoreN ? `, out_block ${c.outBlockH}×${c.outBlockW}` : ''}, sub-block ${c.outSubblockH}×${c.outSubblockW}`;
}
