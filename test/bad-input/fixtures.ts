// Files for the bad-input cases, made from good ones with one thing wrong.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { presetToJson, PRESETS } from '../../sim/arch/index.ts';
import { repoRoot } from '../support/cli.ts';

export const HELLO = `${repoRoot}kernels/build/programs/hello.elf`;
export const EXAMPLE_SPEC = `${repoRoot}kernels/specs/eltwise_add.json`;

export class Fixtures {
  constructor(readonly dir: string) {}

  path(name: string): string {
    return join(this.dir, name);
  }

  file(name: string, data: string | Uint8Array): string {
    const path = this.path(name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, data);
    return path;
  }

  folder(name: string): string {
    const path = this.path(name);
    mkdirSync(path, { recursive: true });
    return path;
  }

  // A file of `bytes` that takes no disk space.
  sparse(name: string, bytes: number, head: Uint8Array | string = ''): string {
    const path = this.file(name, head);
    truncateSync(path, bytes);
    return path;
  }

  link(name: string, target: string): string {
    const path = this.path(name);
    symlinkSync(target, path);
    return path;
  }

  fifo(name: string): string {
    const path = this.path(name);
    execFileSync('mkfifo', [path]);
    return path;
  }

  // hello.elf with its bytes edited; `edit` may return a replacement (e.g. a truncated copy).
  elf(name: string, edit: (v: DataView, bytes: Uint8Array) => Uint8Array | void): string {
    const bytes = new Uint8Array(readFileSync(HELLO));
    const out = edit(new DataView(bytes.buffer), bytes) ?? bytes;
    return this.file(name, out);
  }

  // A copy of a built-in preset as JSON, edited.
  preset(name: string, edit: (p: Record<string, any>) => void = () => {}, base = 'teach_2x2'): string {
    const doc = JSON.parse(presetToJson(PRESETS[base]));
    edit(doc);
    return this.file(name, JSON.stringify(doc));
  }

  // A program spec: the committed example (or `value`), edited.
  spec(name: string, edit: (s: Record<string, any>) => void = () => {}, value?: unknown): string {
    const doc = value ?? JSON.parse(readFileSync(EXAMPLE_SPEC, 'utf8'));
    edit(doc as Record<string, any>);
    return this.file(name, JSON.stringify(doc));
  }
}

// ELF header fields (ELF32) and hello.elf's section headers.
export const E = { phoff: 28, shoff: 32, phentsize: 42, phnum: 44, shentsize: 46, shnum: 48, shstrndx: 50 } as const;
export const section = (v: DataView, index: number) => v.getUint32(E.shoff, true) + index * 40;
