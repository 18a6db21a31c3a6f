// Host-side transfers, as ttnn's from_torch(...).to(device) and ttnn.to_torch: row-major values are
// tilized (padded to whole tiles) into the tensor's format and written where each tile lives; read
// back, they are untilized and the padding dropped. Host transfers take no simulated time.
import { tilizeBands, untilizeBands, type DataFormat } from '../compute/formats.ts';
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

// Writes row-major values into a tensor already on the device, a band of tiles at a time.
export function writeTensor(t: Tensor, values: Float32Array): void {
  const count = t.batch * t.rows * t.cols;
  if (values.length !== count) throw badInput(`${t.name}: ${values.length} values for shape [${t.shape.join(', ')}] (${count} values)`);
  const perMatrix = t.rows * t.cols;
  const matrixTiles = tilesPerMatrix(t);
  for (let b = 0; b < t.batch; b++) {
    tilizeBands(values.subarray(b * perMatrix, (b + 1) * perMatrix), t.rows, t.cols, t.dtype, (first, tiles) => placeTiles(t, b * matrixTiles + first, tiles));
  }
}

// The tensor's values, row-major over its shape (functional mode only).
export function fromDevice(t: Tensor): Float32Array {
  if (t.device.mode !== 'functional') throw badInput(`${t.name}: values are only computed in functional mode`);
  const perMatrix = t.rows * t.cols;
  const matrixTiles = tilesPerMatrix(t);
  const out = new Float32Array(t.batch * perMatrix);
  for (let b = 0; b < t.batch; b++) {
    untilizeBands(t.rows, t.cols, t.dtype, (first, tiles) => gatherTiles(t, b * matrixTiles + first, tiles), out.subarray(b * perMatrix, (b + 1) * perMatrix));
  }
  return out;
}

const tilesPerMatrix = (t: Tensor) => t.layout.grid.rowTiles * t.layout.grid.width;

// Consecutive tiles of the tile matrix's row-major order, from tile `first` on → their homes.
function placeTiles(t: Tensor, first: number, tiles: Uint8Array): void {
  const device: Device = t.device;
  const bytes = t.layout.tileBytes;
  if (t.memory.kind === 'dram-interleaved') return device.dram.writeBuffer(t.dram, tiles, first * bytes); // pages are in tile order
  eachHome(t, first, tiles.length / bytes, (i, home) => {
    const data = tiles.subarray(i * bytes, (i + 1) * bytes);
    if ('page' in home) device.dram.writeBuffer(t.dram, data, home.page * bytes);
    else device.writeL1(home.core, t.l1.address + home.offset, data);
  });
}

// Fills `tiles` with consecutive tiles from tile `first` on, from their homes.
function gatherTiles(t: Tensor, first: number, tiles: Uint8Array): void {
  const device: Device = t.device;
  const bytes = t.layout.tileBytes;
  if (t.memory.kind === 'dram-interleaved') {
    device.dram.readBuffer(t.dram, first * bytes, tiles.length, tiles);
    return;
  }
  eachHome(t, first, tiles.length / bytes, (i, home) => {
    tiles.set('page' in home ? device.dram.readBuffer(t.dram, home.page * bytes, bytes) : device.readL1(home.core, t.l1.address + home.offset, bytes), i * bytes);
  });
}

// Visits tiles first … first + count − 1 with their place in that run and their homes.
function eachHome(t: Tensor, first: number, count: number, visit: (i: number, home: ReturnType<Tensor['layout']['home']>) => void): void {
  const { width } = t.layout.grid;
  for (let i = 0; i < count; i++) visit(i, t.layout.home(Math.floor((first + i) / width), (first + i) % width));
}
