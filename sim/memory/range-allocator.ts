// Free-list allocation of address ranges in [lo, hi): first fit from the bottom (DRAM buffers,
// as tt-metal's allocator places DRAM buffers) or from the top (L1 buffers, placed top-down so
// that circular buffers can grow from the bottom of L1, as tt-metal's L1 allocator does).
// Freed ranges merge with their neighbours.
export interface Range {
  start: number;
  end: number;
}

export class RangeAllocator {
  private free: Range[]; // sorted by start, never adjacent

  constructor(readonly lo: number, readonly hi: number) {
    this.free = hi > lo ? [{ start: lo, end: hi }] : [];
  }

  // The start of a new range of `bytes` aligned to `align`, or undefined when none fits.
  allocate(bytes: number, align: number, from: 'bottom' | 'top'): number | undefined {
    const order = from === 'bottom' ? this.free : [...this.free].reverse();
    for (const r of order) {
      const start = from === 'bottom' ? Math.ceil(r.start / align) * align : Math.floor((r.end - bytes) / align) * align;
      if (start >= r.start && start + bytes <= r.end) {
        this.take(r, start, start + bytes);
        return start;
      }
    }
    return undefined;
  }

  release(start: number, bytes: number): void {
    const range = { start, end: start + bytes };
    const i = this.free.findIndex((r) => r.start > start);
    const at = i < 0 ? this.free.length : i;
    this.free.splice(at, 0, range);
    // merge with the next, then with the previous
    const next = this.free[at + 1];
    if (next && next.start === range.end) {
      range.end = next.end;
      this.free.splice(at + 1, 1);
    }
    const prev = this.free[at - 1];
    if (prev && prev.end === range.start) {
      prev.end = range.end;
      this.free.splice(at, 1);
    }
  }

  // The largest free range, for messages about what does not fit.
  largestFree(): number {
    return this.free.reduce((m, r) => Math.max(m, r.end - r.start), 0);
  }

  private take(r: Range, start: number, end: number): void {
    const i = this.free.indexOf(r);
    const parts = [{ start: r.start, end: start }, { start: end, end: r.end }].filter((p) => p.end > p.start);
    this.free.splice(i, 1, ...parts);
  }
}
