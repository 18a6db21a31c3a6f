import { closeSync, openSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCheckpoint } from '../../sim/models/checkpoint.ts';
import { bf16BitsToFloat, f16BitsToFloat, floatToBf16Bits, floatToF16Bits } from '../../sim/models/half-float.ts';
import { encodeSafetensors, writeSafetensors, writeShardedSafetensors } from '../../sim/models/safetensors-writer.ts';
import { SafetensorsFile } from '../../sim/models/safetensors.ts';
import { randomArray, tempDir, thrown } from './models-helpers.ts';

// A file with this header text (or object) and `data` zero bytes after it.
function rawFile(header: string | object, data: number, headerLength?: number): Uint8Array {
  const text = Buffer.from(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength ?? text.length), true);
  out.set(text, 8);
  return out;
}

function saved(bytes: Uint8Array, name = 'w.safetensors'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

describe('16-bit floats', () => {
  it('bf16 rounds to nearest, ties to even', () => {
    expect(floatToBf16Bits(1)).toBe(0x3f80);
    expect(floatToBf16Bits(1 + 2 ** -8)).toBe(0x3f80); // tie, even stays
    expect(floatToBf16Bits(1 + 3 * 2 ** -8)).toBe(0x3f82); // tie, odd rounds up
    expect(floatToBf16Bits(1 + 2 ** -8 + 2 ** -20)).toBe(0x3f81);
    expect(bf16BitsToFloat(0xc040)).toBe(-3);
    expect(Number.isNaN(bf16BitsToFloat(floatToBf16Bits(NaN)))).toBe(true);
  });

  it('f16 rounds to nearest even, overflows to infinity, keeps subnormals', () => {
    expect(floatToF16Bits(1)).toBe(0x3c00);
    expect(floatToF16Bits(-2)).toBe(0xc000);
    expect(floatToF16Bits(65504)).toBe(0x7bff);
    expect(floatToF16Bits(65520)).toBe(0x7c00); // halfway to 65536: even is out of range
    expect(floatToF16Bits(2 ** -24)).toBe(0x0001);
    expect(floatToF16Bits(2 ** -25)).toBe(0x0000); // tie to even: zero
    expect(floatToF16Bits(3 * 2 ** -26)).toBe(0x0001);
    expect(floatToF16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie, even stays
    expect(floatToF16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(f16BitsToFloat(0x3555)).toBeCloseTo(0.333251953125, 12);
    expect(f16BitsToFloat(0x0200)).toBe(2 ** -15);
    expect(f16BitsToFloat(0xfc00)).toBe(-Infinity);
    expect(Number.isNaN(f16BitsToFloat(floatToF16Bits(NaN)))).toBe(true);
  });
});

describe('safetensors files it writes', () => {
  it('reads back F32 exactly and F16 / BF16 as rounded, with metadata and header padding', () => {
    const values = randomArray(6 * 5, 11, 3);
    const path = join(tempDir(), 'm.safetensors');
    writeSafetensors(path, {
      a: { dtype: 'F32', shape: [6, 5], data: values },
      b: { dtype: 'BF16', shape: [30], data: values },
      c: { dtype: 'F16', shape: [5, 3, 2], data: values },
      empty: { dtype: 'F32', shape: [0, 4], data: [] },
    }, { format: 'pt' });
    const file = SafetensorsFile.open(path);
    expect(file.metadata).toEqual({ format: 'pt' });
    expect(file.entries.get('c')?.shape).toEqual([5, 3, 2]);
    expect([...file.read('a')]).toEqual([...Float32Array.from(values)]);
    expect([...file.read('b')]).toEqual([...values].map((v) => bf16BitsToFloat(floatToBf16Bits(v))));
    expect([...file.read('c')]).toEqual([...values].map((v) => f16BitsToFloat(floatToF16Bits(v))));
    expect(file.read('empty').length).toBe(0);
    const bytes = encodeSafetensors({ a: { dtype: 'F32', shape: [1], data: [1] } });
    expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
  });

  it('reads a tensor at the end of a 5 GB (sparse) file by its byte range', () => {
    const path = join(tempDir(), 'big.safetensors');
    const gap = 5 * 2 ** 30;
    const header = rawFile({ filler: { dtype: 'U8', shape: [gap], data_offsets: [0, gap] }, last: { dtype: 'F32', shape: [2], data_offsets: [gap, gap + 8] } }, 0);
    writeFileSync(path, header);
    truncateSync(path, header.length + gap + 8);
    const fd = openSync(path, 'r+');
    writeSync(fd, new Uint8Array(new Float32Array([1.5, -2]).buffer), 0, 8, header.length + gap);
    closeSync(fd);
    expect([...SafetensorsFile.open(path).read('last')]).toEqual([1.5, -2]);
  });

  it('opens a sharded checkpoint through its index, or the folder holding it', () => {
    const dir = tempDir();
    const index = writeShardedSafetensors(dir, {
      'model-00001-of-00002.safetensors': { x: { dtype: 'F32', shape: [2], data: [1, 2] } },
      'model-00002-of-00002.safetensors': { y: { dtype: 'BF16', shape: [1], data: [3] } },
    });
    for (const reader of [openCheckpoint(index), openCheckpoint(dir)]) {
      expect([...reader.read('x')]).toEqual([1, 2]);
      expect([...reader.read('y')]).toEqual([3]);
      expect(reader.info('y')).toEqual({ dtype: 'BF16', shape: [1], file: join(dir, 'model-00002-of-00002.safetensors') });
      expect(reader.info('z')).toBeUndefined();
    }
    const single = tempDir();
    writeSafetensors(join(single, 'model.safetensors'), { w: { dtype: 'F32', shape: [1], data: [4] } });
    expect([...openCheckpoint(single).read('w')]).toEqual([4]);
  });
});

describe('corrupt safetensors: one line naming the file (and tensor), exit 3', () => {
  const entry = (extra: object) => ({ t: { dtype: 'F32', shape: [2], data_offsets: [0, 8], ...extra } });
  it.each([
    ['a file too short for the length', new Uint8Array(5), '5 bytes, too short for a safetensors header'],
    ['a header length beyond the file', rawFile('{}', 10, 1000), 'header length 1000 is beyond the file (20 bytes)'],
    ['a header that is not JSON', rawFile('{"t": {"dtype"', 0), 'corrupt header: not JSON'],
    ['a header that is not an object', rawFile('[1]', 0), 'corrupt header: expected a JSON object, got an array of 1'],
    ['an entry without a dtype', rawFile(entry({ dtype: 7 }), 8), 't: dtype: expected a string, got 7'],
    ['a bad shape', rawFile(entry({ shape: [2, -1] }), 8), 't: shape: expected an array of non-negative integers'],
    ['reversed offsets', rawFile(entry({ data_offsets: [8, 0] }), 8), 't: data_offsets: expected [begin, end] with 0 ≤ begin ≤ end'],
    ['offsets that disagree with the shape', rawFile(entry({ shape: [3] }), 8), 't: data_offsets span 8 bytes, but shape [3] of F32 needs 12'],
    ['offsets past the file (truncated)', rawFile(entry({}), 6), 't: data_offsets end at 8, past the end of the data (6 bytes)'],
    ['overlapping tensors', rawFile({ ...entry({}), u: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, 8), 'u: data_offsets overlap those of t'],
    ['metadata that is not strings', rawFile({ __metadata__: { n: 1 } }, 0), '__metadata__: expected an object of strings, got an object'],
  ])('%s', (_, bytes, message) => {
    const path = saved(bytes);
    const e = thrown(() => SafetensorsFile.open(path));
    expect(e.message).toContain(`${path}: ${message}`);
    expect(e.message).not.toContain('\n');
    expect(e.exitCode).toBe(3);
  });

  it('refuses to read a dtype other than F32, F16 and BF16, naming the tensor', () => {
    const path = saved(rawFile({ ids: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, 8));
    const e = thrown(() => SafetensorsFile.open(path).read('ids'));
    expect(e.message).toBe(`${path}: ids: dtype I64, expected one of F32, F16, BF16`);
    expect(e.exitCode).toBe(3);
  });

  it('names a missing file, a missing shard and a tensor the index misplaces', () => {
    expect(thrown(() => openCheckpoint('/nonexistent/w.safetensors')).message).toBe('cannot read /nonexistent/w.safetensors: no such file or directory (expected a .safetensors file)');
    const dir = tempDir();
    writeSafetensors(join(dir, 'a.safetensors'), { x: { dtype: 'F32', shape: [1], data: [1] } });
    writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ weight_map: { x: 'b.safetensors', y: 'a.safetensors' } }));
    const reader = openCheckpoint(dir);
    expect(thrown(() => reader.read('x')).message).toBe(`${join(dir, 'model.safetensors.index.json')}: cannot read ${join(dir, 'b.safetensors')}: no such file or directory (expected a .safetensors file)`);
    expect(thrown(() => reader.read('y')).message).toBe(`${join(dir, 'a.safetensors')}: no tensor y, which ${join(dir, 'model.safetensors.index.json')} places there`);
    writeFileSync(join(dir, 'model.safetensors.index.json'), JSON.stringify({ metadata: {} }));
    expect(thrown(() => openCheckpoint(dir)).message).toBe(`${join(dir, 'model.safetensors.index.json')}: weight_map: expected an object of tensor name → shard file, got nothing`);
    expect(thrown(() => openCheckpoint(tempDir())).message).toMatch(/holds neither model\.safetensors\.index\.json nor model\.safetensors$/);
  });
});
