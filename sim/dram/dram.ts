// The device's DRAM: banks at their NoC endpoints, their timing and contents, and the allocator
// for buffers. An interleaved buffer puts page i in bank i mod banks, at the same offset in every
// bank (tt-metal's interleaved layout), so page addresses need no table.
import type { ArchPreset, Coord } from '../arch/types.ts';
import { badInput } from '../errors.ts';
import { DramChannelTiming } from './channel.ts';
import { SparseMemory } from './storage.ts';

export interface DramBuffer {
  id: number;
  address: number; // offset in every bank
  pageBytes: number;
  pageStride: number; // bytes from one page to the next in a bank: pageBytes rounded up to DRAM_PAGE_ALIGNMENT
  pages: number;
  bytes: number;
}

// Bank offsets start above 0 so that a zero address is never a valid buffer.
const ALLOC_BASE = 0x100;
const ALIGN = 64;
// Pages of any size are laid out at aligned addresses in their bank, as tt-metal's allocator does
// (Buffer::aligned_page_size), so a 4-byte stick still starts a NoC-aligned read: Wormhole's DRAM
// read alignment is 32 bytes ([BHGUIDE]; Blackhole's 64 is not modelled).
export const DRAM_PAGE_ALIGNMENT = 32;

export class Dram {
  readonly timing: DramChannelTiming[];
  readonly contents: SparseMemory[];
  readonly buffers: DramBuffer[] = [];
  private readonly bankAt = new Map<number, number>(); // packed endpoint xy -> bank
  private nextOffset = ALLOC_BASE;

  constructor(readonly preset: ArchPreset) {
    const d = preset.dram;
    this.timing = d.channels.map(() => new DramChannelTiming(d.bytesPerCyclePerChannel * d.efficiency, d.accessLatencyCycles));
    this.contents = d.channels.map(() => new SparseMemory());
    d.channels.forEach((ch) => this.bankAt.set(ch.endpoints[0].y * 256 + ch.endpoints[0].x, ch.id));
  }

  get banks(): number {
    return this.preset.dram.channels.length;
  }

  endpoint(bank: number): Coord {
    return this.preset.dram.channels[bank].endpoints[0];
  }

  // The bank whose addressing endpoint is at xy, if any.
  bankAtTile(xy: Coord): number | undefined {
    return this.bankAt.get(xy.y * 256 + xy.x);
  }

  allocate(bytes: number, pageBytes: number): DramBuffer {
    if (!Number.isInteger(pageBytes) || pageBytes < 1) throw badInput(`DRAM buffer page size ${pageBytes}: expected a positive whole number of bytes`);
    if (!(bytes > 0)) throw badInput(`DRAM buffer size ${bytes}: expected a positive number of bytes`);
    const pages = Math.ceil(bytes / pageBytes);
    const pageStride = Math.ceil(pageBytes / DRAM_PAGE_ALIGNMENT) * DRAM_PAGE_ALIGNMENT;
    const perBank = Math.ceil(pages / this.banks) * pageStride;
    const address = this.nextOffset;
    if (address + perBank > this.preset.dram.bankBytes) {
      throw badInput(`DRAM buffer of ${bytes} bytes does not fit: ${this.preset.dram.bankBytes - address} bytes left per bank`);
    }
    this.nextOffset = Math.ceil((address + perBank) / ALIGN) * ALIGN;
    const buffer = { id: this.buffers.length, address, pageBytes, pageStride, pages, bytes };
    this.buffers.push(buffer);
    return buffer;
  }

  // The bank and bank offset of byte `offset` of an interleaved buffer.
  locate(buffer: DramBuffer, offset: number): { bank: number; addr: number } {
    const page = Math.floor(offset / buffer.pageBytes);
    return { bank: page % this.banks, addr: buffer.address + Math.floor(page / this.banks) * buffer.pageStride + (offset % buffer.pageBytes) };
  }

  // The buffer holding [addr, addr + bytes) of a bank, or undefined when that range is not
  // inside one page of an allocated buffer.
  bufferAt(bank: number, addr: number, bytes: number): DramBuffer | undefined {
    for (const b of this.buffers) {
      const rel = addr - b.address;
      if (rel < 0) continue;
      const row = Math.floor(rel / b.pageStride);
      const page = row * this.banks + bank;
      if (page < b.pages && (rel % b.pageStride) + bytes <= b.pageBytes) return b;
    }
    return undefined;
  }

  writeBuffer(buffer: DramBuffer, data: Uint8Array): void {
    for (let off = 0; off < data.length; off += buffer.pageBytes) {
      const { bank, addr } = this.locate(buffer, off);
      this.contents[bank].write(addr, data.subarray(off, Math.min(data.length, off + buffer.pageBytes)));
    }
  }

  readBuffer(buffer: DramBuffer): Uint8Array {
    const out = new Uint8Array(buffer.bytes);
    for (let off = 0; off < out.length; off += buffer.pageBytes) {
      const { bank, addr } = this.locate(buffer, off);
      this.contents[bank].read(addr, out.subarray(off, Math.min(out.length, off + buffer.pageBytes)));
    }
    return out;
  }
}
