// trace.json in the Chrome trace event format, which Perfetto (ui.perfetto.dev) and
// chrome://tracing open: a process per core (a track per hart and per tile-engine stage) and
// counter tracks of bandwidth per NoC link and DRAM bank. Times are µs at the preset's clock.
import { WINDOW, type TraceRecorder } from './recorder.ts';

interface TraceEvent {
  name: string;
  ph: 'X' | 'C' | 'M';
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  args?: Record<string, number | string>;
}

export function chromeTrace(trace: TraceRecorder, clockHz: number): { traceEvents: TraceEvent[]; displayTimeUnit: 'ns'; otherData: Record<string, string | number> } {
  const us = (cycles: number) => Math.round((cycles / clockHz) * 1e9) / 1e3; // to the ns
  const events: TraceEvent[] = [];
  const pids = new Map<string, number>();
  const tids = new Map<string, number>();
  const pidOf = (group: string) => {
    let pid = pids.get(group);
    if (pid === undefined) {
      pids.set(group, (pid = pids.size + 1));
      events.push({ name: 'process_name', ph: 'M', pid, args: { name: group } }, { name: 'process_sort_index', ph: 'M', pid, args: { sort_index: pid } });
    }
    return pid;
  };
  const tidOf = (pid: number, track: string) => {
    let tid = tids.get(track);
    if (tid === undefined) {
      tids.set(track, (tid = tids.size + 1));
      events.push({ name: 'thread_name', ph: 'M', pid, tid, args: { name: track } });
    }
    return tid;
  };
  for (const s of trace.spans) {
    const pid = pidOf(s.group);
    events.push({ name: s.name, ph: 'X', pid, tid: tidOf(pid, s.track), ts: us(s.start), dur: us(s.end - s.start) });
  }
  const gbps = (bytes: number) => Number(((bytes / WINDOW) * (clockHz / 1e9)).toFixed(3));
  for (const [name, c] of [...trace.counters].sort((a, b) => a[0].localeCompare(b[0]))) {
    const pid = pidOf(c.group);
    const windows = [...c.bytes.keys()].sort((a, b) => a - b);
    windows.forEach((w, i) => {
      events.push({ name, ph: 'C', pid, ts: us(w), args: { 'GB/s': gbps(c.bytes.get(w)!) } });
      // Back to zero after a window whose successor moved nothing.
      if (windows[i + 1] !== w + WINDOW) events.push({ name, ph: 'C', pid, ts: us(w + WINDOW), args: { 'GB/s': 0 } });
    });
  }
  return {
    traceEvents: events,
    displayTimeUnit: 'ns',
    otherData: { generator: 'meshsim', clockHz, counterWindowCycles: WINDOW, droppedSpans: trace.dropped },
  };
}
