// An event queue of integers: a binary min-heap over typed arrays ordered by (time, sequence
// number), each event one integer of payload. The sequence number is the order of pushing, itself
// deterministic, so ties always break the same way. Typed arrays rather than objects: the NoC
// pushes an event per packet per hop, and the engine builds its queue of items on it.
export class EventHeap {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private data = new Int32Array(1024);
  private count = 0;
  private nextSeq = 0;

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event, Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** Payload of the earliest event (the heap must not be empty). */
  peekData(): number {
    return this.data[0];
  }

  /** Adds an event; ties break by the order of pushing. */
  push(time: number, value: number): void {
    const seq = this.nextSeq++;
    if (this.count === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const data = this.data;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      data[i] = data[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    data[i] = value;
  }

  /** Removes the earliest event (the heap must not be empty). */
  pop(): void {
    const n = --this.count;
    if (n === 0) return;
    const times = this.times;
    const seqs = this.seqs;
    const data = this.data;
    const t = times[n];
    const s = seqs[n];
    const d = data[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const r = child + 1;
      if (r < n && (times[r] < times[child] || (times[r] === times[child] && seqs[r] < seqs[child]))) child = r;
      const ct = times[child];
      if (t < ct || (t === ct && s < seqs[child])) break;
      times[i] = ct;
      seqs[i] = seqs[child];
      data[i] = data[child];
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    data[i] = d;
  }

  clear(): void {
    this.count = 0;
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    const seqs = new Float64Array(n);
    const data = new Int32Array(n);
    times.set(this.times);
    seqs.set(this.seqs);
    data.set(this.data);
    this.times = times;
    this.seqs = seqs;
    this.data = data;
  }
}
