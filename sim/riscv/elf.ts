// ELF32 little-endian RISC-V executable reader: program headers, sections and symbols.
import { badInput } from '../errors.ts';
import { readUserFile } from '../io/read-file.ts';

export interface ElfSegment {
  vaddr: number;
  memsz: number;
  filesz: number;
  flags: number; // PF_X = 1, PF_W = 2, PF_R = 4
  data: Uint8Array; // the filesz bytes from the file; the rest of memsz is zero
}

export interface ElfSection {
  name: string;
  type: number;
  flags: number; // SHF_ALLOC = 2, SHF_EXECINSTR = 4
  addr: number;
  offset: number;
  size: number;
}

export interface ElfSymbol {
  name: string;
  value: number;
  size: number;
  type: 'notype' | 'object' | 'func' | 'section' | 'file' | 'other';
  global: boolean;
  section: number; // section index; 0 = undefined, 0xfff1 = absolute (e.g. a linker --defsym)
}

export interface ElfImage {
  path: string;
  bytes: Uint8Array;
  entry: number;
  segments: ElfSegment[];
  sections: ElfSection[];
  symbols: ElfSymbol[];
}

const PT_LOAD = 1;
const SHT_SYMTAB = 2;
const SHT_NOBITS = 8;
const EM_RISCV = 243;
const ET_EXEC = 2;
const EHSIZE = 52;
const PHENTSIZE = 32;
const SHENTSIZE = 40;
export const SHF_EXECINSTR = 4;
const SYMBOL_TYPES: ElfSymbol['type'][] = ['notype', 'object', 'func', 'section', 'file'];
// Bytes an ELF reader needs to see before deciding whether to read the rest.
export const ELF_IDENT_BYTES = EHSIZE;

const hex = (n: number) => `0x${n.toString(16)}`;

// The identification checks, on the first bytes alone: a reader can refuse a large file that is
// not an ELF before reading it.
export function checkElfIdent(bytes: Uint8Array, path: string): void {
  const fail = (what: string) => badInput(`${path}: ${what}`);
  if (bytes.length < EHSIZE) throw fail(`not an ELF file: ${bytes.length} bytes, shorter than an ELF32 header (${EHSIZE})`);
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    throw fail('not an ELF file (expected the magic bytes 7f 45 4c 46)');
  }
  if (bytes[4] !== 1) throw fail(`ELF class ${bytes[4] === 2 ? '64-bit' : bytes[4]}, expected 32-bit (ELFCLASS32) for RV32IM`);
  if (bytes[5] !== 1) throw fail('big-endian ELF, expected little-endian (ELFDATA2LSB)');
}

// Programs and kernels are small; this bounds what a wrong path can make meshsim read.
export const ELF_MAX_BYTES = 256 << 20;

// Reads and parses an ELF file a user named; `label` names it in messages (default: the path).
export function readElf(path: string, label = path): ElfImage {
  const bytes = readUserFile(path, { what: 'an RV32 ELF executable', maxBytes: ELF_MAX_BYTES, head: { bytes: ELF_IDENT_BYTES, check: (head) => checkElfIdent(head, label) } });
  return parseElf(bytes, label);
}

export function parseElf(bytes: Uint8Array, path = '<elf>'): ElfImage {
  const fail = (what: string) => badInput(`${path}: ${what}`);
  checkElfIdent(bytes, path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  const type = u16(16);
  const machine = u16(18);
  if (machine !== EM_RISCV) throw fail(`machine ${machine}, expected EM_RISCV (243)`);
  if (type !== ET_EXEC) throw fail(`ELF type ${type}, expected an executable (ET_EXEC = 2)`);
  const entry = u32(24);
  const phoff = u32(28);
  const shoff = u32(32);
  const phentsize = u16(42);
  const phnum = u16(44);
  const shentsize = u16(46);
  const shnum = u16(48);
  const shstrndx = u16(50);

  const within = (offset: number, size: number) => offset + size <= bytes.length;
  const pastEnd = `runs past the end of the file (${bytes.length} bytes): the file is truncated or damaged`;
  if (phnum > 0 && phentsize !== PHENTSIZE) throw fail(`e_phentsize ${phentsize}, expected ${PHENTSIZE} (the size of an ELF32 program header)`);
  if (!within(phoff, phnum * PHENTSIZE)) throw fail(`program header table (${phnum} entries at offset ${phoff}) ${pastEnd}`);
  const segments: (ElfSegment & { index: number })[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * PHENTSIZE;
    if (u32(o) !== PT_LOAD) continue;
    const offset = u32(o + 4);
    const vaddr = u32(o + 8);
    const filesz = u32(o + 16);
    const memsz = u32(o + 20);
    if (!within(offset, filesz)) throw fail(`segment ${i} (${filesz} bytes at file offset ${offset}) ${pastEnd}`);
    if (filesz > memsz) throw fail(`segment ${i} has filesz ${filesz} larger than memsz ${memsz}`);
    if (vaddr + memsz > 2 ** 32) throw fail(`segment ${i} at ${hex(vaddr)} of ${memsz} bytes runs past the end of the 32-bit address space`);
    segments.push({ index: i, vaddr, memsz, filesz, flags: u32(o + 24), data: bytes.subarray(offset, offset + filesz) });
  }
  if (segments.length === 0) throw fail('no loadable (PT_LOAD) segment');
  // Two segments over the same bytes would load in an order-dependent way: the later would win.
  const byAddress = segments.filter((s) => s.memsz > 0).sort((a, b) => a.vaddr - b.vaddr);
  for (let i = 1; i < byAddress.length; i++) {
    const [a, b] = [byAddress[i - 1], byAddress[i]];
    if (b.vaddr < a.vaddr + a.memsz) {
      const span = (s: ElfSegment) => `${hex(s.vaddr)}-${hex(s.vaddr + s.memsz - 1)}`;
      throw fail(`segments ${a.index} (${span(a)}) and ${b.index} (${span(b)}) overlap in memory; expected disjoint PT_LOAD segments`);
    }
  }

  const sections = shnum > 0 ? readSections() : [];
  const symbols = readSymbols();
  return { path, bytes, entry, segments: segments.map(({ index: _, ...s }) => s), sections: sections.map(({ link: _, ...s }) => s), symbols };

  // Sections and symbols: optional for running, needed by the disassembler. A file may have none
  // (e_shnum 0); a table that is there must lie inside the file.
  function readSections(): (ElfSection & { link: number })[] {
    if (shentsize !== SHENTSIZE) throw fail(`e_shentsize ${shentsize}, expected ${SHENTSIZE} (the size of an ELF32 section header)`);
    if (shoff < EHSIZE || !within(shoff, shnum * SHENTSIZE)) throw fail(`section header table (${shnum} entries at offset ${shoff}) ${pastEnd}`);
    if (shstrndx >= shnum) throw fail(`e_shstrndx ${shstrndx}, expected a section index below e_shnum (${shnum})`);
    const raw = Array.from({ length: shnum }, (_, i) => {
      const o = shoff + i * SHENTSIZE;
      return { nameOff: u32(o), type: u32(o + 4), flags: u32(o + 8), addr: u32(o + 12), offset: u32(o + 16), size: u32(o + 20), link: u32(o + 24) };
    });
    raw.forEach((s, i) => {
      if (s.type !== SHT_NOBITS && s.type !== 0 && !within(s.offset, s.size)) throw fail(`section ${i} (${s.size} bytes at file offset ${s.offset}) ${pastEnd}`);
    });
    const names = raw[shstrndx];
    return raw.map((s) => ({ name: cstr(names.offset + s.nameOff, names.offset + names.size), type: s.type, flags: s.flags, addr: s.addr, offset: s.offset, size: s.size, link: s.link }));
  }

  function readSymbols(): ElfSymbol[] {
    const out: ElfSymbol[] = [];
    for (const [i, s] of sections.entries()) {
      if (s.type !== SHT_SYMTAB) continue;
      const strtab = sections[s.link];
      if (!strtab || strtab.type === SHT_NOBITS) throw fail(`symbol table (section ${i}) links to section ${s.link}, which is not a string table`);
      for (let o = s.offset; o + 16 <= s.offset + s.size; o += 16) {
        const info = bytes[o + 12];
        const name = cstr(strtab.offset + u32(o), strtab.offset + strtab.size);
        if (!name) continue;
        out.push({ name, value: u32(o + 4), size: u32(o + 8), type: SYMBOL_TYPES[info & 15] ?? 'other', global: info >> 4 !== 0, section: u16(o + 14) });
      }
    }
    return out;
  }

  // A NUL-terminated name inside [offset, end) of the file; empty when outside it.
  function cstr(offset: number, end: number): string {
    const stop = Math.min(end, bytes.length);
    let e = offset;
    while (e < stop && bytes[e] !== 0) e++;
    return offset < stop ? new TextDecoder().decode(bytes.subarray(offset, e)) : '';
  }
}
