// The device's DRAM: banks at their NoC endpoints, their timing and contents, and the allocator
// for buffers. A buffer has the same offset in every bank. An interleaved buffer puts page i in bank
// i mod banks (tt-metal's interleaved layout); a sharded one puts `pagesPerBank` consecutive pages
// in each bank in turn (tt-metal's DRAM-sharded buffers, one shard per bank), so page addresses
// need no table.
import type { ArchPreset, Coord } from '../arch/types.ts';
import { badInput } from '../errors.ts';
import { RangeAllocator } from '../memory/range-allocator.ts';
import { DramChannelTiming } from './channel.ts';
import { SparseMemory } from './storage.ts';

export interface DramBuffer {
  id: number;
  address: number; // offset in every bank
  pageBytes: number;
  pageStride: number; // bytes from one page to the next in a bank: pageBytes rounded up to DRAM_PAGE_ALIGNMENT
  pages: number;
  bytes: number;
  pagesPerBank?: number; // sharded: pages [b·pagesPerBank, (b+1)·pagesPerBank) live in bank b
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
  readonly buffers: DramBuffer[] = []; // live buffers, by address (their ranges do not overlap)
  private readonly bankAt = new Map<number, number>(); // packed endpoint xy -> bank
  private readonly space: RangeAllocator; // offsets, the same in every bank
  private nextId = 0;

  constructor(readonly preset: ArchPreset) {
    const d = preset.dram;
    this.timing = d.channels.map(() => new DramChannelTiming(d.bytesPerCyclePerChannel * d.efficiency, d.accessLatencyCycles));
    this.contents = d.channels.map(() => new SparseMemory());
    d.channels.forEach((ch) => this.bankAt.set(ch.endpoints[0].y * 256 + ch.endpoints[0].x, ch.id));
    this.space = new RangeAllocator(ALLOC_BASE, d.bankBytes);
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

  // An interleaved buffer, or with `pagesPerBank` a sharded one (its pages must fit the banks).
  allocate(bytes: number, pageBytes: number, pagesPerBank?: number): DramBuffer {
    if (!Number.isInteger(pageBytes) || pageBytes < 1) throw badInput(`DRAM buffer page size ${pageBytes}: expected a positive whole number of bytes`);
    if (!(bytes > 0)) throw badInput(`DRAM buffer size ${bytes}: expected a positive number of bytes`);
    const pages = Math.ceil(bytes / pageBytes);
    if (pagesPerBank !== undefined && !(Number.isInteger(pagesPerBank) && pagesPerBank > 0 && pagesPerBank * this.banks >= pages)) {
      throw badInput(`sharded DRAM buffer of ${pages} pages: ${pagesPerBank} pages per bank do not hold it in ${this.banks} banks`);
    }
    const pageStride = Math.ceil(pageBytes / DRAM_PAGE_ALIGNMENT) * DRAM_PAGE_ALIGNMENT;
    const perBank = (pagesPerBank ?? Math.ceil(pages / this.banks)) * pageStride;
    const address = this.space.allocate(perBank, ALIGN, 'bottom');
    if (address === undefined) {
      throw badInput(`DRAM buffer of ${bytes} bytes does not fit: it needs ${perBank} bytes in each bank, and the largest free range is ${this.space.largestFree()} bytes`);
    }
    const buffer: DramBuffer = { id: this.nextId++, address, pageBytes, pageStride, pages, bytes, ...(pagesPerBank === undefined ? {} : { pagesPerBank }) };
    this.buffers.splice(this.indexAfter(address), 0, buffer);
    return buffer;
  }

  // Frees a buffer's space (tt-metal: DeallocateBuffer); its pages are no longer addressable.
  free(buffer: DramBuffer): void {
    const i = this.buffers.indexOf(buffer);
    if (i < 0) throw badInput(`DRAM buffer ${buffer.id} is not allocated (freed twice?)`);
    this.buffers.splice(i, 1);
    const bytes = perBankBytes(buffer, this.banks);
    for (const bank of this.contents) bank.clear(buffer.address, bytes); // a later buffer there starts as zeros, as a fresh one does
    this.space.release(buffer.address, bytes);
  }

  // The bank and bank offset of byte `offset` of a buffer.
  locate(buffer: DramBuffer, offset: number): { bank: number; addr: number } {
    const page = Math.floor(offset / buffer.pageBytes);
    const [bank, slot] = buffer.pagesPerBank === undefined
      ? [page % this.banks, Math.floor(page / this.banks)]
      : [Math.floor(page / buffer.pagesPerBank), page % buffer.pagesPerBank];
    return { bank, addr: buffer.address + slot * buffer.pageStride + (offset % buffer.pageBytes) };
  }

  // The buffer holding [addr, addr + bytes) of a bank, or undefined when that range is not
  // inside one page of an allocated buffer, the page's alignment padding included (tt-metal's
  // TensorAccessor without a page size moves the aligned page, Buffer::aligned_page_size). Only the
  // last buffer starting at or below addr can hold it: a buffer's pages lie inside its allocated
  // range, and the ranges do not overlap.
  bufferAt(bank: number, addr: number, bytes: number): DramBuffer | undefined {
    const i = this.indexAfter(addr) - 1;
    if (i < 0) return undefined;
    const b = this.buffers[i];
    const rel = addr - b.address;
    const slot = Math.floor(rel / b.pageStride);
    const page = b.pagesPerBank === undefined ? slot * this.banks + bank : slot < b.pagesPerBank ? bank * b.pagesPerBank + slot : Infinity;
    return page < b.pages && (rel % b.pageStride) + bytes <= b.pageStride ? b : undefined;
  }

  // The number of live buffers that start at or below addr (a binary search: they are by address).
  private indexAfter(addr: number): number {
    let lo = 0;
    let hi = this.buffers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.buffers[mid].address <= addr) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // Writes data into the buffer from byte `at` on (a page boundary), page by page to its banks.
  writeBuffer(buffer: DramBuffer, data: Uint8Array, at = 0): void {
    for (let off = 0; off < data.length; off += buffer.pageBytes) {
      const { bank, addr } = this.locate(buffer, at + off);
      this.contents[bank].write(addr, data.subarray(off, Math.min(data.length, off + buffer.pageBytes)));
    }
  }

  readBuffer(buffer: DramBuffer, at = 0, bytes = buffer.bytes - at): Uint8Array {
    const out = new Uint8Array(bytes);
    for (let off = 0; off < out.length; off += buffer.pageBytes) {
      const { bank, addr } = this.locate(buffer, at + off);
      this.contents[bank].read(addr, out.subarray(off, Math.min(out.length, off + buffer.pageBytes)));
    }
    return out;
  }
}

function perBankBytes(b: DramBuffer, banks: number): number {
  return (b.pagesPerBank ?? Math.ceil(b.pages / banks)) * b.pageStride;
}
