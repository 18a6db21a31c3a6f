// How a tensor's values map to tiles and where each tile lives. A tensor of shape [..., rows, cols]
// is seen as one 2-D matrix of tiles: the leading dims are stacked, so its height is
// product(leading dims) × ceil(rows / 32) tiles and its width ceil(cols / 32) tiles (ttnn's
// physical shape; each matrix padded with zeros to whole tiles). Tiles are numbered row-major over
// that matrix; within a shard they are row-major over the shard.
import type { Coord } from '../arch/types.ts';
import { TILE_BYTES, TILE_DIM, type DataFormat } from '../compute/formats.ts';
import { badInput } from '../errors.ts';
import { coresOf } from '../host/program.ts';
import type { MemoryConfig, ShardSpec } from './memory-config.ts';

export interface TileGrid {
  batch: number; // product of the leading dims
  rowTiles: number; // per matrix
  height: number; // tile rows of the whole tensor: batch × rowTiles
  width: number; // tile columns
}

// Where a tile is: a page of a DRAM buffer, or an offset in the L1 shard of a core.
export type TileHome = { page: number } | { core: Coord; offset: number };

export function tileGridOf(shape: readonly number[]): TileGrid {
  if (shape.length < 1 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw badInput(`tensor shape [${shape.join(', ')}]: expected positive whole dimensions`);
  }
  const dims = shape.length === 1 ? [1, shape[0]] : shape;
  const batch = dims.slice(0, -2).reduce((a, b) => a * b, 1);
  const rowTiles = Math.ceil(dims[dims.length - 2] / TILE_DIM);
  return { batch, rowTiles, height: batch * rowTiles, width: Math.ceil(dims[dims.length - 1] / TILE_DIM) };
}

// A tensor's placement: how many tiles, how its pages or shards are laid out, and tile → home.
export class TensorLayout {
  readonly grid: TileGrid;
  readonly tileBytes: number;
  readonly shardTiles?: { rows: number; cols: number; cores: Coord[] }; // L1 sharded
  readonly bankTileCols?: number; // DRAM sharded: tile columns per bank

  constructor(readonly shape: readonly number[], readonly dtype: DataFormat, readonly memory: MemoryConfig, banks: number, what: string) {
    this.grid = tileGridOf(shape);
    this.tileBytes = TILE_BYTES[dtype];
    const { height, width } = this.grid;
    if (memory.kind === 'dram-sharded') {
      const cols = memory.shardCols / TILE_DIM;
      if (!Number.isInteger(cols) || cols < 1) throw badInput(`${what}: DRAM shard width ${memory.shardCols}: expected a positive multiple of 32 columns`);
      if (Math.ceil(width / cols) > banks) {
        throw badInput(`${what}: ${width * TILE_DIM} columns in DRAM shards of ${memory.shardCols} need ${Math.ceil(width / cols)} banks, the device has ${banks}`);
      }
      this.bankTileCols = cols;
    }
    if (memory.kind === 'l1-sharded') this.shardTiles = shardTiles(memory.shard, height, width, what);
  }

  get tiles(): number {
    return this.grid.height * this.grid.width;
  }

  // DRAM pages the tensor's buffer holds (with a sharded layout, every bank's shard is full-size).
  get pages(): number {
    return this.bankTileCols ? this.pagesPerBank! * Math.ceil(this.grid.width / this.bankTileCols) : this.tiles;
  }

  get pagesPerBank(): number | undefined {
    return this.bankTileCols && this.grid.height * this.bankTileCols;
  }

  get shardBytes(): number {
    const s = this.shardTiles!;
    return s.rows * s.cols * this.tileBytes;
  }

  // The home of tile (r, c) of the tile matrix.
  home(r: number, c: number): TileHome {
    const { width } = this.grid;
    if (this.bankTileCols) {
      const k = this.bankTileCols;
      return { page: Math.floor(c / k) * this.pagesPerBank! + r * k + (c % k) };
    }
    if (!this.shardTiles) return { page: r * width + c };
    const s = this.shardTiles;
    const shard = this.shardOf(r, c);
    return { core: s.cores[shard.index], offset: ((r - shard.r0) * s.cols + (c - shard.c0)) * this.tileBytes };
  }

  // Which shard holds tile (r, c), and the tile where that shard starts.
  shardOf(r: number, c: number): { index: number; r0: number; c0: number } {
    const s = this.shardTiles!;
    const spec = (this.memory as { shard: ShardSpec }).shard;
    const [i, j] = [Math.floor(r / s.rows), Math.floor(c / s.cols)];
    const across = Math.ceil(this.grid.width / s.cols); // shards along a row of the tensor
    let index = i * across + j; // height and width shards: dealt in order
    if (spec.layout === 'block') {
      // row-major: shard (i, j) on core row i, column j of the range; col-major: on row j, column i
      const rangeCols = spec.cores.end.x - spec.cores.start.x + 1;
      index = spec.orientation === 'row-major' ? i * rangeCols + j : j * rangeCols + i;
    }
    return { index, r0: i * s.rows, c0: j * s.cols };
  }
}

// The shard's size in tiles and the cores that hold shards, in the order shards are dealt.
function shardTiles(spec: ShardSpec, height: number, width: number, what: string) {
  const [rows, cols] = spec.shape.map((v) => v / TILE_DIM);
  if (![rows, cols].every((v) => Number.isInteger(v) && v >= 1)) {
    throw badInput(`${what}: shard shape ${spec.shape[0]}×${spec.shape[1]}: expected positive multiples of 32`);
  }
  const range = spec.cores;
  const rangeRows = range.end.y - range.start.y + 1;
  const rangeCols = range.end.x - range.start.x + 1;
  const inRange = coresOf(range);
  const byColumn = [...inRange].sort((a, b) => a.x - b.x || a.y - b.y);
  const [down, across] = [Math.ceil(height / rows), Math.ceil(width / cols)];
  const tensor = `${height * TILE_DIM}×${width * TILE_DIM}`;
  const fail = (why: string) => badInput(`${what}: ${spec.layout} shards of ${spec.shape[0]}×${spec.shape[1]} on ${rangeRows}×${rangeCols} cores do not tile the ${tensor} tensor: ${why}`);
  switch (spec.layout) {
    case 'height':
      if (cols !== width) throw fail(`a height shard must be the full ${width * TILE_DIM} columns wide`);
      if (down > inRange.length) throw fail(`${down} shards for ${inRange.length} cores`);
      break;
    case 'width':
      if (rows !== height) throw fail(`a width shard must be the full ${height * TILE_DIM} rows high`);
      if (across > inRange.length) throw fail(`${across} shards for ${inRange.length} cores`);
      break;
    case 'block': {
      const [gridRows, gridCols] = spec.orientation === 'row-major' ? [rangeRows, rangeCols] : [rangeCols, rangeRows];
      if (down > gridRows || across > gridCols) throw fail(`${down}×${across} shards for the ${rangeRows}×${rangeCols} core grid`);
      return { rows, cols, cores: inRange };
    }
  }
  const ordered = spec.orientation === 'row-major' ? inRange : byColumn;
  return { rows, cols, cores: ordered.slice(0, Math.max(down, across)) };
}
