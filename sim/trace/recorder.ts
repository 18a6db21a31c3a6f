// Records a run for trace.json: spans on tracks (each hart's kernel and its waits, each tile
// engine stage's work) and, per NoC link and DRAM bank, the bytes moved in each window of cycles.
// Recording is opt-in (Device option `trace`), so untraced runs pay nothing for it.
export interface Span {
  track: string; // e.g. 'core (1,2) [noc 2,3] ncrisc'
  group: string; // the process the track belongs to in the viewer: a core, 'NoC', 'DRAM'
  name: string;
  start: number; // cycles
  end: number;
}

// Bytes per window of WINDOW cycles, per counter.
export const WINDOW = 1000;

export class TraceRecorder {
  readonly spans: Span[] = [];
  readonly counters = new Map<string, { group: string; bytes: Map<number, number> }>();
  dropped = 0; // spans past the limit, so huge runs stay loadable
  private readonly openWaits = new Map<string, { group: string; name: string; start: number }>();

  constructor(readonly maxSpans = 1_000_000) {}

  span(group: string, track: string, name: string, start: number, end: number): void {
    if (this.spans.length >= this.maxSpans) {
      this.dropped++;
      return;
    }
    if (end > start) this.spans.push({ group, track, name, start, end });
  }

  beginWait(group: string, track: string, name: string, start: number): void {
    this.openWaits.set(track, { group, name, start });
  }

  endWait(track: string, end: number): void {
    const w = this.openWaits.get(track);
    if (!w) return;
    this.openWaits.delete(track);
    this.span(w.group, track, w.name, w.start, end);
  }

  // Spreads `bytes` moved over [start, end) into the windows it covers.
  traffic(group: string, counter: string, start: number, end: number, bytes: number): void {
    let c = this.counters.get(counter);
    if (!c) this.counters.set(counter, (c = { group, bytes: new Map() }));
    const length = Math.max(end - start, 1e-9);
    for (let w = Math.floor(start / WINDOW) * WINDOW; w < end; w += WINDOW) {
      const overlap = Math.min(end, w + WINDOW) - Math.max(start, w);
      c.bytes.set(w, (c.bytes.get(w) ?? 0) + (bytes * overlap) / length);
    }
  }
}
