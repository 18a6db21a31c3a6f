// Records a run for trace.json and the report: spans on tracks (each hart's kernel, its waits and
// profiler zones, each tile-engine stage's work, the NoC data arriving at each core, the ops of a
// run), flows from the hart that issued a NoC transfer to where its data arrived, and counters of
// bytes (or busy cycles) per window. Recording is opt-in (Device option `trace`), so untraced runs
// pay nothing for it.
//
// Memory stays bounded at any run length. Spans are kept one by one up to `maxSpans`; past that,
// the short and numerous kinds (waits, tile-engine work, NoC arrivals) are merged into one slice
// per track per window of `aggregateWindow` cycles (doubled whenever the merged slices would
// exceed the budget again), kernels and ops stay exact, and zones past the budget are counted as
// dropped. Counter windows start at COUNTER_WINDOW cycles and double when a counter would hold
// more than MAX_COUNTER_WINDOWS of them. `summary()` says what happened, for the warning.
import { Lanes } from './lanes.ts';

export type SpanCategory = 'kernel' | 'wait' | 'zone' | 'tile' | 'noc' | 'op';
export type SpanArgs = Record<string, number | string>;

// Kinds merged into windows past the budget; the others are few (kernels, ops) or nest (zones).
const AGGREGATED: ReadonlySet<SpanCategory> = new Set(['wait', 'tile', 'noc']);

export interface TrackInfo {
  id: number;
  group: string; // the process it belongs to in the viewer: a core, 'ops', 'NoC links', ...
  name: string;
  groupOrder: number; // processes appear by this (cores by row, then column)
  order: number; // tracks within a process by this (harts and stages in a fixed order)
}

export interface Span {
  track: number;
  cat: SpanCategory;
  name: string;
  start: number; // cycles
  end: number;
  args?: SpanArgs;
}

// One window's merged spans of one track.
export interface Aggregate {
  track: number;
  cat: SpanCategory;
  window: number; // index, in aggregateWindow cycles
  start: number; // first start and last end of the spans merged
  end: number;
  count: number;
  busy: number; // cycles inside spans
  names: Map<string, number>; // busy cycles by span name
}

// A NoC transfer's arrow: from the issuing hart's track at `at` to the arrival slice [toStart, toEnd).
export interface Flow {
  id: number;
  from: number;
  at: number;
  to: number;
  toStart: number;
  toEnd: number;
}

// A multicast's tree of links; its bytes per window are the counter of the same name.
export interface MulticastTree {
  name: string;
  noc: number;
  src: { x: number; y: number };
  rect: { x0: number; y0: number; x1: number; y1: number };
  links: number[]; // link ids, as in stats run.links[noc]
}

export interface Counter {
  group: string;
  unit: 'bytes' | 'cycles';
  values: Map<number, number>; // window index -> bytes or busy cycles
}

// Fine enough for a short run to have ~200 report windows; coarsened (doubled) past 2048 windows.
export const COUNTER_WINDOW = 250;
const MAX_COUNTER_WINDOWS = 2048;
export const DEFAULT_MAX_SPANS = 1_000_000;

export class TraceRecorder {
  readonly tracks: TrackInfo[] = [];
  readonly spans: Span[] = [];
  readonly aggregates: Map<number, Aggregate>[] = []; // per track: window -> merged spans
  readonly flows: Flow[] = [];
  readonly counters = new Map<string, Counter>();
  readonly multicastTrees = new Map<string, MulticastTree>();
  counterWindow = COUNTER_WINDOW;
  aggregateWindow = 0; // 0 until the budget is passed
  produced = 0; // spans the run produced
  droppedZones = 0;
  droppedFlows = 0;
  private aggregateCount = 0;
  private readonly trackIds = new Map<string, number>();
  private readonly openWaits = new Map<number, { name: string; start: number; args?: SpanArgs }>();
  private readonly lanes = new Lanes();

  constructor(readonly maxSpans = DEFAULT_MAX_SPANS) {}

  // A track by group and name, made on first use; `order` places it (see TrackInfo).
  track(group: string, name: string, groupOrder = Number.MAX_SAFE_INTEGER, order = this.tracks.length): number {
    const key = `${group}\u0000${name}`;
    let id = this.trackIds.get(key);
    if (id === undefined) {
      this.trackIds.set(key, (id = this.tracks.length));
      this.tracks.push({ id, group, name, groupOrder, order });
      this.aggregates.push(new Map());
    }
    return id;
  }

  span(track: number, cat: SpanCategory, name: string, start: number, end: number, args?: SpanArgs): boolean {
    if (!(end > start)) return false;
    this.produced++;
    if (this.aggregateWindow > 0 && AGGREGATED.has(cat)) {
      this.aggregate({ track, cat, name, start, end });
      return false;
    }
    if (cat === 'zone' && this.spans.length >= this.maxSpans) {
      this.droppedZones++;
      return false;
    }
    this.spans.push({ track, cat, name, start, end, args });
    if (this.spans.length > this.maxSpans) this.startAggregating(end);
    return true;
  }

  beginWait(track: number, name: string, start: number, args?: SpanArgs): void {
    this.openWaits.set(track, { name, start, args });
  }

  endWait(track: number, end: number): void {
    const w = this.openWaits.get(track);
    if (!w) return;
    this.openWaits.delete(track);
    this.span(track, 'wait', w.name, w.start, end, w.args);
  }

  // NoC data arriving at a core: a slice on one of its arrival lanes for that NoC (lanes keep
  // overlapping arrivals on separate tracks), and an arrow from the issuing hart at `issuedAt`.
  arrival(group: string, groupOrder: number, noc: number, name: string, start: number, end: number, args: SpanArgs, from: number, issuedAt: number): void {
    const lane = this.lanes.place(`${group} ${noc}`, start, end);
    const track = this.track(group, `noc${noc} in${lane > 0 ? ` ${lane + 1}` : ''}`, groupOrder, 10 + 10 * noc + lane);
    const exact = this.span(track, 'noc', name, start, end, args);
    if (!exact) this.droppedFlows++;
    else this.flows.push({ id: this.flows.length + 1, from, at: issuedAt, to: track, toStart: start, toEnd: end });
  }

  op(name: string, strategy: string, start: number, end: number): void {
    this.span(this.track('ops', 'ops', -1, 0), 'op', name, start, end, { strategy });
  }

  // Spreads `amount` (bytes, or busy cycles) over [start, end) into the counter's windows.
  count(group: string, counter: string, unit: Counter['unit'], start: number, end: number, amount: number): void {
    let c = this.counters.get(counter);
    if (!c) this.counters.set(counter, (c = { group, unit, values: new Map() }));
    const W = this.counterWindow;
    const length = Math.max(end - start, 1e-9);
    for (let w = Math.floor(start / W); w * W < end; w++) {
      const overlap = Math.min(end, (w + 1) * W) - Math.max(start, w * W);
      c.values.set(w, (c.values.get(w) ?? 0) + (amount * overlap) / length);
    }
    if (c.values.size > MAX_COUNTER_WINDOWS) this.coarsenCounters();
  }

  traffic(group: string, counter: string, start: number, end: number, bytes: number): void {
    this.count(group, counter, 'bytes', start, end, bytes);
  }

  // What the trace holds against what the run produced, for the terminal warning and stats.
  summary(): { produced: number; exact: number; aggregated: number; aggregateWindow: number; droppedZones: number; droppedFlows: number } {
    return { produced: this.produced, exact: this.spans.length, aggregated: this.aggregateCount, aggregateWindow: this.aggregateWindow, droppedZones: this.droppedZones, droppedFlows: this.droppedFlows };
  }

  private startAggregating(now: number): void {
    // A window such that the merged slices of every track busy so far fit in half the budget.
    const busyTracks = new Set(this.spans.filter((s) => AGGREGATED.has(s.cat)).map((s) => s.track)).size;
    let W = COUNTER_WINDOW;
    while ((busyTracks * now) / W > this.maxSpans / 2) W *= 2;
    this.aggregateWindow = W;
    const kept: Span[] = [];
    for (const s of this.spans) {
      if (AGGREGATED.has(s.cat)) this.aggregate(s);
      else kept.push(s);
    }
    this.spans.length = 0;
    this.spans.push(...kept);
    // Their arrival slices are merged now: the arrows would point at nothing.
    this.droppedFlows += this.flows.length;
    this.flows.length = 0;
  }

  private aggregate(s: Omit<Span, 'args'>): void {
    const bins = this.aggregates[s.track];
    const w = Math.floor(s.start / this.aggregateWindow);
    let a = bins.get(w);
    if (!a) {
      bins.set(w, (a = { track: s.track, cat: s.cat, window: w, start: s.start, end: s.end, count: 0, busy: 0, names: new Map() }));
      this.aggregateCount++;
    }
    a.start = Math.min(a.start, s.start);
    a.end = Math.max(a.end, s.end);
    a.count++;
    a.busy += s.end - s.start;
    a.names.set(s.name, (a.names.get(s.name) ?? 0) + s.end - s.start);
    if (this.aggregateCount > this.maxSpans / 2) this.coarsenAggregates();
  }

  // Doubles the aggregate window, merging neighbouring windows of each track.
  private coarsenAggregates(): void {
    this.aggregateWindow *= 2;
    this.aggregateCount = 0;
    for (let t = 0; t < this.aggregates.length; t++) {
      const merged = new Map<number, Aggregate>();
      for (const a of this.aggregates[t].values()) {
        const w = Math.floor(a.window / 2);
        const m = merged.get(w);
        if (!m) {
          merged.set(w, { ...a, window: w });
          this.aggregateCount++;
          continue;
        }
        m.start = Math.min(m.start, a.start);
        m.end = Math.max(m.end, a.end);
        m.count += a.count;
        m.busy += a.busy;
        for (const [n, c] of a.names) m.names.set(n, (m.names.get(n) ?? 0) + c);
      }
      this.aggregates[t] = merged;
    }
  }

  private coarsenCounters(): void {
    this.counterWindow *= 2;
    for (const c of this.counters.values()) {
      const merged = new Map<number, number>();
      for (const [w, v] of c.values) merged.set(Math.floor(w / 2), (merged.get(Math.floor(w / 2)) ?? 0) + v);
      c.values = merged;
    }
  }
}
