// Host-side transfers, as ttnn's from_torch(...).to(device) and ttnn.to_torch: row-major values are
// tilized (padded to whole tiles) into the tensor's format and written where each tile lives; read
// back, they are untilized and the padding dropped. Host transfers take no simulated time.
import { tilize, untilize, type DataFormat } from '../compute/formats.ts';
import type { Device } from '../host/device.ts';
import { badInput } from '../errors.ts';
import type { MemoryConfig } from './memory-config.ts';
import { Tensor } from './tensor.ts';

// A new tensor on the device holding `values` (row-major over `shape`); in timing mode, or without
// values, only allocated.
export function toDevice(device: Device, values: Float32Array | undefined, shape: readonly number[], dtype: DataFormat, memory: MemoryConfig, name?: string): Tensor {
  const t = new Tensor(device, shape, dtype, memory, name);
  if (values && device.mode === 'functional') writeTensor(t, values);
  return t;
}

// Writes row-major values into a tensor already on the device.
export function writeTensor(t: Tensor, values: Float32Array): void {
  const count = t.batch * t.rows * t.cols;
  if (values.length !== count) throw badInput(`${t.name}: ${values.length} values for shape [${t.shape.join(', ')}] (${count} values)`);
  const perMatrix = t.rows * t.cols;
  const matrixBytes = matrixTileBytes(t);
  const tiles = new Uint8Array(t.batch * matrixBytes);
  for (let b = 0; b < t.batch; b++) tilize(values.subarray(b * perMatrix, (b + 1) * perMatrix), t.rows, t.cols, t.dtype, tiles.subarray(b * matrixBytes, (b + 1) * matrixBytes));
  placeTiles(t, tiles);
}

// The tensor's values, row-major over its shape (functional mode only).
export function fromDevice(t: Tensor): Float32Array {
  if (t.device.mode !== 'functional') throw badInput(`${t.name}: values are only computed in functional mode`);
  const tiles = gatherTiles(t);
  const perMatrix = t.rows * t.cols;
  const matrixBytes = matrixTileBytes(t);
  const out = new Float32Array(t.batch * perMatrix);
  for (let b = 0; b < t.batch; b++) untilize(tiles.subarray(b * matrixBytes, (b + 1) * matrixBytes), t.rows, t.cols, t.dtype, out.subarray(b * perMatrix, (b + 1) * perMatrix));
  return out;
}

const matrixTileBytes = (t: Tensor) => t.layout.grid.rowTiles * t.layout.grid.width * t.layout.tileBytes;

// Tiles in the tile matrix's row-major order → their homes.
function placeTiles(t: Tensor, tiles: Uint8Array): void {
  const device: Device = t.device;
  if (t.memory.kind === 'dram-interleaved') return device.writeBuffer(t.dram, tiles); // pages are in tile order
  eachHome(t, (i, bytes, home) => {
    const data = tiles.subarray(i * bytes, (i + 1) * bytes);
    if ('page' in home) device.dram.writeBuffer(t.dram, data, home.page * bytes);
    else device.writeL1(home.core, t.l1.address + home.offset, data);
  });
}

function gatherTiles(t: Tensor): Uint8Array {
  const device: Device = t.device;
  const { grid, tileBytes } = t.layout;
  if (t.memory.kind === 'dram-interleaved') return device.dram.readBuffer(t.dram, 0, grid.height * grid.width * tileBytes);
  const tiles = new Uint8Array(grid.height * grid.width * tileBytes);
  eachHome(t, (i, bytes, home) => {
    tiles.set('page' in home ? device.dram.readBuffer(t.dram, home.page * bytes, bytes) : device.readL1(home.core, t.l1.address + home.offset, bytes), i * bytes);
  });
  return tiles;
}

function eachHome(t: Tensor, visit: (tile: number, tileBytes: number, home: ReturnType<Tensor['layout']['home']>) => void): void {
  const { grid, tileBytes } = t.layout;
  for (let r = 0; r < grid.height; r++) for (let c = 0; c < grid.width; c++) visit(r * grid.width + c, tileBytes, t.layout.home(r, c));
}
