// An event queue of integers ordered by (time, sequence number), for the many near-future events
// of the NoC and the engine: a ring of one-cycle buckets covering the next SIZE cycles, each a
// short list sorted by time, with the events beyond the ring in a binary heap (event-heap.ts).
// Pushing and popping a near event costs O(1) instead of a heap's O(log n). Ties break by the
// order of pushing, as in the heap, so both give the same order.
import { EventHeap } from './event-heap.ts';
import { ExitCode, MeshsimError } from './errors.ts';

const SIZE = 1024;
const MASK = SIZE - 1;
const NONE = -1;

export class EventWheel {
  private readonly heads = new Int32Array(SIZE).fill(NONE); // first event of each bucket
  private times = new Float64Array(256); // per event slot
  private seqs = new Float64Array(256);
  private data = new Int32Array(256);
  private next = new Int32Array(256); // next event of the bucket, or the next free slot
  private freeSlot = NONE;
  private slots = 0; // slots ever used
  private inWheel = 0;
  private base = 0; // floor of the latest time popped: the ring covers [base, base + SIZE)
  private cursor = 0; // no bucket before this one holds an event
  private readonly far = new EventHeap();
  private nextSeq = 0;

  get size(): number {
    return this.inWheel + this.far.size;
  }

  push(time: number, value: number): void {
    const seq = this.nextSeq++;
    const k = Math.floor(time);
    if (k >= this.base + SIZE) {
      this.far.push(time, value, seq);
      return;
    }
    if (!(k >= this.base)) throw new MeshsimError(`event at ${time} pushed after time ${this.base} was reached`, ExitCode.internal);
    let slot = this.freeSlot;
    if (slot !== NONE) this.freeSlot = this.next[slot];
    else {
      if (this.slots === this.times.length) this.grow();
      slot = this.slots++;
    }
    this.times[slot] = time;
    this.seqs[slot] = seq;
    this.data[slot] = value;
    // After every event of the bucket with a time ≤ this one: their sequence numbers are smaller.
    const b = k & MASK;
    let prev = NONE;
    let cur = this.heads[b];
    while (cur !== NONE && this.times[cur] <= time) {
      prev = cur;
      cur = this.next[cur];
    }
    this.next[slot] = cur;
    if (prev === NONE) this.heads[b] = slot;
    else this.next[prev] = slot;
    this.inWheel++;
    if (k < this.cursor) this.cursor = k;
  }

  /** Time of the earliest event, Infinity when empty. */
  peekTime(): number {
    const slot = this.wheelHead();
    const farTime = this.far.peekTime();
    if (slot === NONE) return farTime;
    const t = this.times[slot];
    return t < farTime ? t : farTime;
  }

  /** Removes the earliest event and returns its payload (the queue must not be empty). */
  pop(): number {
    if (this.size === 0) throw new MeshsimError('pop from an empty event queue', ExitCode.internal);
    const slot = this.wheelHead();
    let time: number;
    let value: number;
    if (slot !== NONE && !this.farFirst(slot)) {
      time = this.times[slot];
      value = this.data[slot];
      this.heads[Math.floor(time) & MASK] = this.next[slot];
      this.next[slot] = this.freeSlot;
      this.freeSlot = slot;
      this.inWheel--;
    } else {
      time = this.far.peekTime();
      value = this.far.peekData();
      this.far.pop();
    }
    this.base = Math.floor(time);
    if (this.cursor < this.base) this.cursor = this.base;
    return value;
  }

  clear(): void {
    this.heads.fill(NONE);
    this.freeSlot = NONE;
    this.slots = 0;
    this.inWheel = 0;
    this.base = 0;
    this.cursor = 0;
    this.far.clear();
  }

  // The earliest event in the ring, or NONE.
  private wheelHead(): number {
    if (this.inWheel === 0) return NONE;
    while (this.heads[this.cursor & MASK] === NONE) this.cursor++;
    return this.heads[this.cursor & MASK];
  }

  // Whether the heap's earliest event comes before the ring's earliest (slot).
  private farFirst(slot: number): boolean {
    if (this.far.size === 0) return false;
    const ft = this.far.peekTime();
    const t = this.times[slot];
    return ft < t || (ft === t && this.far.peekSeq() < this.seqs[slot]);
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const seqs = new Float64Array(n);
    const data = new Int32Array(n);
    const next = new Int32Array(n);
    times.set(this.times);
    seqs.set(this.seqs);
    data.set(this.data);
    next.set(this.next);
    this.times = times;
    this.seqs = seqs;
    this.data = data;
    this.next = next;
  }
}
