// Bad ELF files given to meshsim exec and meshsim disasm.
import { readFileSync } from 'node:fs';
import { badInputs, scratch, type BadInputCase } from './harness.ts';
import { E, Fixtures, HELLO, section } from './fixtures.ts';

const f = new Fixtures(scratch('elf'));

// One file, each wrong in one way, with what the message must say about it.
const files: [name: string, path: string, message: RegExp][] = [
  ['missing file', f.path('nope.elf'), /^cannot read .*nope\.elf: no such file or directory \(expected an RV32 ELF executable\)$/],
  ['a directory', f.folder('dir.elf'), /dir\.elf: is a directory \(expected an RV32 ELF executable\)$/],
  ['/dev/zero (a device that never ends)', '/dev/zero', /^cannot read \/dev\/zero: is a character device, not a regular file/],
  ['a named pipe with no writer', f.fifo('pipe.elf'), /pipe\.elf: is a named pipe, not a regular file/],
  ['a symbolic link loop', (f.link('loop-a.elf', f.path('loop-b.elf')), f.link('loop-b.elf', f.path('loop-a.elf'))), /loop-b\.elf: too many levels of symbolic links/],
  ['an empty file', f.file('empty.elf', ''), /empty\.elf: not an ELF file: 0 bytes, shorter than an ELF32 header \(52\)/],
  ['a text file', f.file('text.elf', '#!/bin/sh\necho this is a shell script, not an executable program at all\n'), /text\.elf: not an ELF file \(expected the magic bytes 7f 45 4c 46\)/],
  ['a 1 GiB file that is not an ELF (refused from its first bytes)', f.sparse('huge.bin', 2 ** 30, 'not an elf'.padEnd(64, '.')), /huge\.bin: not an ELF file \(expected the magic bytes/],
  ['a 1 GiB ELF (over the size limit)', f.sparse('huge.elf', 2 ** 30, readFileSync(HELLO).subarray(0, 4096)), /^cannot read .*huge\.elf: 1 GiB, more than the limit of 256 MiB for this input/],
  ['a 64-bit ELF', f.elf('class64.elf', (_, b) => void (b[4] = 2)), /class64\.elf: ELF class 64-bit, expected 32-bit/],
  ['a bad ELF class', f.elf('class9.elf', (_, b) => void (b[4] = 9)), /class9\.elf: ELF class 9, expected 32-bit/],
  ['a big-endian ELF', f.elf('big.elf', (_, b) => void (b[5] = 2)), /big\.elf: big-endian ELF, expected little-endian/],
  ['an x86 ELF', f.elf('x86.elf', (v) => v.setUint16(18, 62, true)), /x86\.elf: machine 62, expected EM_RISCV \(243\)/],
  ['a shared object', f.elf('dyn.elf', (v) => v.setUint16(16, 3, true)), /dyn\.elf: ELF type 3, expected an executable \(ET_EXEC = 2\)/],
  ['a relocatable object', f.elf('rel.elf', (v) => v.setUint16(16, 1, true)), /rel\.elf: ELF type 1, expected an executable/],
  ['a header cut short', f.elf('short.elf', (_, b) => b.subarray(0, 40)), /short\.elf: not an ELF file: 40 bytes, shorter than an ELF32 header/],
  ['program headers cut off', f.elf('trunc-ph.elf', (_, b) => b.subarray(0, 70)), /trunc-ph\.elf: program header table \(\d+ entries at offset 52\) runs past the end of the file \(70 bytes\): the file is truncated/],
  ['segment data cut off', f.elf('trunc-seg.elf', (_, b) => b.subarray(0, 4200)), /trunc-seg\.elf: segment \d+ \(\d+ bytes at file offset \d+\) runs past the end of the file \(4200 bytes\)/],
  ['section headers cut off', f.elf('trunc-sh.elf', (v, b) => b.subarray(0, v.getUint32(E.shoff, true) + 100)), /trunc-sh\.elf: section header table \(8 entries at offset \d+\) runs past the end of the file/],
  ['a bad e_phentsize', f.elf('phentsize.elf', (v) => v.setUint16(E.phentsize, 8, true)), /phentsize\.elf: e_phentsize 8, expected 32 \(the size of an ELF32 program header\)/],
  ['a huge e_phnum', f.elf('phnum.elf', (v) => v.setUint16(E.phnum, 65535, true)), /phnum\.elf: program header table \(65535 entries at offset 52\) runs past the end of the file/],
  ['e_phoff past the end', f.elf('phoff.elf', (v) => v.setUint32(E.phoff, 0xfffffff0, true)), /phoff\.elf: program header table \(\d+ entries at offset 4294967280\) runs past the end/],
  ['a bad e_shentsize', f.elf('shentsize.elf', (v) => v.setUint16(E.shentsize, 16, true)), /shentsize\.elf: e_shentsize 16, expected 40 \(the size of an ELF32 section header\)/],
  ['e_shstrndx out of range', f.elf('shstrndx.elf', (v) => v.setUint16(E.shstrndx, 40, true)), /shstrndx\.elf: e_shstrndx 40, expected a section index below e_shnum \(8\)/],
  ['a .text offset past the end', f.elf('text-offset.elf', (v) => v.setUint32(section(v, 1) + 16, 0x7fffffff, true)), /text-offset\.elf: section 1 \(\d+ bytes at file offset 2147483647\) runs past the end of the file/],
  ['a .text size past the end', f.elf('text-size.elf', (v) => v.setUint32(section(v, 1) + 20, 0x100000, true)), /text-size\.elf: section 1 \(1048576 bytes at file offset 4096\) runs past the end/],
  ['a symbol table linked to no string table', f.elf('symtab-link.elf', (v) => v.setUint32(section(v, 5) + 24, 3, true)), /symtab-link\.elf: symbol table \(section 5\) links to section 3, which is not a string table/],
  ['filesz larger than memsz', f.elf('filesz.elf', (v) => v.setUint32(52 + 20, 4, true)), /filesz\.elf: segment 0 has filesz \d+ larger than memsz 4/],
  ['a segment past the 32-bit address space', f.elf('wrap.elf', (v) => v.setUint32(52 + 8, 0xfffffff0, true)), /wrap\.elf: segment 0 at 0xfffffff0 of \d+ bytes runs past the end of the 32-bit address space/],
  ['no loadable segment', f.elf('noload.elf', (v) => { for (let i = 0; i < v.getUint16(E.phnum, true); i++) v.setUint32(52 + 32 * i, 4, true); }), /noload\.elf: no loadable \(PT_LOAD\) segment/],
  ['overlapping segments', f.elf('overlap.elf', (v) => { v.setUint32(52 + 32 + 8, v.getUint32(52 + 8, true) + 8, true); v.setUint32(52 + 32, 1, true); }), /overlap\.elf: segments 0 \(0x0-0x[0-9a-f]+\) and 1 \(0x8-0x[0-9a-f]+\) overlap in memory; expected disjoint PT_LOAD segments/],
];

const cases: BadInputCase[] = files.flatMap(([name, path, message]): BadInputCase[] => [
  { name: `exec: ${name}`, args: ['exec', path], code: 3, message, alone: /pipe|zero/.test(name) },
  { name: `disasm: ${name}`, args: ['disasm', path], code: 3, message },
]);

cases.push(
  { name: 'exec: a segment outside --memory', args: ['exec', f.elf('high.elf', (v) => v.setUint32(52 + 8, 0x1000000, true)), '--memory', '16'], code: 3, message: /high\.elf: segment at 0x1000000 of \d+ bytes lies outside the 16 MiB of memory/ },
  { name: 'exec: an entry point outside memory', args: ['exec', f.elf('entry.elf', (v) => v.setUint32(24, 0x2000000, true))], code: 3, message: /entry\.elf: entry point 0x2000000 is not an aligned address inside memory/ },
  { name: 'exec: a misaligned entry point', args: ['exec', f.elf('entry2.elf', (v) => v.setUint32(24, 2, true))], code: 3, message: /entry2\.elf: entry point 0x2 is not an aligned address/ },
  { name: 'exec: an infinite loop stops at --max-instructions', args: ['exec', HELLO.replace('hello', 'spin'), '--max-instructions', '200000'], code: 5, message: /program did not exit within 200000 instructions \(--max-instructions\)/ },
  { name: 'exec: an illegal instruction', args: ['exec', HELLO.replace('hello', 'fault_illegal')], code: 4, message: /illegal instruction .*exec hart/ },
);

badInputs('bad ELF files', cases);
