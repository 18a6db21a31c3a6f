// The output set (all files or none) and the bounded reader of user files.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MeshsimError } from '../../sim/errors.ts';
import { formatBytes, parseBytes } from '../../sim/io/bytes.ts';
import { OutputSet, outputPath, withOutputs } from '../../sim/io/output-set.ts';
import { readUserFile, readUserJson } from '../../sim/io/read-file.ts';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-io-'));
const quiet = () => {};

describe('output sets', () => {
  it('put nothing in place until commit, then every file', async () => {
    const dir = join(tmp, 'set');
    await withOutputs((out) => {
      out.write(join(dir, 'a.txt'), 'one');
      out.write(join(dir, 'sub/b.txt'), 'two');
      expect(existsSync(join(dir, 'a.txt'))).toBe(false);
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toHaveLength(1);
    }, quiet);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('one');
    expect(readFileSync(join(dir, 'sub/b.txt'), 'utf8')).toBe('two');
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'sub']);
  });

  it('leave earlier files, and no temporaries or new directories, when the run fails', async () => {
    const dir = join(tmp, 'earlier');
    await withOutputs((out) => out.write(join(dir, 'a.txt'), 'old'), quiet);
    const failing = withOutputs((out) => {
      out.write(join(dir, 'a.txt'), 'new');
      out.write(join(dir, 'new/deeper/b.txt'), 'new');
      throw new MeshsimError('found late', 3);
    }, quiet);
    await expect(failing).rejects.toThrow('found late');
    expect(readdirSync(dir)).toEqual(['a.txt']);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('old');
  });

  it('keep an adopted file where it was when discarded, and rename it when committed', () => {
    const dir = join(tmp, 'adopt');
    const journal = join(tmp, 'journal.txt');
    writeFileSync(journal, 'lines');
    const discarded = new OutputSet(quiet);
    discarded.adopt(journal, join(dir, 'final.txt'));
    discarded.discard();
    expect(readFileSync(journal, 'utf8')).toBe('lines');
    const committed = new OutputSet(quiet);
    committed.stage(join(dir, 'x')); // makes the directory
    committed.adopt(journal, join(dir, 'final.txt'));
    committed.commit();
    expect(existsSync(journal)).toBe(false);
    expect(readFileSync(join(dir, 'final.txt'), 'utf8')).toBe('lines');
  });

  it('refuse names that leave their directory', () => {
    expect(outputPath('/out', 'c.bin')).toBe('/out/c.bin');
    for (const name of ['../c.bin', '/etc/passwd', '', 'a/../../b']) expect(() => outputPath('/out', name)).toThrow(/expected a file name inside \/out/);
  });
});

describe('reading user files', () => {
  const what = { what: 'a test input', maxBytes: 1024 };

  it('returns at once for a named pipe, a device or a directory, saying what it is', () => {
    const fifo = join(tmp, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readUserFile(fifo, what)).toThrow(`cannot read ${fifo}: is a named pipe, not a regular file (expected a test input)`);
    expect(() => readUserFile('/dev/zero', what)).toThrow('cannot read /dev/zero: is a character device, not a regular file');
    expect(() => readUserFile(tmp, what)).toThrow(`cannot read ${tmp}: is a directory`);
  });

  it('stops at the limit even when a file claims no size (/proc)', () => {
    expect(() => readUserFile('/proc/self/maps', { what: 'a map', maxBytes: 16 })).toThrow(/maps: more than the limit of 16 bytes for this input/);
  });

  it('checks the first bytes before reading the rest', () => {
    const path = join(tmp, 'big');
    writeFileSync(path, Buffer.alloc(4096, 'x'));
    const seen: number[] = [];
    expect(() => readUserFile(path, { what: 'x', maxBytes: 1 << 20, head: { bytes: 4, check: (h) => { seen.push(h.length); throw new MeshsimError('bad magic', 3); } } })).toThrow('bad magic');
    expect(seen).toEqual([4]);
  });

  it('drops a byte-order mark and places a JSON syntax error by line and column', () => {
    const bom = join(tmp, 'bom.json');
    writeFileSync(bom, '\uFEFF{"a": 1}');
    expect(readUserJson(bom, what)).toEqual({ a: 1 });
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{\n  "a": 1,\n  "b" 2\n}');
    expect(() => readUserJson(bad, what)).toThrow(/bad\.json: not valid JSON: .* at line 3, column 7 \(expected a test input\)/);
  });
});

describe('sizes', () => {
  it('prints and reads binary units', () => {
    expect([0, 1, 1023, 1024, 1536, 683 << 20, 2 ** 41].map(formatBytes)).toEqual(['0 bytes', '1 byte', '1023 bytes', '1 KiB', '1.5 KiB', '683 MiB', '2 TiB']);
    expect(['512', '64k', '16M', '2GiB', '1.5g', 'lots', '-1'].map(parseBytes)).toEqual([512, 65536, 16 << 20, 2 ** 31, 1.5 * 2 ** 30, undefined, undefined]);
  });
});
