// Writes .safetensors files, for tests and for users' scripts: tensors in the order given, the
// header padded with spaces to a multiple of 8 bytes (as the safetensors library writes it), and
// sharded checkpoints with a model.safetensors.index.json weight_map as Hugging Face saves them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { badInput } from '../errors.ts';
import { fsReason } from '../io/fs-errors.ts';
import { floatToBf16Bits, floatToF16Bits } from './half-float.ts';
import type { ValueDtype } from './safetensors.ts';

export interface TensorToWrite {
  dtype: ValueDtype;
  shape: readonly number[];
  data: ArrayLike<number>; // row-major, converted to dtype (rounded to nearest even)
}

export function encodeSafetensors(tensors: Readonly<Record<string, TensorToWrite>>, metadata?: Readonly<Record<string, string>>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  const parts: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`${name}: ${t.data.length} values for shape [${t.shape.join(', ')}]`);
    const bytes = encodeValues(t);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (Buffer.byteLength(json) % 8)) % 8);
  const headerBytes = Buffer.from(json, 'utf8');
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function encodeValues(t: TensorToWrite): Uint8Array {
  const n = t.data.length;
  if (t.dtype === 'F32') return new Uint8Array(Float32Array.from(t.data).buffer);
  const toBits = t.dtype === 'BF16' ? floatToBf16Bits : floatToF16Bits;
  const out = new Uint8Array(2 * n);
  for (let i = 0; i < n; i++) {
    const bits = toBits(t.data[i]);
    out[2 * i] = bits & 0xff;
    out[2 * i + 1] = bits >>> 8;
  }
  return out;
}

export function writeSafetensors(path: string, tensors: Readonly<Record<string, TensorToWrite>>, metadata?: Readonly<Record<string, string>>): void {
  write(path, encodeSafetensors(tensors, metadata));
}

// Writes each shard (file name → its tensors) into dir, and dir/model.safetensors.index.json.
export function writeShardedSafetensors(dir: string, shards: Readonly<Record<string, Readonly<Record<string, TensorToWrite>>>>): string {
  const weightMap: Record<string, string> = {};
  let totalSize = 0;
  for (const [file, tensors] of Object.entries(shards)) {
    const bytes = encodeSafetensors(tensors, { format: 'pt' });
    write(join(dir, file), bytes);
    for (const [name, t] of Object.entries(tensors)) {
      weightMap[name] = file;
      totalSize += t.data.length * (t.dtype === 'F32' ? 4 : 2); // bytes of tensor data, as HF counts it
    }
  }
  const index = join(dir, 'model.safetensors.index.json');
  write(index, JSON.stringify({ metadata: { total_size: totalSize }, weight_map: weightMap }, null, 2) + '\n');
  return index;
}

function write(path: string, bytes: Uint8Array | string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  } catch (e) {
    throw badInput(`cannot write ${path}: ${fsReason(e)}`);
  }
}
