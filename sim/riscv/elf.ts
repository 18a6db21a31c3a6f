// ELF32 little-endian RISC-V executable reader: program headers, sections and symbols.
import { badInput } from '../errors.ts';

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
const EM_RISCV = 243;
const ET_EXEC = 2;
export const SHF_EXECINSTR = 4;
const SYMBOL_TYPES: ElfSymbol['type'][] = ['notype', 'object', 'func', 'section', 'file'];

export function parseElf(bytes: Uint8Array, path = '<elf>'): ElfImage {
  const fail = (what: string) => badInput(`${path}: ${what}`);
  if (bytes.length < 52) throw fail(`not an ELF file: ${bytes.length} bytes, shorter than an ELF32 header (52)`);
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    throw fail('not an ELF file (expected the magic bytes 7f 45 4c 46)');
  }
  if (bytes[4] !== 1) throw fail(`ELF class ${bytes[4] === 2 ? '64-bit' : bytes[4]}, expected 32-bit (ELFCLASS32) for RV32IM`);
  if (bytes[5] !== 1) throw fail('big-endian ELF, expected little-endian (ELFDATA2LSB)');
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
  if (phnum > 0 && (phentsize < 32 || !within(phoff, phnum * phentsize))) {
    throw fail(`program header table (${phnum} entries at offset ${phoff}) runs past the end of the file (${bytes.length} bytes)`);
  }
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (u32(o) !== PT_LOAD) continue;
    const offset = u32(o + 4);
    const filesz = u32(o + 16);
    const memsz = u32(o + 20);
    if (!within(offset, filesz)) {
      throw fail(`segment ${i} (${filesz} bytes at file offset ${offset}) runs past the end of the file (${bytes.length} bytes)`);
    }
    if (filesz > memsz) throw fail(`segment ${i} has filesz ${filesz} larger than memsz ${memsz}`);
    segments.push({ vaddr: u32(o + 8), memsz, filesz, flags: u32(o + 24), data: bytes.subarray(offset, offset + filesz) });
  }
  if (segments.length === 0) throw fail('no loadable (PT_LOAD) segment');

  const sections: ElfSection[] = [];
  const symbols: ElfSymbol[] = [];
  // Sections and symbols are optional for running; a stripped or damaged table is ignored.
  if (shnum > 0 && shentsize >= 40 && within(shoff, shnum * shentsize)) {
    const raw = Array.from({ length: shnum }, (_, i) => {
      const o = shoff + i * shentsize;
      return { nameOff: u32(o), type: u32(o + 4), flags: u32(o + 8), addr: u32(o + 12), offset: u32(o + 16), size: u32(o + 20), link: u32(o + 24) };
    });
    const cstr = (offset: number) => {
      let end = offset;
      while (end < bytes.length && bytes[end] !== 0) end++;
      return new TextDecoder().decode(bytes.subarray(offset, end));
    };
    const names = raw[shstrndx];
    for (const s of raw) {
      sections.push({ name: names ? cstr(names.offset + s.nameOff) : '', type: s.type, flags: s.flags, addr: s.addr, offset: s.offset, size: s.size });
    }
    for (const s of raw) {
      if (s.type !== SHT_SYMTAB || !within(s.offset, s.size) || !raw[s.link]) continue;
      const strtab = raw[s.link].offset;
      for (let o = s.offset; o + 16 <= s.offset + s.size; o += 16) {
        const info = bytes[o + 12];
        const name = cstr(strtab + u32(o));
        if (!name) continue;
        symbols.push({ name, value: u32(o + 4), size: u32(o + 8), type: SYMBOL_TYPES[info & 15] ?? 'other', global: info >> 4 !== 0, section: u16(o + 14) });
      }
    }
  }
  return { path, bytes, entry, segments, sections, symbols };
}
