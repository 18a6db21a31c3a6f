// An event queue of integers ordered by (time, sequence number), for the many near-future events
// of the NoC and the engine: a ring of one-cycle buckets covering the next SIZE cycles, each a
// short list sorted by time, with the events beyond the ring in a binary heap (event-heap.ts).
// Pushing and popping a near event costs O(1) instead of a heap's O(log n). Ties break by the
// order of pushing, in the ring, in the heap and between them (farFirst), with no sequence
// numbers kept for the ring. The earliest event of the ring and the earliest time overall are kept
// up to date by push and pop, so peekTime, which the engine and the NoC scheduler call more often
// than pop, is one field read.
import { EventHeap } from './event-heap.ts';
import { ExitCode, MeshsimError } from './errors.ts';

const SIZE = 1024;
const MASK = SIZE - 1;
const NONE = -1;

export class EventWheel {
  private readonly heads = new Int32Array(SIZE).fill(NONE); // first event of each bucket
  private times = new Float64Array(256); // per event slot
  private data = new Int32Array(256);
  private next = new Int32Array(256); // next event of the bucket, or the next free slot
  private freeSlot = NONE;
  private slots = 0; // slots ever used
  private inWheel = 0;
  private base = 0; // floor of the latest time popped: the ring covers [base, base + SIZE)
  private first = NONE; // earliest event of the ring
  private earliest = Infinity; // time of the earliest event, ring or heap
  private readonly far = new EventHeap();

  get size(): number {
    return this.inWheel + this.far.size;
  }

  push(time: number, value: number): void {
    if (time < this.earliest) this.earliest = time;
    const k = Math.floor(time);
    if (k >= this.base + SIZE) {
      this.far.push(time, value); // in the order of pushing, as the ring's buckets are
      return;
    }
    if (!(k >= this.base)) throw new MeshsimError(`event at ${time} pushed after time ${this.base} was reached`, ExitCode.internal);
    let slot = this.freeSlot;
    if (slot !== NONE) this.freeSlot = this.next[slot];
    else {
      if (this.slots === this.times.length) this.grow();
      slot = this.slots++;
    }
    const times = this.times;
    const next = this.next;
    times[slot] = time;
    this.data[slot] = value;
    // After every event of the bucket with a time ≤ this one: their sequence numbers are smaller.
    const b = k & MASK;
    let prev = NONE;
    let cur = this.heads[b];
    while (cur !== NONE && times[cur] <= time) {
      prev = cur;
      cur = next[cur];
    }
    next[slot] = cur;
    if (prev === NONE) this.heads[b] = slot;
    else next[prev] = slot;
    this.inWheel++;
    // Strictly earlier than the ring's first: an equal time came first and stays first.
    if (this.first === NONE || time < times[this.first]) this.first = slot;
  }

  /** Time of the earliest event, Infinity when empty. */
  peekTime(): number {
    return this.earliest;
  }

  /** Removes the earliest event and returns its payload (the queue must not be empty). */
  pop(): number {
    const slot = this.first;
    let value: number;
    if (slot !== NONE && !this.farFirst(slot)) {
      value = this.data[slot];
      const after = this.next[slot];
      this.base = Math.floor(this.times[slot]);
      const b = this.base & MASK;
      this.heads[b] = after;
      this.next[slot] = this.freeSlot;
      this.freeSlot = slot;
      this.first = --this.inWheel === 0 ? NONE : after !== NONE ? after : this.headAfter(b);
    } else {
      if (this.far.size === 0) throw new MeshsimError('pop from an empty event queue', ExitCode.internal);
      this.base = Math.floor(this.far.peekTime());
      value = this.far.peekData();
      this.far.pop();
    }
    const farTime = this.far.peekTime();
    const ringTime = this.first === NONE ? Infinity : this.times[this.first];
    this.earliest = ringTime < farTime ? ringTime : farTime;
    return value;
  }

  clear(): void {
    this.heads.fill(NONE);
    this.freeSlot = NONE;
    this.slots = 0;
    this.inWheel = 0;
    this.base = 0;
    this.first = NONE;
    this.earliest = Infinity;
    this.far.clear();
  }

  // The head of the first non-empty bucket after bucket b (the ring must hold an event): every
  // event of the ring lies at or after the one just popped from b, within SIZE buckets.
  private headAfter(b: number): number {
    const heads = this.heads;
    let i = (b + 1) & MASK;
    while (heads[i] === NONE) i = (i + 1) & MASK;
    return heads[i];
  }

  // Whether the heap's earliest event comes before the ring's earliest (slot). On a tie the
  // heap's was pushed first: it went to the heap while its time was past the ring, and the ring
  // only moves on, so an event of the ring at that time came later.
  private farFirst(slot: number): boolean {
    return this.far.size > 0 && this.far.peekTime() <= this.times[slot];
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const data = new Int32Array(n);
    const next = new Int32Array(n);
    times.set(this.times);
    data.set(this.data);
    next.set(this.next);
    this.times = times;
    this.data = data;
    this.next = next;
  }
}
