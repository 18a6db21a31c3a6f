// Reading a file a user named (an ELF, a preset, a spec, an init file, a run's stats): only a
// regular file, never more than a size limit (a /proc file or a device reports no true size, so
// the limit is enforced while reading), the first bytes checked before the rest is read, and
// every failure one line in words: `cannot read a.json: no such file or directory (expected a
// preset)`. Text is UTF-8, with a byte-order mark dropped.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { badInput } from '../errors.ts';
import { formatBytes } from './bytes.ts';
import { fsReason } from './fs-errors.ts';

export interface ReadOptions {
  what: string; // what the file should be, for messages: "an architecture preset (JSON)"
  maxBytes: number;
  // Checks the first `head.bytes` bytes (fewer if the file is shorter) before the rest is read,
  // throwing the error that names what is wrong, e.g. an ELF's magic number.
  head?: { bytes: number; check: (head: Uint8Array) => void };
}

const CHUNK = 1 << 20;

export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'is a directory';
  if (st.isCharacterDevice()) return 'is a character device, not a regular file';
  if (st.isBlockDevice()) return 'is a block device, not a regular file';
  if (st.isFIFO()) return 'is a named pipe, not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

export function readUserFile(path: string, options: ReadOptions): Uint8Array {
  const fail = (why: string) => badInput(`cannot read ${path}: ${why} (expected ${options.what})`);
  let fd: number;
  try {
    // Non-blocking, so that opening a named pipe returns at once instead of waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw fail(fsReason(e));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw fail(kindOf(st));
    const tooLarge = (bytes: string) => fail(`${bytes}, more than the limit of ${formatBytes(options.maxBytes)} for this input`);
    const chunks: Uint8Array[] = [];
    let total = 0;
    const read = (want: number): number => {
      const chunk = new Uint8Array(want);
      let got = 0;
      while (got < want) {
        let n: number;
        try {
          n = readSync(fd, chunk, got, want - got, null);
        } catch (e) {
          throw fail(fsReason(e));
        }
        if (n === 0) break;
        got += n;
      }
      chunks.push(chunk.subarray(0, got));
      total += got;
      return got;
    };
    // What the file is (its first bytes) is a better message than how large it is.
    if (options.head) {
      read(Math.min(options.head.bytes, options.maxBytes + 1));
      options.head.check(chunks[0]);
    }
    if (st.size > options.maxBytes) throw tooLarge(formatBytes(st.size));
    while (read(Math.min(CHUNK, options.maxBytes + 1 - total)) > 0) {
      if (total > options.maxBytes) throw fail(`more than the limit of ${formatBytes(options.maxBytes)} for this input`);
    }
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

// UTF-8 text; a leading byte-order mark is dropped (TextDecoder's default).
export function readUserText(path: string, options: ReadOptions): string {
  const bytes = readUserFile(path, options);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput(`${path}: not UTF-8 text (expected ${options.what})`);
  }
}

// JSON, with a syntax error placed by line and column.
export function readUserJson(path: string, options: ReadOptions): unknown {
  const text = readUserText(path, options);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badInput(`${path}: not valid JSON: ${jsonError(text, (e as Error).message)} (expected ${options.what})`);
  }
}

// V8 says "Unexpected token } in JSON at position 12"; a user wants the line and column.
function jsonError(text: string, message: string): string {
  const first = message.split('\n')[0];
  const m = /^(.*?)(?: in JSON)? at position (\d+)/.exec(first);
  if (!m) return first;
  const before = text.slice(0, Number(m[2]));
  const line = before.split('\n').length;
  const column = Number(m[2]) - before.lastIndexOf('\n');
  return `${m[1]} at line ${line}, column ${column}`;
}
