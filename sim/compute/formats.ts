// Tile data formats on the host side: format names, tile sizes, a wrapper around the wasm codec
// (sim/wasm/formats.ts, where the layout and rounding rules are documented), and tilize/untilize
// between row-major tensors and tiles. There is one implementation of each format: the wasm one.
//
// In memory a tile is 32×32 values in the face layout (faces top-left, top-right, bottom-left,
// bottom-right; row-major within a face); the working form is 1024 f32 row-major.
import { badInput } from '../errors.ts';
import { RiscvWasm } from '../riscv/wasm.ts';
import { DATA_FORMATS, FORMAT_ID, type DataFormat } from './format-names.ts';

export { DATA_FORMATS, FORMAT_ID, type DataFormat } from './format-names.ts';

export const TILE_DIM = 32;
export const TILE_VALUES = TILE_DIM * TILE_DIM;

// Bytes of one tile in memory (hardware.md §2.4, tt-metal constants.hpp).
export const TILE_BYTES: Readonly<Record<DataFormat, number>> = {
  fp32: 4096,
  bf16: 2048,
  bfp8_b: 1024 + 64, // 64 shared exponents, then one byte per value
  bfp4_b: 512 + 64, // 64 shared exponents, then one nibble per value
};

function formatId(format: DataFormat): number {
  const id = FORMAT_ID[format];
  if (id === undefined) throw badInput(`unknown data format '${String(format)}' (known: ${DATA_FORMATS.join(', ')})`);
  return id;
}

// Converts tiles inside one wasm instance's linear memory. Addresses are linear addresses.
export class TileCodec {
  constructor(readonly wasm: RiscvWasm) {}

  // Memory tile in `format` at srcAddr → 1024 f32 row-major at dstAddr.
  unpack(srcAddr: number, format: DataFormat, dstAddr: number): void {
    this.wasm.exports.unpackTile(srcAddr, formatId(format), dstAddr);
  }

  // 1024 f32 row-major at srcAddr → memory tile in `format` at dstAddr.
  pack(srcAddr: number, format: DataFormat, dstAddr: number): void {
    this.wasm.exports.packTile(srcAddr, formatId(format), dstAddr);
  }
}

// A private instance for tilize/untilize, with room for a band of BAND_TILES tiles side by side
// (32 rows of f32), as many memory tiles, and one working tile.
const BAND_TILES = 64;
let host: { wasm: RiscvWasm; band: number; tiles: number; work: number } | undefined;

function hostCodec(): { wasm: RiscvWasm; band: number; tiles: number; work: number } {
  if (!host) {
    const wasm = new RiscvWasm();
    host = { wasm, band: wasm.alloc(BAND_TILES * TILE_BYTES.fp32), tiles: wasm.alloc(BAND_TILES * TILE_BYTES.fp32), work: wasm.alloc(TILE_BYTES.fp32) };
  }
  return host;
}

export function tileGrid(rows: number, cols: number): { tileRows: number; tileCols: number } {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw badInput(`tensor shape must be non-negative integers, got ${rows}×${cols}`);
  }
  return { tileRows: Math.ceil(rows / TILE_DIM), tileCols: Math.ceil(cols / TILE_DIM) };
}

// Bytes of a rows×cols tensor once tilized (padded up to whole tiles).
export function tilizedBytes(rows: number, cols: number, format: DataFormat): number {
  const { tileRows, tileCols } = tileGrid(rows, cols);
  formatId(format);
  return tileRows * tileCols * TILE_BYTES[format];
}

interface BandSpot {
  first: number; // index of its first tile, in row-major tile order
  tiles: number; // tiles side by side in the band
  r0: number; // first tensor row and column of the band
  c0: number;
  rows: number; // how many of its rows and columns are inside the tensor
  cols: number;
}

// Visits a rows×cols tensor in bands of up to BAND_TILES tiles of one tile row, in row-major tile
// order, with views of the host codec's band (32 × tiles·32 f32, row-major) and memory tiles;
// `convert` runs the codec over them (band → tiles for pack, tiles → band for unpack).
function eachBand(rows: number, cols: number, format: DataFormat, visit: (spot: BandSpot, band: Float32Array, tiles: Uint8Array, convert: (pack: boolean) => void) => void): void {
  const { tileRows, tileCols } = tileGrid(rows, cols);
  const { wasm, band, tiles, work } = hostCodec();
  const id = formatId(format);
  const size = TILE_BYTES[format];
  const buffer = wasm.exports.memory.buffer;
  for (let tr = 0; tr < tileRows; tr++) {
    for (let tc = 0; tc < tileCols; tc += BAND_TILES) {
      const n = Math.min(BAND_TILES, tileCols - tc);
      const [r0, c0] = [tr * TILE_DIM, tc * TILE_DIM];
      const spot = { first: tr * tileCols + tc, tiles: n, r0, c0, rows: Math.min(TILE_DIM, rows - r0), cols: Math.min(n * TILE_DIM, cols - c0) };
      const convert = (pack: boolean) => (pack ? wasm.exports.packTileRow(band, n, id, size, work, tiles) : wasm.exports.unpackTileRow(tiles, n, id, size, work, band));
      visit(spot, new Float32Array(buffer, band, n * TILE_VALUES), new Uint8Array(buffer, tiles, n * size), convert);
    }
  }
}

// Row-major rows×cols tensor → its tiles in row-major tile order, each in the face layout.
// Shapes that are not a multiple of 32 are zero-padded up to the next multiple.
export function tilize(values: Float32Array, rows: number, cols: number, format: DataFormat): Uint8Array {
  const size = TILE_BYTES[format];
  const out = new Uint8Array(tilizedBytes(rows, cols, format));
  tilizeBands(values, rows, cols, format, (first, tiles) => out.set(tiles, first * size));
  return out;
}

// tilize a band of up to 64 tiles at a time, without the whole tilized copy: `place` gets the
// index of the band's first tile and its tiles, a view valid until it returns.
export function tilizeBands(values: Float32Array, rows: number, cols: number, format: DataFormat, place: (firstTile: number, tiles: Uint8Array) => void): void {
  if (values.length !== rows * cols) throw badInput(`tilize: ${values.length} values for a ${rows}×${cols} tensor`);
  eachBand(rows, cols, format, (spot, band, tiles, convert) => {
    const width = spot.tiles * TILE_DIM;
    if (spot.rows < TILE_DIM || spot.cols < width) band.fill(0);
    if (width === cols) band.set(values.subarray(spot.r0 * cols, (spot.r0 + spot.rows) * cols)); // whole rows: one copy
    else {
      for (let r = 0; r < spot.rows; r++) {
        const s = (spot.r0 + r) * cols + spot.c0;
        band.set(values.subarray(s, s + spot.cols), r * width);
      }
    }
    convert(true);
    place(spot.first, tiles);
  });
}

// Tiles (as produced by tilize) → the row-major rows×cols tensor, dropping the padding.
export function untilize(bytes: Uint8Array, rows: number, cols: number, format: DataFormat): Float32Array {
  const size = TILE_BYTES[format];
  if (bytes.length !== tilizedBytes(rows, cols, format)) {
    throw badInput(`untilize: ${bytes.length} bytes for a ${rows}×${cols} tensor of ${format} tiles (${size} B each)`);
  }
  return untilizeBands(rows, cols, format, (first, tiles) => tiles.set(bytes.subarray(first * size, first * size + tiles.length)));
}

// untilize a band at a time into `out` (rows × cols values, for example part of a larger array):
// `fetch` fills the view it gets with the tiles from the band's first tile on.
export function untilizeBands(rows: number, cols: number, format: DataFormat, fetch: (firstTile: number, tiles: Uint8Array) => void, out = new Float32Array(rows * cols)): Float32Array {
  if (out.length !== rows * cols) throw badInput(`untilize: room for ${out.length} values, a ${rows}×${cols} tensor has ${rows * cols}`);
  eachBand(rows, cols, format, (spot, band, tiles, convert) => {
    fetch(spot.first, tiles);
    convert(false);
    const width = spot.tiles * TILE_DIM;
    if (width === cols) out.set(band.subarray(0, spot.rows * cols), spot.r0 * cols); // whole rows: one copy
    else for (let r = 0; r < spot.rows; r++) out.set(band.subarray(r * width, r * width + spot.cols), (spot.r0 + r) * cols + spot.c0);
  });
  return out;
}
