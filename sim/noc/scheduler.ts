// The event queues the NoCs of a device share, and running them in time order. Packet events
// (a packet's head reaching a link or port, a busy resource freeing) change nothing a hart can
// see; completions call back into the engine. One queue for both NoCs keeps their packet events
// in a single time order without switching between them (a completion on one NoC can start a
// transfer on the other, so neither may run ahead of it).
import { EventWheel } from '../event-wheel.ts';
import { ExitCode, MeshsimError } from '../errors.ts';

/** What a NoC does with the events the scheduler hands back to it. */
export interface NocEventHandler {
  handleEvent(value: number, t: number): void;
  handleCompletion(value: number, t: number): void;
}

const SLOT_BITS = 3; // events carry value << SLOT_BITS | slot
const MAX_NOCS = 1 << SLOT_BITS;

export class NocScheduler {
  private readonly events = new EventWheel();
  private readonly completions = new EventWheel();
  private readonly nocs: NocEventHandler[] = [];
  /** Latest event run: no transfer may start before it any more. */
  time = -Infinity;
  private firstCompletion = Infinity; // completions.peekTime(), kept as packet events are run

  /** Registers a NoC; returns the slot its events carry. */
  attach(noc: NocEventHandler): number {
    if (this.nocs.length === MAX_NOCS) throw new MeshsimError(`a NoC scheduler serves at most ${MAX_NOCS} NoCs`, ExitCode.internal);
    return this.nocs.push(noc) - 1;
  }

  push(slot: number, time: number, value: number): void {
    this.events.push(time, (value << SLOT_BITS) | slot);
  }

  pushCompletion(slot: number, time: number, value: number): void {
    this.completions.push(time, (value << SLOT_BITS) | slot);
    if (time < this.firstCompletion) this.firstCompletion = time;
  }

  /** Time of the next packet event (Infinity when none). */
  nextEventTime(): number {
    return this.events.peekTime();
  }

  /** Time of the next completion found so far (Infinity when none). */
  nextCompletionTime(): number {
    return this.firstCompletion;
  }

  /** Runs the packet events due at or before `limit`, in time order, stopping short of any
   *  event after the earliest completion found (its callback may start more transfers). */
  run(limit: number): void {
    const events = this.events;
    const nocs = this.nocs;
    for (;;) {
      const t = events.peekTime();
      if (t > limit || t > this.firstCompletion || t === Infinity) return;
      const d = events.pop();
      if (t > this.time) this.time = t;
      nocs[d & (MAX_NOCS - 1)].handleEvent(d >> SLOT_BITS, t);
    }
  }

  /** Calls back the earliest completion (there must be one). */
  completeNext(): void {
    const t = this.completions.peekTime();
    const d = this.completions.pop();
    this.firstCompletion = this.completions.peekTime();
    if (t > this.time) this.time = t;
    this.nocs[d & (MAX_NOCS - 1)].handleCompletion(d >> SLOT_BITS, t);
  }

  /** Runs everything due at or before `now`: packet events, then completions, in time order
   *  (for NoCs driven without the engine). */
  advance(now: number): void {
    for (;;) {
      this.run(now);
      if (this.completions.size === 0 || this.completions.peekTime() > now) return;
      this.completeNext();
    }
  }

  clear(): void {
    this.events.clear();
    this.completions.clear();
    this.firstCompletion = Infinity;
    this.time = -Infinity;
  }
}
