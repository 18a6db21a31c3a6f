// The files one run writes, committed all together or not at all. Every command that writes
// files (matmul, program, sweep, report, kernels build, and any new one) goes through this, so a
// run that fails half way — no space, no permission, a bad input found late, Ctrl-C — leaves the
// previous outputs exactly as they were:
//
//   await withOutputs(async (out) => {
//     out.write(outputPath(dir, 'stats.json'), statsText); // staged as DIR/.stats.json.<tag>.tmp
//     out.write(outputPath(dir, 'trace.json'), traceText);
//     await gcc('-o', out.stage(outputPath(dir, 'k.elf'))); // a path for a tool to write
//   }); // every staged file flushed, then renamed into place; on any error, none is
//
// Each staged file sits in its target's own directory (a rename never crosses file systems),
// under a hidden name. Directories that have to be created are created on the first write, one
// level at a time (a bounded walk, where mkdir -p can loop on /proc), and removed again if the
// set is discarded and they are still empty.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, normalize, parse, resolve, sep } from 'node:path';
import { badInput } from '../errors.ts';
import { fsReason } from './fs-errors.ts';

const cannotWrite = (path: string, e: unknown) => badInput(`cannot write ${path}: ${fsReason(e)}`);

// `name` inside `dir`, refusing a name that would leave it (`../x`, `/etc/x`) or that is empty.
export function outputPath(dir: string, name: string): string {
  const clean = normalize(name);
  if (name === '' || isAbsolute(name) || clean === '.' || clean.startsWith(`..${sep}`) || clean === '..' || name.includes('\0')) {
    throw badInput(`output name ${JSON.stringify(name)}: expected a file name inside ${dir}`);
  }
  return join(dir, clean);
}

// mkdir -p, one level at a time from the first missing ancestor; returns the directories made,
// outermost first.
export function makeDirs(dir: string): string[] {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    let isDir: boolean;
    try {
      isDir = statSync(d).isDirectory();
    } catch (e) {
      // ENOTDIR: an ancestor is a file; the walk finds it and says so.
      if (!['ENOENT', 'ENOTDIR'].includes((e as NodeJS.ErrnoException).code ?? '') || d === parse(d).root) throw cannotWrite(dir, e);
      missing.push(d);
      continue;
    }
    if (!isDir) throw badInput(`cannot write into ${dir}: ${d} is not a directory`);
    break;
  }
  missing.reverse();
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      // The parent exists (it was just found), so ENOENT means it takes no new entries (/proc).
      const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${dirname(d)} does not accept new directories` : fsReason(e);
      throw badInput(`cannot create the directory ${d}: ${why}`);
    }
  }
  return missing;
}

export class OutputSet {
  private readonly staged: { temp: string; target: string; adopted?: boolean }[] = [];
  private readonly createdDirs: string[] = [];
  private readonly tag = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  private done = false;

  constructor(private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {}

  // A temporary file beside `target`, created empty (so a directory that takes no files is
  // found now, in one line, not by a tool later), renamed to it on commit. The caller, or a tool
  // it runs, writes the file there.
  stage(target: string): string {
    if (this.done) throw new Error('output set already committed or discarded');
    if (this.staged.some((s) => s.target === target)) throw new Error(`${target} staged twice`);
    const dir = dirname(target);
    this.ensureDir(dir);
    const temp = join(dir, `.${basename(target)}.${this.tag}.tmp`);
    try {
      closeSync(openSync(temp, 'wx'));
    } catch (e) {
      throw cannotWrite(target, e);
    }
    this.staged.push({ temp, target });
    return temp;
  }

  // A file already written in target's directory (a sweep's journal), renamed to target on
  // commit and left where it is if the set is discarded.
  adopt(source: string, target: string): void {
    if (this.done) throw new Error('output set already committed or discarded');
    this.staged.push({ temp: source, target, adopted: true });
  }

  write(target: string, data: string | Uint8Array): void {
    const w = this.writer(target);
    w.write(data);
    w.close();
  }

  // For large outputs written piece by piece.
  writer(target: string): { write(data: string | Uint8Array): void; close(): void } {
    const temp = this.stage(target);
    let fd: number | undefined;
    try {
      fd = openSync(temp, 'w');
    } catch (e) {
      throw cannotWrite(target, e);
    }
    const file = fd;
    // Small pieces (a trace's events) are gathered into writes of about a megabyte.
    let pending: (string | Uint8Array)[] = [];
    let pendingBytes = 0;
    const flush = () => {
      const bytes = Buffer.concat(pending.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
      pending = [];
      pendingBytes = 0;
      try {
        for (let at = 0; at < bytes.length; ) at += writeSync(file, bytes, at, bytes.length - at);
      } catch (e) {
        closeSync(file);
        throw cannotWrite(target, e);
      }
    };
    return {
      write: (data) => {
        pending.push(data);
        pendingBytes += data.length;
        if (pendingBytes >= 1 << 20) flush();
      },
      close: () => {
        flush();
        try {
          fsyncSync(file); // a full disk can refuse the data only now
          closeSync(file);
        } catch (e) {
          throw cannotWrite(target, e);
        }
      },
    };
  }

  // Renames every staged file into place, in the order staged.
  commit(): string[] {
    if (this.done) throw new Error('output set already committed or discarded');
    for (const { temp, target } of this.staged) {
      try {
        renameSync(temp, target);
      } catch (e) {
        throw cannotWrite(target, e);
      }
    }
    this.done = true;
    for (const { target } of this.staged) this.log(`wrote ${target}`);
    return this.staged.map((s) => s.target);
  }

  // Removes whatever was staged, and the directories made for it if they are empty.
  discard(): void {
    if (this.done) return;
    this.done = true;
    for (const { temp, adopted } of this.staged) {
      if (adopted) continue;
      try {
        unlinkSync(temp);
      } catch {
        // never written, or already gone
      }
    }
    for (const dir of this.createdDirs.reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        break; // not empty: something else lives there now
      }
    }
  }

  private ensureDir(dir: string): void {
    this.createdDirs.push(...makeDirs(dir));
  }
}

// Runs `fill`, then commits what it staged; if it throws, discards it and rethrows.
export async function withOutputs<T>(fill: (out: OutputSet) => T | Promise<T>, log?: (line: string) => void): Promise<T> {
  const out = new OutputSet(log);
  try {
    const value = await fill(out);
    out.commit();
    return value;
  } catch (e) {
    out.discard();
    throw e;
  }
}
