// Reservation state and counters of a set of serial resources: NoC links, or NIU injection or
// absorption ports. Each resource is held by one packet at a time, first come first served.
//
// A packet passes a resource with its head ready at `headIn` and its tail ready at `tailIn` (the
// tail can only follow as fast as the stage before it delivers). It takes the resource at
// h = max(headIn, free) and holds it until t = max(h + occupancy, tailIn). The resource is then
// free from t, so the intervals it is held never overlap, and a packet never crosses it faster than
// its rate (occupancy ≥ wire bytes / bytes per cycle).

/** Called for every reservation (tests check invariants with it; traces may record it). */
export type ReservationObserver = (index: number, start: number, end: number, payloadBytes: number, wireBytes: number) => void;

export class Resources {
  readonly free: Float64Array; // time each resource is next free
  readonly bytes: Float64Array; // payload bytes carried
  readonly busy: Float64Array; // cycles held
  readonly packets: Float64Array; // packets carried
  observer: ReservationObserver | null = null;
  /** Head start and tail end of the last pass(). */
  head = 0;
  tail = 0;

  constructor(readonly count: number) {
    this.free = new Float64Array(count);
    this.bytes = new Float64Array(count);
    this.busy = new Float64Array(count);
    this.packets = new Float64Array(count);
  }

  pass(i: number, headIn: number, tailIn: number, occupancy: number, payload: number, wire: number): void {
    const f = this.free[i];
    const h = headIn > f ? headIn : f;
    let t = h + occupancy;
    if (tailIn > t) t = tailIn;
    this.free[i] = t;
    this.busy[i] += t - h;
    this.bytes[i] += payload;
    this.packets[i] += 1;
    this.head = h;
    this.tail = t;
    if (this.observer !== null) this.observer(i, h, t, payload, wire);
  }

  /** Keep resource i held until `until` (back-pressure on a source port): extends its last reservation,
   *  reported to the observer as a further interval carrying no bytes. */
  holdUntil(i: number, until: number): void {
    const f = this.free[i];
    if (until > f + 1e-9) {
      this.busy[i] += until - f;
      this.free[i] = until;
      this.tail = until;
      if (this.observer !== null) this.observer(i, f, until, 0, 0);
    }
  }

  reset(): void {
    this.free.fill(0);
    this.bytes.fill(0);
    this.busy.fill(0);
    this.packets.fill(0);
  }
}
