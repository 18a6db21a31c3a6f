// The deterministic discrete-event engine. Harts run ahead on private work inside the
// interpreter; whenever one touches shared state (an MMIO access or an ecall) it stops, and
// the access is applied only when it is the earliest thing left to happen (an access that
// touches only the hart's own state is private work too, applied at once). DRAM activity and
// the steps between NoC transfers are events in this queue. The NoCs keep their own queues
// (sim/noc/network.ts): packet events, which no hart can see, and completions, which harts can.
// The engine runs packet events only as far as it must to find the next completion, and runs
// completions in global time order: at one time, packet events first, then completions, then
// the engine's own events. Ties break by scheduling order, which is itself deterministic, so a
// run is reproducible to the cycle.
import { ExitCode, firstFew, hex, MeshsimError } from '../errors.ts';
import { faultError } from '../riscv/fault.ts';
import { Stop } from '../riscv/layout.ts';
import { CHUNK } from '../riscv/hart.ts';
import type { CoreHart, TensixCore, Wait } from '../core/tensix-core.ts';
import { EventQueue } from './event-queue.ts';
import { describeWait, isSatisfied } from './waits.ts';
import type { DeviceTrace } from '../trace/device-trace.ts';

type Item = CoreHart | ((now: number) => void);

const SYS_EXIT = 93;

export interface EngineOptions {
  maxCycles: number;
  trace?: DeviceTrace;
  pollCycles?: (w: Wait) => number; // how long a woken hart takes to see what it waited for (waits.ts)
  // Called every PROGRESS_EVENTS events with the current cycle (a long run's progress line).
  onProgress?: (cycle: number) => void;
}

const PROGRESS_EVENTS = 1 << 13;

// A hart as a --json error document lists it.
function hartDetail(h: CoreHart, state: string) {
  return { core: h.core.logical, noc: h.core.xy, processor: h.processor, pc: hex(h.hart.pc), state };
}

/** A model with its own queues that the engine runs in global time order (the NoCs): internal
 *  events no hart can see, and completions, whose callbacks change shared state. */
export interface EventSource {
  nextEventTime(): number; // Infinity when idle
  nextCompletionTime(): number; // earliest completion found so far, Infinity when none
  run(limit: number): void; // internal events at or before limit, none after its next completion
  completeNext(): void; // calls back the earliest completion
}

export class Engine {
  private readonly queue = new EventQueue<Item>();
  private harts: CoreHart[] = [];
  private readonly cycleLimit: bigint;
  now = 0;

  constructor(
    private readonly options: EngineOptions,
    // Applies a hart's pending MMIO access or command at `now`; returns false if the hart blocked.
    private readonly apply: (hart: CoreHart, stop: number, now: number) => boolean,
    private readonly source: EventSource, // the NoCs (one scheduler keeps both in time order)
    // Whether a hart's pending stop affects only that hart, so that applying it before earlier
    // events elsewhere gives the same result (commands.ts isPrivateAccess).
    private readonly isPrivate: (hart: CoreHart, stop: number) => boolean = () => false,
  ) {
    this.cycleLimit = BigInt(options.maxCycles);
  }

  at(time: number, fn: (now: number) => void): void {
    if (time > this.options.maxCycles) this.tooLong(time);
    this.queue.push(time, fn);
  }

  run(harts: CoreHart[]): number {
    this.harts = harts;
    for (const h of harts) this.queue.push(h.hart.cycles, h);
    let end = 0;
    let events = 0;
    const progress = this.options.onProgress;
    for (;;) {
      const time = this.queue.peekTime();
      const source = this.completionDue(time);
      if (source !== null) {
        const t = source.nextCompletionTime();
        if (t > this.options.maxCycles) this.tooLong(t);
        this.now = t;
        if (t > end) end = t;
        source.completeNext();
        continue;
      }
      const item = this.queue.pop();
      if (item === undefined) break;
      if (progress && ++events % PROGRESS_EVENTS === 0) progress(time);
      this.now = time;
      if (time > end) end = time;
      if (typeof item === 'function') item(time);
      else this.step(item);
    }
    const stuck = harts.filter((h) => !h.done);
    if (stuck.length) {
      const state = (h: CoreHart) => (h.wait ? describeWait(h) : 'not started');
      const waits = stuck.map((h) => `${h.name} at pc ${hex(h.hart.pc)} ${state(h)}`);
      throw new MeshsimError(`deadlock at cycle ${end}: every hart is waiting — ${firstFew(waits, 3, '; ')}`, ExitCode.deadlock, {
        reason: 'deadlock', cycle: end, harts: stuck.map((h) => hartDetail(h, state(h))),
      });
    }
    return Math.max(end, ...harts.map((h) => h.hart.cycles));
  }

  // Runs the source's internal events up to `limit` and returns the source if its earliest
  // completion is due at or before `limit`, else null.
  private completionDue(limit: number): EventSource | null {
    const s = this.source;
    for (;;) {
      const c = s.nextCompletionTime();
      const due = c <= limit && c < Infinity;
      const until = due ? c : limit;
      const t = s.nextEventTime();
      if (t === Infinity || t > until) return due ? s : null;
      s.run(until);
    }
  }

  // Re-checks the blocked harts of a core after its shared state changed at `now`.
  wake(core: TensixCore, now: number): void {
    for (const h of core.harts) {
      if (h.wait && isSatisfied(h, h.wait)) {
        const resume = now + (this.options.pollCycles?.(h.wait) ?? 0);
        h.wait = undefined;
        if (h.hart.cycles < resume) h.hart.cycles = resume;
        this.options.trace?.waitEnded(h, h.hart.cycles);
        this.queue.push(h.hart.cycles, h);
      }
    }
  }

  // Runs a hart from its clock until it blocks, finishes, or is no longer the earliest.
  private step(h: CoreHart): void {
    for (;;) {
      if (h.pendingStop >= 0) {
        const stop = h.pendingStop;
        h.pendingStop = -1;
        if (stop === Stop.ECALL) {
          this.finish(h);
          return;
        }
        if (!this.apply(h, stop, h.hart.cycles)) {
          // blocked: wake() re-queues it
          if (h.wait) this.options.trace?.waitBegan(h, h.wait, h.hart.cycles);
          return;
        }
      } else {
        const stop = h.hart.run(CHUNK, this.cycleLimit);
        if (stop === Stop.CYCLE_LIMIT) this.tooLong(h.hart.cycles);
        if (stop >= Stop.ILLEGAL || stop === Stop.EBREAK) throw faultError(h.hart, stop, h.name);
        if (stop !== Stop.BUDGET) h.pendingStop = stop;
      }
      // Go on while nothing else is due first, or at once if the next stop is private;
      // otherwise take a place in the queue.
      if (h.pendingStop >= 0 && this.isPrivate(h, h.pendingStop)) continue;
      const t = h.hart.cycles;
      if (t >= this.queue.peekTime() || this.completionDue(t) !== null) {
        this.queue.push(t, h); // packet events (all completionDue runs) do not move a hart's clock
        return;
      }
    }
  }

  private finish(h: CoreHart): void {
    const call = h.hart.getReg(17);
    if (call !== SYS_EXIT) {
      throw new MeshsimError(`unsupported ecall a7=${call} at ${h.name}, pc 0x${(h.hart.pc - 4).toString(16)}: kernels end by returning from kernel_main`, ExitCode.fault);
    }
    h.done = true;
    this.options.trace?.kernelEnded(h);
  }

  private tooLong(time: number): never {
    const running = this.harts.filter((h) => !h.done);
    throw new MeshsimError(
      `run passed the cycle limit of ${this.options.maxCycles} cycles (at cycle ${time}; --max-cycles sets it); ${running.length} harts still running: ${firstFew(running.map((h) => h.name)) || 'none'}`,
      ExitCode.limit,
      { reason: 'cycle-limit', maxCycles: this.options.maxCycles, cycle: time, harts: running.map((h) => hartDetail(h, h.wait ? describeWait(h) : 'running')) },
    );
  }
}
