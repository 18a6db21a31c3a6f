// Timelines and counters of a set of serial resources: NoC links, or NIU injection or absorption
// ports. Each resource carries one packet at a time; who gets it next is the arbiter's business
// (arbiter.ts), this file only books what was granted.
//
// A packet granted a resource at `start` holds it for its occupancy there (wire bytes at the
// resource's rate), or until its tail has arrived if the stage before it delivered more slowly:
// end = max(start + occupancy, tailIn). The resource is free again from `end`, so the intervals
// it is held never overlap and no packet crosses it faster than its rate.

/** Called for every grant (tests check invariants with it; traces record it). */
export type ReservationObserver = (index: number, start: number, end: number, payloadBytes: number, wireBytes: number) => void;

export class Resources {
  readonly free: Float64Array; // time each resource is next free
  readonly bytes: Float64Array; // payload bytes carried
  readonly busy: Float64Array; // cycles held
  readonly packets: Float64Array; // packets carried
  observer: ReservationObserver | null = null;

  constructor(readonly count: number) {
    this.free = new Float64Array(count);
    this.bytes = new Float64Array(count);
    this.busy = new Float64Array(count);
    this.packets = new Float64Array(count);
  }

  /** Books resource i from `start`; returns when it is free again. */
  grant(i: number, start: number, occupancy: number, tailIn: number, payload: number, wire: number): number {
    let end = start + occupancy;
    if (tailIn > end) end = tailIn;
    this.free[i] = end;
    this.busy[i] += end - start;
    this.bytes[i] += payload;
    this.packets[i] += 1;
    if (this.observer !== null) this.observer(i, start, end, payload, wire);
    return end;
  }

  reset(): void {
    this.free.fill(0);
    this.bytes.fill(0);
    this.busy.fill(0);
    this.packets.fill(0);
  }
}
