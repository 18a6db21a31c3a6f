// Reads trace.json for the report: checks its schema and events (one line naming the field on a
// problem), and condenses it to what the page draws at any run length: about TARGET_WINDOWS
// counter windows (per link, bank, multicast tree and core), and per track at most MAX_BARS bars
// (neighbouring spans of one kind merged, their busy cycles kept), so a report stays small.
import type { ArchPreset } from '../sim/arch/types.ts';
import { Checker } from '../sim/checker.ts';
import { TRACE_SCHEMA } from '../sim/trace/chrome-trace.ts';
import { checkSchema } from './build-report.ts';
import { linkName, spanClass, type BankSeries, type CoreSeries, type LinkSeries, type ReportData, type Track, type TreeSeries } from './client/data.ts';

const TARGET_WINDOWS = 200;
const MAX_BARS = 1500;
const CORE_TRACK_ORDER = ['ncrisc', 'trisc', 'unpack', 'math', 'pack', 'brisc', 'noc0', 'noc1'];

type Obj = Record<string, unknown>;

interface Context {
  arch: ArchPreset;
  links: ReportData['run']['links'];
  startCycle: number;
  endCycle: number;
}

function coreOrder(group: string): [number, number] | undefined {
  const m = /^core \((\d+),(\d+)\)/.exec(group);
  return m ? [Number(m[2]), Number(m[1])] : undefined; // row, column
}

function compareTracks(a: Track, b: Track): number {
  if (a.group !== b.group) {
    const ca = coreOrder(a.group);
    const cb = coreOrder(b.group);
    if (ca && cb) return ca[0] - cb[0] || ca[1] - cb[1];
    if (ca || cb) return ca ? -1 : 1;
    return a.group < b.group ? -1 : 1;
  }
  const ka = CORE_TRACK_ORDER.indexOf(a.kind);
  const kb = CORE_TRACK_ORDER.indexOf(b.kind);
  return (ka < 0 ? 99 : ka) - (kb < 0 ? 99 : kb) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

// Merges spans of one class closer than `gap` cycles; keeps the name of the longest.
function merge(spans: number[][], gap: number): number[][] {
  const out: number[][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] - last[1] < gap) {
      if (s[1] - s[0] > last[4]) [last[2], last[4]] = [s[2], s[1] - s[0]];
      last[1] = Math.max(last[1], s[1]);
      last[3] += s[3];
    } else out.push([s[0], s[1], s[2], s[3], s[1] - s[0]]);
  }
  return out;
}

export function readTrace(path: string, value: unknown, ctx: Context): Pick<ReportData, 'timeline' | 'windows'> {
  const T = new Checker(path);
  const trace = T.record(value, '(top level)', 'an object');
  const events = T.array(trace.traceEvents, 'traceEvents');
  const other = T.record(trace.otherData, 'otherData', 'an object');
  checkSchema(T, other.schema, 'otherData.schema', TRACE_SCHEMA);
  const num = (v: unknown, p: string, min = 0) => T.number(v, p, { min }, `a number ≥ ${min}`);
  const str = (v: unknown, p: string) => T.string(v, p);
  const traceWindow = num(other.counterWindowCycles, 'otherData.counterWindowCycles', 1);
  const aggregatedWindow = other.aggregateWindow === undefined ? 0 : num(other.aggregateWindow, 'otherData.aggregateWindow');
  const clockHz = num(other.clockHz, 'otherData.clockHz', 1);
  const toCycles = (us: number) => Math.round((us * clockHz) / 1e6);

  // Report windows: whole trace windows, about TARGET_WINDOWS of them over the run.
  const cycles = Math.max(1, ctx.endCycle - ctx.startCycle);
  const W = traceWindow * Math.max(1, Math.ceil(cycles / traceWindow / TARGET_WINDOWS));
  const first = Math.floor(ctx.startCycle / W);
  const count = Math.max(1, Math.ceil(ctx.endCycle / W) - first);

  const processes = new Map<number, string>();
  const threads = new Map<string, string>();
  for (let i = 0; i < events.length; i++) {
    const e = T.record(events[i], `traceEvents[${i}]`, 'an object');
    if (e.ph !== 'M') continue;
    const args = T.record(e.args, `traceEvents[${i}].args`, 'an object');
    if (e.name === 'process_name') processes.set(num(e.pid, `traceEvents[${i}].pid`), str(args.name, `traceEvents[${i}].args.name`));
    if (e.name === 'thread_name') threads.set(`${num(e.pid, `traceEvents[${i}].pid`)}:${num(e.tid, `traceEvents[${i}].tid`)}`, str(args.name, `traceEvents[${i}].args.name`));
  }

  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const raw = new Map<string, { track: Track; byClass: Map<string, number[][]> }>();
  const linkIds = new Map<string, { noc: number; id: number }>();
  ctx.links.forEach((ls, noc) => ls.forEach((l, id) => linkIds.set(linkName(noc, l), { noc, id })));
  const trees = new Map<string, TreeSeries>();
  if (other.multicastTrees !== undefined) {
    T.array(other.multicastTrees, 'otherData.multicastTrees').forEach((t, i) => {
      const o = T.record(t, `otherData.multicastTrees[${i}]`, 'an object');
      const src = T.record(o.src, `otherData.multicastTrees[${i}].src`, 'an object');
      const name = str(o.name, `otherData.multicastTrees[${i}].name`);
      trees.set(name, {
        name, noc: num(o.noc, `otherData.multicastTrees[${i}].noc`), src: { x: num(src.x, 'src.x'), y: num(src.y, 'src.y') },
        links: T.array(o.links, `otherData.multicastTrees[${i}].links`).map((l, j) => num(l, `otherData.multicastTrees[${i}].links[${j}]`)), samples: [],
      });
    });
  }
  const series = new Map<string, { target: LinkSeries | BankSeries | CoreSeries | TreeSeries; sums: Map<number, number> }>();
  const seriesOf = (name: string): (typeof series extends Map<string, infer V> ? V : never) | undefined => {
    let s = series.get(name);
    if (s) return s;
    const link = linkIds.get(name);
    const bank = /^DRAM bank (\d+)$/.exec(name);
    const core = /^(core \(\d+,\d+\) \[noc \d+,\d+\]) FPU busy$/.exec(name);
    const tree = trees.get(name);
    const target = link ? { ...link, samples: [] } : bank ? { bank: Number(bank[1]), samples: [] } : core ? { core: core[1], samples: [] } : tree;
    if (!target) return undefined;
    series.set(name, (s = { target, sums: new Map() }));
    return s;
  };

  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Obj;
    const p = `traceEvents[${i}]`;
    const ph = str(e.ph, `${p}.ph`);
    if (ph === 'X') {
      const name = str(e.name, `${p}.name`);
      const key = `${num(e.pid, `${p}.pid`)}:${num(e.tid, `${p}.tid`)}`;
      const start = toCycles(num(e.ts, `${p}.ts`));
      const end = start + toCycles(num(e.dur, `${p}.dur`));
      let t = raw.get(key);
      if (!t) {
        const group = processes.get(e.pid as number) ?? `process ${e.pid}`;
        const thread = threads.get(key) ?? `thread ${key}`;
        const track: Track = { name: group === 'ops' ? 'ops' : `${group} ${thread}`, group, kind: thread.split(' ')[0], spans: [] };
        raw.set(key, (t = { track, byClass: new Map() }));
      }
      if (t.track.group === 'ops') continue; // ops come from stats.json
      const cat = typeof e.cat === 'string' ? e.cat : undefined;
      const args = typeof e.args === 'object' && e.args !== null ? (e.args as Obj) : {};
      const busy = typeof args.busyCycles === 'number' ? args.busyCycles : end - start;
      const cls = spanClass(t.track.kind, name.replace(/ ×\d+$/, ''), cat);
      let n = nameIndex.get(name);
      if (n === undefined) nameIndex.set(name, (n = names.push(name) - 1));
      let list = t.byClass.get(cls);
      if (!list) t.byClass.set(cls, (list = []));
      list.push([start, end, n, busy]);
    } else if (ph === 'C') {
      const s = seriesOf(str(e.name, `${p}.name`));
      if (!s) continue;
      const args = T.record(e.args, `${p}.args`, 'an object');
      const ts = toCycles(num(e.ts, `${p}.ts`));
      const w = Math.floor(ts / W) - first;
      // A sample holds for one trace window: its share of the report window.
      const v = args['GB/s'] !== undefined ? num(args['GB/s'], `${p}.args["GB/s"]`) : num(args['busy %'], `${p}.args["busy %"]`) / 100;
      if (v > 0) s.sums.set(w, (s.sums.get(w) ?? 0) + (v * traceWindow) / W);
    }
  }

  let merged = 0;
  const tracks = [...raw.values()].filter((t) => t.track.group !== 'ops').map(({ track, byClass }) => {
    const all: number[][] = [];
    for (const list of byClass.values()) {
      list.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
      let gap = 0;
      let bars = list.map((s) => [...s, s[1] - s[0]]);
      while (bars.length > MAX_BARS) {
        gap = Math.max(1, gap * 2 || cycles / MAX_BARS / 4);
        bars = merge(list, gap);
      }
      merged = Math.max(merged, gap);
      all.push(...bars);
    }
    all.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    track.spans = all.flatMap((b) => [b[0], b[1], b[2], Math.round(b[3])]);
    return track;
  });
  tracks.sort(compareTracks);

  for (const s of series.values()) {
    s.target.samples = [...s.sums].sort((a, b) => a[0] - b[0]).flatMap(([w, v]) => [w, Number(v.toPrecision(5))]);
  }
  const targets = [...series.values()].map((s) => s.target);
  return {
    timeline: { tracks, names, merged: Math.round(merged), aggregatedWindow },
    windows: {
      cycles: W,
      first,
      count,
      links: targets.filter((t): t is LinkSeries => 'id' in t),
      banks: targets.filter((t): t is BankSeries => 'bank' in t).sort((a, b) => a.bank - b.bank),
      cores: targets.filter((t): t is CoreSeries => 'core' in t),
      trees: [...trees.values()],
    },
  };
}
