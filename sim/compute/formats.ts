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

// A private instance for tilize/untilize, with room for one working tile and one memory tile.
let host: { codec: TileCodec; work: number; tile: number } | undefined;

function hostCodec(): { codec: TileCodec; work: number; tile: number } {
  if (!host) {
    const wasm = new RiscvWasm();
    host = { codec: new TileCodec(wasm), work: wasm.alloc(TILE_VALUES * 4), tile: wasm.alloc(TILE_BYTES.fp32) };
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

interface TileSpot {
  index: number; // in row-major tile order
  r0: number; // first tensor row and column of the tile
  c0: number;
  rows: number; // how many of its rows and columns are inside the tensor
  cols: number;
}

// Visits the tiles of a rows×cols tensor in row-major order, with the host codec's working tile
// (1024 f32) and memory tile views.
function eachTile(rows: number, cols: number, format: DataFormat, visit: (spot: TileSpot, work: Float32Array, tile: Uint8Array, addrs: { work: number; tile: number }) => void): void {
  const { tileRows, tileCols } = tileGrid(rows, cols);
  const { codec, work, tile } = hostCodec();
  const buffer = codec.wasm.exports.memory.buffer;
  const w = new Float32Array(buffer, work, TILE_VALUES);
  const t = new Uint8Array(buffer, tile, TILE_BYTES[format]);
  for (let tr = 0; tr < tileRows; tr++) {
    for (let tc = 0; tc < tileCols; tc++) {
      const r0 = tr * TILE_DIM;
      const c0 = tc * TILE_DIM;
      const spot = { index: tr * tileCols + tc, r0, c0, rows: Math.min(TILE_DIM, rows - r0), cols: Math.min(TILE_DIM, cols - c0) };
      visit(spot, w, t, { work, tile });
    }
  }
}

// Row-major rows×cols tensor → its tiles in row-major tile order, each in the face layout.
// Shapes that are not a multiple of 32 are zero-padded up to the next multiple.
export function tilize(values: Float32Array, rows: number, cols: number, format: DataFormat): Uint8Array {
  if (values.length !== rows * cols) throw badInput(`tilize: ${values.length} values for a ${rows}×${cols} tensor`);
  const id = formatId(format);
  const size = TILE_BYTES[format];
  const out = new Uint8Array(tilizedBytes(rows, cols, format));
  const { codec } = hostCodec();
  eachTile(rows, cols, format, (spot, w, t, addrs) => {
    if (spot.rows < TILE_DIM || spot.cols < TILE_DIM) w.fill(0);
    for (let r = 0; r < spot.rows; r++) {
      const s = (spot.r0 + r) * cols + spot.c0;
      w.set(values.subarray(s, s + spot.cols), r * TILE_DIM);
    }
    codec.wasm.exports.packTile(addrs.work, id, addrs.tile);
    out.set(t, spot.index * size);
  });
  return out;
}

// Tiles (as produced by tilize) → the row-major rows×cols tensor, dropping the padding.
export function untilize(bytes: Uint8Array, rows: number, cols: number, format: DataFormat): Float32Array {
  const id = formatId(format);
  const size = TILE_BYTES[format];
  if (bytes.length !== tilizedBytes(rows, cols, format)) {
    throw badInput(`untilize: ${bytes.length} bytes for a ${rows}×${cols} tensor of ${format} tiles (${size} B each)`);
  }
  const out = new Float32Array(rows * cols);
  const { codec } = hostCodec();
  eachTile(rows, cols, format, (spot, w, t, addrs) => {
    t.set(bytes.subarray(spot.index * size, (spot.index + 1) * size));
    codec.wasm.exports.unpackTile(addrs.tile, id, addrs.work);
    for (let r = 0; r < spot.rows; r++) out.set(w.subarray(r * TILE_DIM, r * TILE_DIM + spot.cols), (spot.r0 + r) * cols + spot.c0);
  });
  return out;
}
