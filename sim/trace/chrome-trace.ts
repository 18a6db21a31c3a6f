// trace.json in the Chrome trace event format, which Perfetto (ui.perfetto.dev) and chrome://tracing
// open: a process per core (sorted by row, then column) with a track per hart, tile-engine stage
// and NoC arrival lane (in a fixed order), an "ops" process, flow arrows from the hart that issued
// a NoC transfer to where its data arrived, and counters per NoC link, DRAM bank, multicast tree
// and core. Every event has a category (`cat`); slices carry their operands in `args`.
//
// Times are µs at the preset's clock, to the ns. Perfetto reads `ts` and `dur` separately as
// doubles and truncates each to whole ns (json_trace_utils.cc, CoerceToNs), so each is written as
// a value that truncates to the intended ns, and a slice's end is rounded once: dur = end - start
// in ns. Slices that do not overlap in cycles then never overlap in the trace, at any clock.
import type { Aggregate, Counter, TraceRecorder, TrackInfo } from './recorder.ts';

export const TRACE_SCHEMA = { name: 'meshsim-trace', version: 1 } as const;

export interface TraceEvent {
  name: string;
  ph: 'X' | 'C' | 'M' | 's' | 'f';
  cat?: string;
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  id?: number;
  bp?: 'e';
  args?: Record<string, unknown>;
}

// µs that Perfetto turns back into exactly `ns` nanoseconds.
export function micros(ns: number): number {
  const us = ns / 1000;
  return Math.trunc(us * 1000) === ns ? us : (ns + 0.25) / 1000;
}

const PER_WINDOW = ' (per window)';
const AGGREGATE_TID = 1 << 20; // tids of the per-window tracks: the track's own tid plus this

function aggregateArgs(a: Aggregate): Record<string, unknown> {
  const names = [...a.names].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  return { spans: a.count, busyCycles: a.busy, byName: Object.fromEntries(names.slice(0, 8)) };
}

function counterArgs(c: Counter, value: number, windowCycles: number, clockHz: number): Record<string, number> {
  return c.unit === 'bytes'
    ? { 'GB/s': Number(((value / windowCycles) * (clockHz / 1e9)).toFixed(3)) }
    : { 'busy %': Number(((100 * value) / windowCycles).toFixed(2)) };
}

export function* traceEvents(trace: TraceRecorder, clockHz: number): Generator<TraceEvent> {
  const ns = (cycles: number) => Math.round((cycles * 1e9) / clockHz);
  const slice = (start: number, end: number) => {
    const [a, b] = [ns(start), ns(end)];
    return { ts: micros(a), dur: micros(b - a), empty: b === a };
  };

  // Processes by group order, then name; threads by track order.
  const groups = new Map<string, { order: number; tracks: TrackInfo[] }>();
  for (const t of trace.tracks) {
    const g = groups.get(t.group);
    if (g) {
      g.order = Math.min(g.order, t.groupOrder);
      g.tracks.push(t);
    } else groups.set(t.group, { order: t.groupOrder, tracks: [t] });
  }
  for (const c of trace.counters.values()) if (!groups.has(c.group)) groups.set(c.group, { order: Number.MAX_SAFE_INTEGER, tracks: [] });
  const sorted = [...groups].sort((a, b) => a[1].order - b[1].order || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const pid = new Map(sorted.map(([name], i) => [name, i + 1]));
  const used = new Set(trace.spans.map((s) => s.track));
  const aggregated = new Set(trace.aggregates.flatMap((m, t) => (m.size ? [t] : [])));
  for (const f of trace.flows) used.add(f.from);
  for (const [name, g] of sorted) {
    const p = pid.get(name)!;
    yield { name: 'process_name', ph: 'M', pid: p, args: { name } };
    yield { name: 'process_sort_index', ph: 'M', pid: p, args: { sort_index: p } };
    const tracks = [...g.tracks].sort((a, b) => a.order - b.order || a.id - b.id);
    let index = 0;
    for (const t of tracks) {
      if (used.has(t.id)) {
        yield { name: 'thread_name', ph: 'M', pid: p, tid: t.id + 1, args: { name: t.name } };
        yield { name: 'thread_sort_index', ph: 'M', pid: p, tid: t.id + 1, args: { sort_index: index++ } };
      }
      if (aggregated.has(t.id)) {
        yield { name: 'thread_name', ph: 'M', pid: p, tid: AGGREGATE_TID + t.id + 1, args: { name: t.name + PER_WINDOW } };
        yield { name: 'thread_sort_index', ph: 'M', pid: p, tid: AGGREGATE_TID + t.id + 1, args: { sort_index: index++ } };
      }
    }
  }

  // Slices, per track by start (parents before the children that start with them).
  const pidOf = (track: number) => pid.get(trace.tracks[track].group)!;
  const spans = [...trace.spans].sort((a, b) => a.track - b.track || a.start - b.start || b.end - a.end);
  for (const s of spans) {
    const { ts, dur, empty } = slice(s.start, s.end);
    if (empty) continue;
    yield { name: s.name, ph: 'X', cat: s.cat, pid: pidOf(s.track), tid: s.track + 1, ts, dur, args: s.args };
  }
  for (const bins of trace.aggregates) {
    for (const a of [...bins.values()].sort((x, y) => x.window - y.window)) {
      const { ts, dur, empty } = slice(a.start, a.end);
      if (empty) continue;
      const top = [...a.names].reduce((x, y) => (y[1] > x[1] ? y : x))[0];
      yield { name: `${top} ×${a.count}`, ph: 'X', cat: a.cat, pid: pidOf(a.track), tid: AGGREGATE_TID + a.track + 1, ts, dur, args: aggregateArgs(a) };
    }
  }

  // Flows (v1: a start bound to the issuing hart's enclosing slice, an end bound to the arrival).
  // The end sits in the middle of its arrival slice, in whole ns (so inside it after truncation).
  for (const f of trace.flows) {
    const [a, b] = [ns(f.toStart), ns(f.toEnd)];
    if (b === a) continue;
    yield { name: 'noc transfer', ph: 's', cat: 'noc', id: f.id, pid: pidOf(f.from), tid: f.from + 1, ts: micros(ns(f.at)) };
    yield { name: 'noc transfer', ph: 'f', bp: 'e', cat: 'noc', id: f.id, pid: pidOf(f.to), tid: f.to + 1, ts: micros(Math.floor((a + b) / 2)) };
  }

  // Counters, back to zero after a window whose successor had nothing.
  const W = trace.counterWindow;
  for (const [name, c] of [...trace.counters].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const p = pid.get(c.group)!;
    const windows = [...c.values.keys()].sort((a, b) => a - b);
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i];
      yield { name, ph: 'C', cat: 'counter', pid: p, ts: micros(ns(w * W)), args: counterArgs(c, c.values.get(w)!, W, clockHz) };
      if (windows[i + 1] !== w + 1) yield { name, ph: 'C', cat: 'counter', pid: p, ts: micros(ns((w + 1) * W)), args: counterArgs(c, 0, W, clockHz) };
    }
  }
}

export function traceOtherData(trace: TraceRecorder, clockHz: number, meshsim: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...extra,
    schema: TRACE_SCHEMA,
    generator: 'meshsim',
    meshsim,
    clockHz,
    counterWindowCycles: trace.counterWindow,
    ...trace.summary(),
    multicastTrees: [...trace.multicastTrees.values()],
  };
}

export function chromeTrace(trace: TraceRecorder, clockHz: number, meshsim = '', extra: Record<string, unknown> = {}): { traceEvents: TraceEvent[]; displayTimeUnit: 'ns'; otherData: Record<string, unknown> } {
  return { traceEvents: [...traceEvents(trace, clockHz)], displayTimeUnit: 'ns', otherData: traceOtherData(trace, clockHz, meshsim, extra) };
}

// The same document as text, in pieces, so a large trace is never one string in memory.
export function* chromeTraceText(trace: TraceRecorder, clockHz: number, meshsim: string, extra: Record<string, unknown> = {}): Generator<string> {
  yield '{"displayTimeUnit":"ns","otherData":' + JSON.stringify(traceOtherData(trace, clockHz, meshsim, extra)) + ',"traceEvents":[\n';
  let batch: string[] = [];
  let first = true;
  for (const e of traceEvents(trace, clockHz)) {
    batch.push(JSON.stringify(e));
    if (batch.length === 4096) {
      yield (first ? '' : ',\n') + batch.join(',\n');
      first = false;
      batch = [];
    }
  }
  if (batch.length) yield (first ? '' : ',\n') + batch.join(',\n');
  yield '\n]}\n';
}
