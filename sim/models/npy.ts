// NumPy .npy arrays (format versions 1.0, 2.0 and 3.0): read little-endian float32 or float64 in C
// order; write float32. The header is a Python dict literal: {'descr': '<f4', 'fortran_order':
// False, 'shape': (2, 3), }, padded with spaces and a newline to a multiple of 64 bytes.
import { writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { badInput } from '../errors.ts';
import { fsReason } from '../io/fs-errors.ts';
import { readUserFile } from '../io/read-file.ts';

export interface NpyArray {
  shape: number[];
  dtype: 'float32' | 'float64';
  data: Float32Array | Float64Array; // C order (row-major)
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const DESCR: Readonly<Record<string, NpyArray['dtype']>> = { '<f4': 'float32', '<f8': 'float64' };

export function readNpy(path: string): NpyArray {
  // 2 GiB: the most one Node buffer read holds.
  return decodeNpy(readUserFile(path, { what: 'a .npy array', maxBytes: 2 ** 31 - 1 }), path);
}

export function decodeNpy(bytes: Uint8Array, source: string): NpyArray {
  const fail = (message: string) => badInput(`${source}: ${message}`);
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw fail('not a .npy file (no \\x93NUMPY magic)');
  const major = bytes[6];
  if (major < 1 || major > 3) throw fail(`.npy format version ${major}.${bytes[7]} is not supported (1.0, 2.0, 3.0 are)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw fail('truncated header');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lengthBytes + headerLength;
  if (dataStart > bytes.length) throw fail(`header length ${headerLength} is beyond the file (${bytes.length} bytes)`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lengthBytes, dataStart));

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw fail(`corrupt header ${JSON.stringify(header.trim())}: expected descr, fortran_order and shape`);
  const dtype = DESCR[descr];
  if (!dtype) throw fail(`dtype '${descr}' is not supported (expected little-endian float32 '<f4' or float64 '<f8')`);
  if (fortran === 'True') throw fail('Fortran-order arrays are not supported (save a C-order array: np.ascontiguousarray)');
  const dims = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (!dims.every((d) => /^\d+$/.test(d))) throw fail(`corrupt header: shape (${shapeText}) is not a tuple of non-negative integers`);
  const shape = dims.map(Number);

  const count = shape.reduce((a, b) => a * b, 1);
  const elementBytes = dtype === 'float32' ? 4 : 8;
  const available = bytes.length - dataStart;
  if (available < count * elementBytes) throw fail(`truncated: shape (${shape.join(', ')}) of ${dtype} needs ${count * elementBytes} data bytes, the file has ${available}`);
  if (endianness() !== 'LE') throw fail('reading .npy data needs a little-endian host');
  // Copy into a fresh buffer: the data may not be aligned for a typed-array view (and a Buffer's
  // slice is a view of a shared pool, not a copy).
  const raw = new Uint8Array(count * elementBytes);
  raw.set(bytes.subarray(dataStart, dataStart + raw.length));
  const data = dtype === 'float32' ? new Float32Array(raw.buffer) : new Float64Array(raw.buffer);
  return { shape, dtype, data };
}

export function encodeNpy(shape: readonly number[], data: ArrayLike<number>): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new Error(`encodeNpy: ${data.length} values for shape (${shape.join(', ')})`);
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + 4 * count);
  out.set(MAGIC);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(new Uint8Array(Float32Array.from(data).buffer), 10 + header.length);
  return out;
}

export function writeNpy(path: string, shape: readonly number[], data: ArrayLike<number>): void {
  try {
    writeFileSync(path, encodeNpy(shape, data));
  } catch (e) {
    throw badInput(`cannot write ${path}: ${fsReason(e)}`);
  }
}
