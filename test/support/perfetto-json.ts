// Reads a Chrome JSON trace the way Perfetto's JSON importer does (trace_processor
// importers/json: json_trace_utils.cc CoerceToNs truncates µs × 1000 to whole ns; 'X' slices on a
// thread track must nest: a slice that starts inside another must end by its end; v1 flow events
// bind to the slice enclosing them on their thread) and lists every problem it would count.
export interface PerfettoCheck {
  slices: number;
  flows: number;
  problems: string[];
}

interface Ev {
  ph: string;
  name: string;
  pid: number;
  tid?: number;
  ts?: number;
  dur?: number;
  id?: number;
}

const toNs = (us: number) => Math.trunc(us * 1000);

export function checkPerfetto(trace: { traceEvents: Ev[] }): PerfettoCheck {
  const problems: string[] = [];
  const byThread = new Map<string, { start: number; end: number; name: string; i: number }[]>();
  const flowPoints: { key: string; ts: number; what: string }[] = [];
  trace.traceEvents.forEach((e, i) => {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X') {
      const start = toNs(e.ts!);
      const end = start + toNs(e.dur!);
      if (!(end >= start)) problems.push(`slice ${i} "${e.name}" ends before it starts`);
      let list = byThread.get(key);
      if (!list) byThread.set(key, (list = []));
      list.push({ start, end, name: e.name, i });
    } else if (e.ph === 's' || e.ph === 'f') {
      flowPoints.push({ key, ts: toNs(e.ts!), what: `flow ${e.id} ${e.ph}` });
    }
  });
  let slices = 0;
  for (const [key, list] of byThread) {
    // Perfetto sorts by timestamp, keeping file order for equal ones.
    list.sort((a, b) => a.start - b.start || a.i - b.i);
    const stack: typeof list = [];
    for (const s of list) {
      slices++;
      while (stack.length && stack[stack.length - 1].end <= s.start) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent && s.end > parent.end) {
        problems.push(`track ${key}: "${s.name}" [${s.start}, ${s.end}) ns starts inside "${parent.name}" [${parent.start}, ${parent.end}) and ends after it (a misplaced end)`);
      }
      stack.push(s);
    }
  }
  for (const f of flowPoints) {
    const list = byThread.get(f.key) ?? [];
    if (!list.some((s) => s.start <= f.ts && f.ts < s.end)) problems.push(`${f.what} at ${f.ts} ns on ${f.key} is inside no slice`);
  }
  return { slices, flows: flowPoints.length / 2, problems };
}
