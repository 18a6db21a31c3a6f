import { describe, expect, it } from 'vitest';
import { ExitCode, MeshsimError } from '../../sim/errors.ts';
import { parseElf } from '../../sim/riscv/elf.ts';
import { FlatProcess } from '../../sim/riscv/process.ts';
import { writeElf32 } from '../support/elf-writer.ts';

const code = new Uint8Array([0x13, 0x05, 0x10, 0x00]); // addi a0, zero, 1
const good = () => writeElf32({ entry: 0x1000, segments: [{ vaddr: 0x1000, data: code, memsz: 64 }] });

function patched(edit: (v: DataView, bytes: Uint8Array) => void): Uint8Array {
  const bytes = good();
  edit(new DataView(bytes.buffer), bytes);
  return bytes;
}

function rejects(bytes: Uint8Array, message: RegExp) {
  try {
    new FlatProcess(parseElf(bytes, 'prog.elf'));
  } catch (e) {
    expect(e).toBeInstanceOf(MeshsimError);
    expect((e as MeshsimError).exitCode).toBe(ExitCode.badInput);
    expect((e as Error).message).toMatch(/^prog\.elf: /);
    expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error(`accepted: expected ${message}`);
}

describe('ELF32 loader', () => {
  it('reads entry and PT_LOAD segments', () => {
    const image = parseElf(good());
    expect(image.entry).toBe(0x1000);
    expect(image.segments).toHaveLength(1);
    expect(image.segments[0]).toMatchObject({ vaddr: 0x1000, filesz: 4, memsz: 64 });
    expect([...image.segments[0].data]).toEqual([...code]);
  });

  it('rejects what is not a 32-bit little-endian RISC-V executable', () => {
    rejects(new TextEncoder().encode('#!/bin/sh\necho not an elf, but long enough to have a header\n'), /not an ELF file/);
    rejects(new Uint8Array(10), /shorter than an ELF32 header/);
    rejects(patched((_, b) => { b[4] = 2; }), /64-bit, expected 32-bit/);
    rejects(patched((_, b) => { b[5] = 2; }), /big-endian/);
    rejects(patched((v) => v.setUint16(18, 62, true)), /machine 62, expected EM_RISCV/);
    rejects(patched((v) => v.setUint16(16, 3, true)), /expected an executable/);
  });

  it('rejects truncated files and segments that do not fit', () => {
    rejects(good().subarray(0, 70), /program header table .* runs past the end of the file/);
    rejects(patched((v) => v.setUint32(52 + 16, 1 << 20, true)), /segment 0 .* runs past the end of the file/);
    rejects(patched((v) => v.setUint32(52 + 8, 0x0ffffff0, true)), /segment at 0xffffff0 of 64 bytes lies outside the 16 MiB of memory/);
    rejects(patched((v) => v.setUint32(52, 4, true)), /no loadable \(PT_LOAD\) segment/);
    rejects(patched((v) => v.setUint32(24, 0x1002, true)), /entry point 0x1002 is not an aligned address/);
  });
});
