// The engine's queue of items (harts and callbacks) by time: the integer event queue
// (sim/event-wheel.ts) over a table of slots, so ties break by scheduling order and a push
// allocates nothing once the table has grown.
import { EventWheel } from '../event-wheel.ts';

export class EventQueue<T> {
  private readonly heap = new EventWheel();
  private readonly items: (T | undefined)[] = [];
  private readonly spare: number[] = [];

  get size(): number {
    return this.heap.size;
  }

  push(time: number, item: T): void {
    const slot = this.spare.length > 0 ? this.spare.pop()! : this.items.length;
    this.items[slot] = item;
    this.heap.push(time, slot);
  }

  peekTime(): number {
    return this.heap.peekTime();
  }

  /** Removes and returns the earliest item; undefined when the queue is empty. */
  pop(): T | undefined {
    if (this.heap.size === 0) return undefined;
    const slot = this.heap.pop();
    const item = this.items[slot];
    this.items[slot] = undefined;
    this.spare.push(slot);
    return item;
  }
}
