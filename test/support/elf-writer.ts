// Writes a minimal static ELF32 little-endian RISC-V executable (ET_EXEC, EM_RISCV) with one
// PT_LOAD program header per segment and no sections. Each segment's file offset is congruent
// to its vaddr modulo 4096 and the segments are RWX, which is what qemu-user's loader needs.

export interface ElfWriterSegment {
  vaddr: number;
  data: Uint8Array; // file contents (filesz = data.length)
  memsz?: number; // >= data.length; the rest is zero-filled (bss). Default data.length.
  flags?: number; // PF_R = 4 | PF_W = 2 | PF_X = 1; default 7
}

export interface ElfWriterInput {
  entry: number;
  segments: ElfWriterSegment[];
}

const PAGE = 4096;
const EHSIZE = 52;
const PHENTSIZE = 32;

export function writeElf32({ entry, segments }: ElfWriterInput): Uint8Array {
  if (segments.length === 0) throw new Error('writeElf32: at least one segment is needed');
  const sorted = [...segments].sort((a, b) => a.vaddr - b.vaddr);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    if (prev.vaddr + Math.max(prev.memsz ?? 0, prev.data.length) > sorted[i].vaddr) {
      throw new Error(`writeElf32: segments at 0x${prev.vaddr.toString(16)} and 0x${sorted[i].vaddr.toString(16)} overlap`);
    }
  }
  // Lay out: header, program headers, then each segment on its own page(s) at offset ≡ vaddr (mod PAGE).
  let offset = EHSIZE + PHENTSIZE * sorted.length;
  const offsets = sorted.map((s) => {
    const o = Math.ceil(offset / PAGE) * PAGE + (s.vaddr % PAGE);
    offset = o + s.data.length;
    return o;
  });
  const out = new Uint8Array(offset);
  const v = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1 /* ELFCLASS32 */, 1 /* ELFDATA2LSB */, 1 /* EV_CURRENT */, 0 /* SYSV */]);
  v.setUint16(16, 2, true); // e_type ET_EXEC
  v.setUint16(18, 243, true); // e_machine EM_RISCV
  v.setUint32(20, 1, true); // e_version
  v.setUint32(24, entry >>> 0, true);
  v.setUint32(28, EHSIZE, true); // e_phoff
  v.setUint32(32, 0, true); // e_shoff
  v.setUint32(36, 0, true); // e_flags: soft-float ilp32, no RVC
  v.setUint16(40, EHSIZE, true);
  v.setUint16(42, PHENTSIZE, true);
  v.setUint16(44, sorted.length, true);
  v.setUint16(46, 40, true); // e_shentsize
  v.setUint16(48, 0, true); // e_shnum
  v.setUint16(50, 0, true); // e_shstrndx
  sorted.forEach((s, i) => {
    const p = EHSIZE + i * PHENTSIZE;
    const memsz = s.memsz ?? s.data.length;
    if (memsz < s.data.length) throw new Error(`writeElf32: memsz ${memsz} < data length ${s.data.length}`);
    v.setUint32(p, 1, true); // PT_LOAD
    v.setUint32(p + 4, offsets[i], true);
    v.setUint32(p + 8, s.vaddr >>> 0, true); // p_vaddr
    v.setUint32(p + 12, s.vaddr >>> 0, true); // p_paddr
    v.setUint32(p + 16, s.data.length, true);
    v.setUint32(p + 20, memsz, true);
    v.setUint32(p + 24, s.flags ?? 7, true);
    v.setUint32(p + 28, PAGE, true); // p_align
    out.set(s.data, offsets[i]);
  });
  return out;
}
