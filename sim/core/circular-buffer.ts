// A circular buffer in L1: a FIFO of fixed-size pages between a producer hart and a consumer
// hart, with tt-metal's semantics (cb_reserve_back / cb_push_back / cb_wait_front / cb_pop_front).
import type { DataFormat } from '../compute/formats.ts';

export interface CircularBufferConfig {
  index: number; // 0..31
  pageBytes: number;
  pages: number;
  format: DataFormat;
}

// Each side keeps its own count: a push uses space at once but shows its pages to the consumer
// when they are written (the compute hart's packer finishes later); a pop moves the front at once
// but frees the space when the pages have been read (the compute hart's unpacker finishes later).
export class CircularBuffer {
  pushed = 0; // pages the producer has pushed
  visible = 0; // of those, pages the consumer can see
  popped = 0; // pages the consumer has popped
  freed = 0; // of those, pages whose space the producer can use again
  reserved = 0; // pages the producer has reserved and not pushed yet
  packed = 0; // tiles the packer has written past the back since the last push (pack_tile's auto-advance)

  constructor(readonly config: CircularBufferConfig, readonly base: number) {}

  get bytes(): number {
    return this.config.pageBytes * this.config.pages;
  }

  // Pages at the front, for the consumer.
  get available(): number {
    return this.visible - this.popped;
  }

  // Pages of space at the back, for the producer.
  get free(): number {
    return this.config.pages - (this.pushed - this.freed);
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

  reserve(pages: number): void {
    this.reserved = Math.max(this.reserved, pages);
  }

  push(pages: number): string | undefined {
    if (pages > this.free) return `cb_push_back(cb ${this.config.index}, ${pages}) without reserved space: ${this.free} pages free`;
    this.pushed += pages;
    this.reserved = Math.max(0, this.reserved - pages);
    return undefined;
  }

  show(pages: number): void {
    this.visible += pages;
  }

  pop(pages: number): string | undefined {
    if (pages > this.available) return `cb_pop_front(cb ${this.config.index}, ${pages}) with only ${this.available} pages at the front`;
    this.popped += pages;
    return undefined;
  }

  release(pages: number): void {
    this.freed += pages;
  }
}
