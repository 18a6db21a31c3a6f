// The deterministic discrete-event engine. Harts run ahead on private work inside the
// interpreter; whenever one touches shared state (an MMIO access or an ecall) it stops, and
// the access is applied only when it is the earliest thing left to happen. DRAM activity and
// the steps between NoC transfers are events in this queue; the NoCs keep their own queues of
// packet events (sim/noc/network.ts), run in the same global time order, before the engine's
// own events of the same time. Ties break by scheduling order, which is itself deterministic,
// so a run is reproducible to the cycle.
import { ExitCode, MeshsimError } from '../errors.ts';
import { faultError } from '../riscv/fault.ts';
import { Stop } from '../riscv/layout.ts';
import { CHUNK } from '../riscv/hart.ts';
import type { CoreHart, TensixCore } from '../core/tensix-core.ts';
import { EventQueue } from './event-queue.ts';
import { describeWait, isSatisfied, waitName } from './waits.ts';
import type { TraceRecorder } from '../trace/recorder.ts';

type Item = CoreHart | ((now: number) => void);

const SYS_EXIT = 93;

export interface EngineOptions {
  maxCycles: number;
  trace?: TraceRecorder;
}

/** A model with its own event queue that the engine runs in global time order (the NoCs). */
export interface EventSource {
  nextTime(): number; // Infinity when idle
  advance(now: number): void; // runs everything due at or before now
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
    private readonly sources: EventSource[] = [],
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
    for (;;) {
      const source = this.dueSource();
      if (source !== null) {
        const t = source.nextTime();
        if (t > this.options.maxCycles) this.tooLong(t);
        this.now = t;
        if (t > end) end = t;
        source.advance(t);
        continue;
      }
      const time = this.queue.peekTime();
      const item = this.queue.pop();
      if (item === undefined) break;
      this.now = time;
      if (time > end) end = time;
      if (typeof item === 'function') item(time);
      else this.step(item);
    }
    const stuck = harts.filter((h) => !h.done);
    if (stuck.length) {
      const waits = stuck.map((h) => `${h.name} at pc 0x${h.hart.pc.toString(16)} ${h.wait ? describeWait(h) : 'not started'}`);
      throw new MeshsimError(`deadlock at cycle ${end}: every hart is waiting — ${waits.join('; ')}`, ExitCode.deadlock);
    }
    return Math.max(end, ...harts.map((h) => h.hart.cycles));
  }

  // The source with the earliest event, if it is due no later than the engine's own next event.
  private dueSource(): EventSource | null {
    let best: EventSource | null = null;
    let t = this.queue.peekTime();
    for (const s of this.sources) {
      const n = s.nextTime();
      if (n < t || (n === t && best === null && n !== Infinity)) {
        best = s;
        t = n;
      }
    }
    return best;
  }

  // Time of the next thing to happen, in the engine's queue or any source's.
  private nextTime(): number {
    let t = this.queue.peekTime();
    for (const s of this.sources) {
      const n = s.nextTime();
      if (n < t) t = n;
    }
    return t;
  }

  // Re-checks the blocked harts of a core after its shared state changed at `now`.
  wake(core: TensixCore, now: number): void {
    for (const h of core.harts) {
      if (h.wait && isSatisfied(h, h.wait)) {
        h.wait = undefined;
        if (h.hart.cycles < now) h.hart.cycles = now;
        this.options.trace?.endWait(h.name, h.hart.cycles);
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
          if (h.wait) this.options.trace?.beginWait(h.core.name, h.name, waitName(h.wait), h.hart.cycles);
          return;
        }
      } else {
        const stop = h.hart.run(CHUNK, this.cycleLimit);
        if (stop === Stop.CYCLE_LIMIT) this.tooLong(h.hart.cycles);
        if (stop >= Stop.ILLEGAL || stop === Stop.EBREAK) throw faultError(h.hart, stop, h.name);
        if (stop !== Stop.BUDGET) h.pendingStop = stop;
      }
      // Go on only while nothing else is due first; otherwise take a place in the queue.
      if (h.hart.cycles >= this.nextTime()) {
        this.queue.push(h.hart.cycles, h);
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
    this.options.trace?.span(h.core.name, h.name, h.kernel, h.startedAt, h.hart.cycles);
  }

  private tooLong(time: number): never {
    const running = this.harts.filter((h) => !h.done).map((h) => h.name);
    throw new MeshsimError(
      `run passed the cycle limit of ${this.options.maxCycles} cycles (at cycle ${time}); still running: ${running.join(', ') || 'none'}`,
      ExitCode.limit,
    );
  }
}
