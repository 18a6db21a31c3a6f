import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layerOutputFiles, readActivations, readKvCache } from '../../sim/models/activations.ts';
import { decodeNpy, encodeNpy, readNpy, writeNpy } from '../../sim/models/npy.ts';
import { llamaConfig, tempDir, thrown } from './models-helpers.ts';

// A .npy file as numpy writes one: magic, version, header length, dict header, data.
function npyBytes(header: string, data: Uint8Array, major = 1): Uint8Array {
  const lengthBytes = major === 1 ? 2 : 4;
  const out = new Uint8Array(8 + lengthBytes + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, major, 0]);
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  out.set(Buffer.from(header, 'latin1'), 8 + lengthBytes);
  out.set(data, 8 + lengthBytes + header.length);
  return out;
}

describe('.npy', () => {
  it('writes float32 v1.0 with the header padded to 64 bytes, and reads it back', () => {
    const bytes = encodeNpy([2, 3], [1, 2, 3, 4, 5, 6.5]);
    const headerLength = new DataView(bytes.buffer).getUint16(8, true);
    expect((10 + headerLength) % 64).toBe(0);
    expect(Buffer.from(bytes.subarray(10, 10 + headerLength)).toString('latin1')).toMatch(/^\{'descr': '<f4', 'fortran_order': False, 'shape': \(2, 3\), \} *\n$/);
    expect(decodeNpy(bytes, 'x.npy')).toEqual({ shape: [2, 3], dtype: 'float32', data: new Float32Array([1, 2, 3, 4, 5, 6.5]) });
    expect(decodeNpy(encodeNpy([4], [1, 2, 3, 4]), 'x').shape).toEqual([4]);
    expect(decodeNpy(encodeNpy([], [7]), 'x')).toMatchObject({ shape: [], data: new Float32Array([7]) });
  });

  it('reads float64 from a v2.0 file with an unaligned data start', () => {
    const data = new Uint8Array(new Float64Array([0.1, -2e300]).buffer);
    const a = decodeNpy(npyBytes("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }\n", data, 2), 'x.npy');
    expect(a.dtype).toBe('float64');
    expect([...a.data]).toEqual([0.1, -2e300]);
  });

  it.each([
    ['Fortran order', "{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }", 8, 'Fortran-order arrays are not supported'],
    ['big-endian', "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", 8, "dtype '>f4' is not supported (expected little-endian float32 '<f4' or float64 '<f8')"],
    ['integers', "{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }", 16, "dtype '<i8' is not supported"],
    ['truncated data', "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 12, 'truncated: shape (2, 2) of float32 needs 16 data bytes, the file has 12'],
    ['a header without shape', "{'descr': '<f4', 'fortran_order': False}", 0, 'corrupt header'],
  ])('refuses %s, naming the file', (_, header, dataBytes, message) => {
    const path = join(tempDir(), 'bad.npy');
    writeFileSync(path, npyBytes(header, new Uint8Array(dataBytes)));
    const e = thrown(() => readNpy(path));
    expect(e.message).toContain(`${path}: ${message}`);
    expect(e.exitCode).toBe(3);
  });

  it('refuses a file that is not .npy, or whose header runs past the end', () => {
    expect(thrown(() => decodeNpy(Buffer.from('PK\x03\x04 zip file'), 'x.npz')).message).toBe('x.npz: not a .npy file (no \\x93NUMPY magic)');
    const short = npyBytes("{'descr': '<f4'}", new Uint8Array(0)).subarray(0, 15);
    expect(thrown(() => decodeNpy(short, 'x.npy')).message).toBe('x.npy: header length 16 is beyond the file (15 bytes)');
  });
});

describe('layer arrays on disk', () => {
  const config = llamaConfig();

  it('reads --input [batch, seq, hidden] and a K/V cache, and writes output.npy and the caches', () => {
    const dir = tempDir();
    writeNpy(join(dir, 'x.npy'), [2, 3, 16], new Float32Array(96).fill(0.5));
    expect(readActivations(join(dir, 'x.npy'), config)).toMatchObject({ batch: 2, seq: 3 });
    const cache = { batch: 2, kvHeads: 2, positions: 5, headDim: 4, k: new Float64Array(80).fill(1), v: new Float64Array(80).fill(2) };
    const files = layerOutputFiles(new Float64Array(96), 2, 3, 16, cache);
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    expect(readNpy(join(dir, 'output.npy')).shape).toEqual([2, 3, 16]);
    const back = readKvCache(join(dir, 'k_cache.npy'), join(dir, 'v_cache.npy'), config);
    expect(back).toMatchObject({ batch: 2, kvHeads: 2, positions: 5, headDim: 4 });
    expect(back.v[79]).toBe(2);
  });

  it('names the file whose shape does not fit the model', () => {
    const dir = tempDir();
    writeNpy(join(dir, 'x.npy'), [3, 8], new Float32Array(24));
    expect(thrown(() => readActivations(join(dir, 'x.npy'), config)).message).toBe(`${join(dir, 'x.npy')}: shape (3, 8), expected (batch, seq, 16) for llama-test`);
    writeNpy(join(dir, 'k.npy'), [1, 2, 3, 4], new Float32Array(24));
    writeNpy(join(dir, 'v.npy'), [1, 2, 2, 4], new Float32Array(16));
    writeNpy(join(dir, 'k8.npy'), [1, 4, 3, 4], new Float32Array(48));
    expect(thrown(() => readKvCache(join(dir, 'k.npy'), join(dir, 'v.npy'), config)).message).toBe(`${join(dir, 'v.npy')}: shape (1, 2, 2, 4) differs from ${join(dir, 'k.npy')}'s (1, 2, 3, 4)`);
    expect(thrown(() => readKvCache(join(dir, 'k8.npy'), join(dir, 'v.npy'), config)).message).toBe(`${join(dir, 'k8.npy')}: shape (1, 4, 3, 4), expected (batch, 2, positions, 4) for llama-test`);
  });
});
