// Reads .safetensors files (Hugging Face's format): an 8-byte little-endian header length, a JSON
// header naming each tensor's dtype, shape and data_offsets (relative to the end of the header),
// then the bytes. Opening reads the header only; each tensor is read from its own byte range, so a
// multi-GB checkpoint is never read whole. Every defect is one line naming the file (and tensor).
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { badInput, describeValue } from '../errors.ts';
import { fsReason } from '../io/fs-errors.ts';
import { kindOf } from '../io/read-file.ts';
import { decodeBf16, decodeF16 } from './half-float.ts';

// Bytes per element of the dtypes the format defines; only F32, F16 and BF16 can be read as values.
const DTYPE_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1, U8: 1, I8: 1, F8_E4M3: 1, F8_E5M2: 1, I16: 2, U16: 2, F16: 2, BF16: 2, I32: 4, U32: 4, F32: 4, I64: 8, U64: 8, F64: 8,
};
export const VALUE_DTYPES = ['F32', 'F16', 'BF16'] as const;
export type ValueDtype = (typeof VALUE_DTYPES)[number];

// The safetensors library refuses headers above 100 MB; so do we, before allocating one.
const MAX_HEADER_BYTES = 100_000_000;
const READ_CHUNK = 1 << 30; // readSync reads at most 2 GiB − 1 at once

export interface SafetensorsEntry {
  name: string;
  dtype: string;
  shape: readonly number[];
  start: number; // absolute byte offsets in the file
  end: number;
}

export class SafetensorsFile {
  private constructor(
    readonly path: string,
    readonly entries: ReadonlyMap<string, SafetensorsEntry>,
    readonly metadata: Readonly<Record<string, string>>,
  ) {}

  static open(path: string): SafetensorsFile {
    const fd = openFile(path);
    try {
      const size = fstatSync(fd).size;
      if (size < 8) throw badInput(`${path}: ${size} bytes, too short for a safetensors header`);
      const prefix = readBytes(fd, path, 0, 8);
      const headerBytes = Number(new DataView(prefix.buffer).getBigUint64(0, true));
      if (headerBytes > size - 8) throw badInput(`${path}: header length ${headerBytes} is beyond the file (${size} bytes)`);
      if (headerBytes > MAX_HEADER_BYTES) throw badInput(`${path}: header length ${headerBytes} is above the ${MAX_HEADER_BYTES}-byte limit`);
      const { entries, metadata } = parseHeader(readBytes(fd, path, 8, headerBytes), path, 8 + headerBytes, size);
      return new SafetensorsFile(path, entries, metadata);
    } finally {
      closeSync(fd);
    }
  }

  // The tensor's values as float32, in its stored shape (row-major).
  read(name: string): Float32Array {
    const e = this.entries.get(name);
    if (!e) throw badInput(`${this.path}: no tensor ${name}`);
    if (!(VALUE_DTYPES as readonly string[]).includes(e.dtype)) {
      throw badInput(`${this.path}: ${name}: dtype ${e.dtype}, expected one of ${VALUE_DTYPES.join(', ')}`);
    }
    if (endianness() !== 'LE') throw badInput(`${this.path}: reading tensors needs a little-endian host`);
    const fd = openFile(this.path);
    try {
      const bytes = readBytes(fd, this.path, e.start, e.end - e.start);
      if (e.dtype === 'BF16') return decodeBf16(bytes);
      if (e.dtype === 'F16') return decodeF16(bytes);
      return new Float32Array(bytes.buffer, 0, bytes.length / 4);
    } finally {
      closeSync(fd);
    }
  }
}

function parseHeader(bytes: Uint8Array, path: string, dataStart: number, size: number) {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    throw badInput(`${path}: corrupt header: not JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw badInput(`${path}: corrupt header: expected a JSON object, got ${describeValue(json)}`);
  const entries = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, v] of Object.entries(json as Record<string, unknown>)) {
    if (name === '__metadata__') metadata = parseMetadata(v, path);
    else entries.set(name, parseEntry(name, v, path, dataStart, size));
  }
  checkNoOverlap([...entries.values()], path);
  return { entries, metadata };
}

function parseMetadata(v: unknown, path: string): Record<string, string> {
  const ok = typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string');
  if (!ok) throw badInput(`${path}: __metadata__: expected an object of strings, got ${describeValue(v)}`);
  return v as Record<string, string>;
}

function parseEntry(name: string, v: unknown, path: string, dataStart: number, size: number): SafetensorsEntry {
  const fail = (what: string, got: unknown) => badInput(`${path}: ${name}: ${what}, got ${describeValue(got)}`);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw fail('expected an object with dtype, shape and data_offsets', v);
  const { dtype, shape, data_offsets: offsets } = v as Record<string, unknown>;
  if (typeof dtype !== 'string') throw fail('dtype: expected a string', dtype);
  const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!Array.isArray(shape) || !shape.every(isCount)) throw fail('shape: expected an array of non-negative integers', shape);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount) || offsets[0] > offsets[1]) {
    throw fail('data_offsets: expected [begin, end] with 0 ≤ begin ≤ end', offsets);
  }
  const [begin, end] = offsets as number[];
  if (dataStart + end > size) throw badInput(`${path}: ${name}: data_offsets end at ${end}, past the end of the data (${size - dataStart} bytes)`);
  const elementBytes = DTYPE_BYTES[dtype];
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  if (elementBytes !== undefined && end - begin !== count * elementBytes) {
    throw badInput(`${path}: ${name}: data_offsets span ${end - begin} bytes, but shape [${shape.join(', ')}] of ${dtype} needs ${count * elementBytes}`);
  }
  return { name, dtype, shape: shape as number[], start: dataStart + begin, end: dataStart + end };
}

function checkNoOverlap(entries: SafetensorsEntry[], path: string): void {
  const sorted = entries.filter((e) => e.end > e.start).sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) throw badInput(`${path}: ${sorted[i].name}: data_offsets overlap those of ${sorted[i - 1].name}`);
  }
}

// Only a regular file; non-blocking, so that a named pipe is refused instead of waited on.
function openFile(path: string): number {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw badInput(`cannot read ${path}: ${fsReason(e)} (expected a .safetensors file)`);
  }
  const st = fstatSync(fd);
  if (st.isFile()) return fd;
  closeSync(fd);
  throw badInput(`cannot read ${path}: ${kindOf(st)} (expected a .safetensors file)`);
}

// `length` bytes from `position`, into a fresh (aligned) buffer; a short read means the file shrank.
function readBytes(fd: number, path: string, position: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let done = 0; done < length; ) {
    const n = readSync(fd, out, done, Math.min(READ_CHUNK, length - done), position + done);
    if (n === 0) throw badInput(`${path}: truncated: ended at byte ${position + done}, expected ${position + length}`);
    done += n;
  }
  return out;
}
