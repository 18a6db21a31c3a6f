import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../sim/arch/index.ts';
import { DRAM_PAGE_ALIGNMENT, Dram } from '../../sim/dram/dram.ts';
import { DramChannelTiming } from '../../sim/dram/channel.ts';
import { MeshsimError } from '../../sim/errors.ts';

describe('DRAM', () => {
  it('interleaves pages round-robin over the banks at one offset per row', () => {
    const dram = new Dram(PRESETS.wormhole_n150);
    const a = dram.allocate(30 * 1024, 1024);
    expect(dram.locate(a, 0)).toEqual({ bank: 0, addr: a.address });
    expect(dram.locate(a, 11 * 1024 + 5)).toEqual({ bank: 11, addr: a.address + 5 });
    expect(dram.locate(a, 12 * 1024)).toEqual({ bank: 0, addr: a.address + 1024 });
    const b = dram.allocate(1024, 1024);
    expect(b.address).toBeGreaterThanOrEqual(a.address + 3 * 1024); // 30 pages = 3 rows
  });

  it('stores what is written and finds the buffer of an address', () => {
    const dram = new Dram(PRESETS.wormhole_n150);
    const buf = dram.allocate(5000, 512);
    const data = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
    dram.writeBuffer(buf, data);
    expect(dram.readBuffer(buf)).toEqual(data);
    expect(dram.bufferAt(9, buf.address, 512)).toBe(buf); // page 9
    expect(dram.bufferAt(10, buf.address, 512)).toBeUndefined(); // only 10 pages: 0..9
    expect(dram.bufferAt(0, buf.address + 500, 16)).toBeUndefined(); // crosses the page end
  });

  it('rejects buffers that do not fit and bad page sizes', () => {
    const dram = new Dram(PRESETS.teach_2x2);
    expect(() => dram.allocate(4 << 30, 1024)).toThrow(MeshsimError);
    expect(() => dram.allocate(1024, 0)).toThrow(/positive whole number/);
    expect(() => dram.allocate(1024, 2.5)).toThrow(/positive whole number/);
  });

  it('pages smaller than the alignment (4-byte sticks) sit at aligned addresses in their bank', () => {
    const dram = new Dram(PRESETS.teach_2x2);
    const buf = dram.allocate(4 * 40, 4);
    expect(buf.pageStride).toBe(DRAM_PAGE_ALIGNMENT);
    const data = Uint8Array.from({ length: 160 }, (_, i) => (i * 7) & 255);
    dram.writeBuffer(buf, data);
    expect(dram.readBuffer(buf)).toEqual(data);
    const banks = dram.banks;
    expect(dram.locate(buf, 4 * (banks + 1))).toEqual({ bank: 1, addr: buf.address + DRAM_PAGE_ALIGNMENT });
    expect(dram.bufferAt(1, buf.address + DRAM_PAGE_ALIGNMENT, 4)).toBe(buf);
    expect(dram.bufferAt(1, buf.address + DRAM_PAGE_ALIGNMENT, DRAM_PAGE_ALIGNMENT)).toBe(buf); // the aligned page, padding included
    expect(dram.bufferAt(1, buf.address + DRAM_PAGE_ALIGNMENT, DRAM_PAGE_ALIGNMENT + 4)).toBeUndefined(); // into the next page
  });

  it('a bank serves requests first come first served at its bandwidth, after its latency', () => {
    const bank = new DramChannelTiming(20, 100);
    expect(bank.access(0, 2000, false)).toBe(100 + 100); // 2000 B at 20 B/cycle
    expect(bank.access(10, 2000, true)).toBe(100 + 100 + 100); // waits for the first
    expect([bank.bytesRead, bank.bytesWritten, bank.busyCycles]).toEqual([2000, 2000, 200]);
  });
});
