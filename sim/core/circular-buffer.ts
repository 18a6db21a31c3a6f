// A circular buffer in L1: a FIFO of fixed-size pages between a producer hart and a consumer
// hart, with tt-metal's semantics (cb_reserve_back / cb_push_back / cb_wait_front / cb_pop_front).
export type DataFormat = 'fp32' | 'bf16' | 'bfp8_b' | 'bfp4_b' | 'uint32' | 'uint16';

export interface CircularBufferConfig {
  index: number; // 0..31
  pageBytes: number;
  pages: number;
  format: DataFormat;
}

export class CircularBuffer {
  pushed = 0; // pages ever pushed
  popped = 0; // pages ever popped

  constructor(readonly config: CircularBufferConfig, readonly base: number) {}

  get bytes(): number {
    return this.config.pageBytes * this.config.pages;
  }

  get available(): number {
    return this.pushed - this.popped;
  }

  get free(): number {
    return this.config.pages - this.available;
  }

  // L1 address of the back (where the producer writes next) and of the front.
  get writePtr(): number {
    return this.base + (this.pushed % this.config.pages) * this.config.pageBytes;
  }

  get readPtr(): number {
    return this.base + (this.popped % this.config.pages) * this.config.pageBytes;
  }

  // A wait larger than the whole buffer could never be satisfied.
  checkCount(op: string, pages: number): string | undefined {
    if (pages <= 0 || pages > this.config.pages) return `${op}(cb ${this.config.index}, ${pages}): expected 1 to ${this.config.pages} pages (the CB holds ${this.config.pages})`;
    return undefined;
  }

  push(pages: number): string | undefined {
    if (pages > this.free) return `cb_push_back(cb ${this.config.index}, ${pages}) without reserved space: ${this.free} pages free`;
    this.pushed += pages;
    return undefined;
  }

  pop(pages: number): string | undefined {
    if (pages > this.available) return `cb_pop_front(cb ${this.config.index}, ${pages}) with only ${this.available} pages at the front`;
    this.popped += pages;
    return undefined;
  }
}
