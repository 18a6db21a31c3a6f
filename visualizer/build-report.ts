// meshsim report: one self-contained HTML file (no network) from the stats.json and trace.json that
// `meshsim matmul --out DIR` writes. The two files are checked here — a problem is one line naming
// the file and the field — and condensed into the data the browser code (./client/) draws; that
// code is bundled with esbuild (d3 included) and inlined, with the CSS and the data.
import { build } from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gridProblem, logicalAxes, tileMap, validatePreset } from '../sim/arch/index.ts';
import { Checker } from '../sim/checker.ts';
import { badInput } from '../sim/errors.ts';
import { withOutputs } from '../sim/io/output-set.ts';
import { readUserJson } from '../sim/io/read-file.ts';
import type { RunSummary } from '../sim/trace/summary.ts';
import { DATA_ELEMENT_ID, type BankSeries, type LinkSeries, type MeshTile, type ReportData, type Track } from './client/data.ts';

type Obj = Record<string, unknown>;

// Field checks that fail with `file: path: expected ..., got ...` (sim/checker.ts), with short
// names for the shapes these files use.
class Shape extends Checker {
  obj(v: unknown, path: string): Obj {
    return this.record(v, path, 'an object');
  }

  arr(v: unknown, path: string): unknown[] {
    return this.array(v, path);
  }

  num(v: unknown, path: string, min = 0): number {
    return this.number(v, path, { min }, `a number ≥ ${min}`);
  }

  int(v: unknown, path: string, min = 0): number {
    return this.number(v, path, { int: true, min }, `an integer ≥ ${min}`);
  }

  // A cycle count: a whole number a double holds exactly.
  cycle(v: unknown, path: string): number {
    return this.number(v, path, { int: true, min: 0, max: Number.MAX_SAFE_INTEGER }, 'a whole number of cycles');
  }

  str(v: unknown, path: string): string {
    return this.string(v, path);
  }

  coord(v: unknown, path: string): { x: number; y: number } {
    const o = this.obj(v, path);
    return { x: this.int(o.x, `${path}.x`), y: this.int(o.y, `${path}.y`) };
  }

  busy(v: unknown, path: string): { name: string; utilisation: number } {
    const o = this.obj(v, path);
    return { name: this.str(o.name, `${path}.name`), utilisation: this.num(o.utilisation, `${path}.utilisation`) };
  }
}

function runSummary(S: Shape, v: unknown, path: string): RunSummary {
  const sum = S.obj(v, path);
  for (const k of ['cycles', 'microseconds', 'tflops', 'peakTflops']) S.num(sum[k], `${path}.${k}`);
  for (const k of ['fpu', 'unpack', 'pack', 'dram', 'noc']) S.busy(sum[k], `${path}.${k}`);
  S.str(sum.bottleneck, `${path}.bottleneck`);
  return sum as unknown as RunSummary;
}

// The stats of `meshsim matmul --out`.
function matmulWorkload(S: Shape, v: unknown): ReportData['workload'] {
  const mm = S.obj(v, 'matmul');
  const opts = S.obj(mm.options, 'matmul.options');
  for (const k of ['m', 'k', 'n', 'seed']) S.num(opts[k], `matmul.options.${k}`);
  for (const k of ['dtype', 'fidelity', 'mode', 'strategy']) S.str(opts[k], `matmul.options.${k}`);
  const tiles = S.obj(mm.tiles, 'matmul.tiles');
  for (const k of ['Mt', 'Kt', 'Nt']) S.int(tiles[k], `matmul.tiles.${k}`);
  const cores = S.int(mm.cores, 'matmul.cores');
  let block = '';
  if (mm.block !== undefined) {
    const b = S.obj(mm.block, 'matmul.block');
    for (const k of ['Mb', 'Nb', 'subH', 'subW']) S.int(b[k], `matmul.block.${k}`);
    block = ` · block ${b.Mb}×${b.Nb}, sub-block ${b.subH}×${b.subW}`;
  }
  let check: ReportData['workload']['check'];
  if (mm.check !== undefined) {
    const c = S.obj(mm.check, 'matmul.check');
    check = { samples: S.int(c.samples, 'matmul.check.samples'), maxError: S.num(c.maxError, 'matmul.check.maxError') };
  }
  return {
    title: `matmul ${opts.m}×${opts.k}×${opts.n} ${opts.dtype} ${opts.fidelity}${opts.fp32Acc ? ' fp32-acc' : ''}, strategy ${typeof mm.strategy === 'string' ? mm.strategy : opts.strategy}`,
    details: `${cores} cores with work · ${opts.mode} mode · seed ${opts.seed} · ${tiles.Mt}×${tiles.Kt}×${tiles.Nt} tiles (M×K×N)${block}`,
    summary: runSummary(S, mm.summary, 'matmul.summary'),
    flops: true,
    check,
  };
}

// The stats of `meshsim program --out`.
function programWorkload(S: Shape, v: unknown): ReportData['workload'] {
  if (v === undefined) S.expect('matmul', 'a "matmul" or a "program" section (meshsim matmul or meshsim program --out)', v);
  const p = S.obj(v, 'program');
  return {
    title: `program ${S.str(p.path, 'program.path')}`,
    details: `${S.str(p.mode, 'program.mode')} mode`,
    summary: runSummary(S, p.summary, 'program.summary'),
    flops: false,
  };
}

// A run's stats are small; a trace is bounded by its span budget. These bound what a wrong
// directory can make the report read.
const STATS_MAX_BYTES = 64 << 20;
const TRACE_MAX_BYTES = 256 << 20;
// The counter windows drawn; a run's cycles past this many windows are not a run meshsim made.
const MAX_WINDOWS = 1_000_000;

function readJson(dir: string, name: string, what: string, maxBytes: number): unknown {
  return readUserJson(join(dir, name), { what: `${what}, as meshsim matmul or meshsim program --out ${dir} writes it`, maxBytes });
}

const KIND_ORDER = ['ncrisc', 'trisc', 'unpack', 'math', 'pack', 'brisc']; // reader, compute, its stages, writer

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
    return a.group.localeCompare(b.group);
  }
  const ka = KIND_ORDER.indexOf(a.kind);
  const kb = KIND_ORDER.indexOf(b.kind);
  return (ka < 0 ? 99 : ka) - (kb < 0 ? 99 : kb) || a.name.localeCompare(b.name);
}

// Reads, checks and condenses a run directory into the report's data.
export function reportData(dir: string): ReportData {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw badInput(`cannot read ${dir}: no such directory, expected a run directory written by meshsim matmul or meshsim program --out`);
  }
  if (!isDir) throw badInput(`${dir}: not a directory, expected a run directory written by meshsim matmul or meshsim program --out`);

  // stats.json
  const statsPath = join(dir, 'stats.json');
  const S = new Shape(statsPath);
  const stats = S.obj(readJson(dir, 'stats.json', 'the run statistics', STATS_MAX_BYTES), '(top level)');
  if (stats.arch === undefined) S.expect('arch', 'the architecture preset', undefined);
  const arch = validatePreset(stats.arch, `${statsPath}: arch`);
  const go = S.obj(stats.grid, 'grid');
  const grid = { rows: S.int(go.rows, 'grid.rows', 1), cols: S.int(go.cols, 'grid.cols', 1) };
  const problem = gridProblem(arch, grid);
  if (problem) S.expect('grid', `${problem.expected} on ${arch.name}`, grid, problem.got);

  const workload = stats.matmul !== undefined ? matmulWorkload(S, stats.matmul) : programWorkload(S, stats.program);

  const run = S.obj(stats.run, 'run');
  const cycles = S.cycle(run.cycles, 'run.cycles');
  const startCycle = run.startCycle === undefined ? 0 : S.cycle(run.startCycle, 'run.startCycle');
  const endCycle = run.endCycle === undefined ? startCycle + cycles : S.cycle(run.endCycle, 'run.endCycle');
  if (endCycle !== startCycle + cycles) S.expect('run.endCycle', `run.startCycle + run.cycles (${startCycle + cycles})`, endCycle);
  const harts = S.arr(run.harts, 'run.harts').map((h, i) => {
    const o = S.obj(h, `run.harts[${i}]`);
    return { name: S.str(o.name, `run.harts[${i}].name`), instructions: S.num(o.instructions, `run.harts[${i}].instructions`), endCycle: S.num(o.endCycle, `run.harts[${i}].endCycle`) };
  });
  const tileEngines = S.arr(run.tileEngines, 'run.tileEngines').map((e, i) => {
    const p = `run.tileEngines[${i}]`;
    const o = S.obj(e, p);
    return {
      core: S.str(o.core, `${p}.core`), tiles: S.num(o.tiles, `${p}.tiles`), unpackBusyCycles: S.num(o.unpackBusyCycles, `${p}.unpackBusyCycles`),
      mathBusyCycles: S.num(o.mathBusyCycles, `${p}.mathBusyCycles`), packBusyCycles: S.num(o.packBusyCycles, `${p}.packBusyCycles`),
    };
  });
  const linkCount = 2 * arch.grid.width * arch.grid.height;
  const nocs = S.arr(run.links, 'run.links');
  if (nocs.length < 1 || nocs.length > 2) S.expect('run.links', 'one array of links per NoC (1 or 2)', nocs);
  const inGrid = (c: { x: number; y: number }, path: string) => {
    if (c.x >= arch.grid.width || c.y >= arch.grid.height) S.expect(path, `a tile of the ${arch.grid.width}×${arch.grid.height} grid`, `(${c.x},${c.y})`);
    return c;
  };
  const links = nocs.map((ls, noc) => {
    const list = S.arr(ls, `run.links[${noc}]`);
    if (list.length !== linkCount) S.expect(`run.links[${noc}]`, `${linkCount} links (2 per tile of the ${arch.grid.width}×${arch.grid.height} grid)`, list);
    return list.map((l, i) => {
      const p = `run.links[${noc}][${i}]`;
      const o = S.obj(l, p);
      const dir = S.str(o.dir, `${p}.dir`);
      if (!['E', 'S', 'W', 'N'].includes(dir)) S.expect(`${p}.dir`, 'one of E, S, W, N', dir);
      return {
        id: S.int(o.id, `${p}.id`), from: inGrid(S.coord(o.from, `${p}.from`), `${p}.from`), to: inGrid(S.coord(o.to, `${p}.to`), `${p}.to`), dir: dir as 'E' | 'S' | 'W' | 'N',
        bytes: S.num(o.bytes, `${p}.bytes`), packets: S.num(o.packets, `${p}.packets`), busyCycles: S.num(o.busyCycles, `${p}.busyCycles`),
      };
    });
  });
  const dram = S.arr(run.dram, 'run.dram').map((b, i) => {
    const p = `run.dram[${i}]`;
    const o = S.obj(b, p);
    return { bank: S.int(o.bank, `${p}.bank`), bytesRead: S.num(o.bytesRead, `${p}.bytesRead`), bytesWritten: S.num(o.bytesWritten, `${p}.bytesWritten`), busyCycles: S.num(o.busyCycles, `${p}.busyCycles`) };
  });

  // The mesh: tile kinds, the compute grid's cores, the banks behind each DRAM endpoint.
  const kinds = tileMap(arch);
  const axes = logicalAxes(arch);
  const active = new Map<string, { x: number; y: number }>();
  axes.rows.slice(0, grid.rows).forEach((y, r) => axes.cols.slice(0, grid.cols).forEach((x, c) => active.set(`${x},${y}`, { x: c, y: r })));
  const banksAt = new Map<string, number[]>();
  for (const ch of arch.dram.channels) for (const e of ch.endpoints) banksAt.set(`${e.x},${e.y}`, [...(banksAt.get(`${e.x},${e.y}`) ?? []), ch.id]);
  const meshTiles: MeshTile[] = [];
  kinds.forEach((row, y) =>
    row.forEach((kind, x) => {
      const logical = active.get(`${x},${y}`);
      if (logical) meshTiles.push({ x, y, kind: 'active', logical, core: `core (${logical.x},${logical.y}) [noc ${x},${y}]` });
      else if (kind === 'dram') meshTiles.push({ x, y, kind, banks: banksAt.get(`${x},${y}`) ?? [] });
      else meshTiles.push({ x, y, kind });
    }),
  );

  // trace.json
  const tracePath = join(dir, 'trace.json');
  const Tr = new Shape(tracePath);
  const trace = Tr.obj(readJson(dir, 'trace.json', 'Chrome trace events', TRACE_MAX_BYTES), '(top level)');
  const events = Tr.arr(trace.traceEvents, 'traceEvents');
  const other = trace.otherData === undefined ? {} : Tr.obj(trace.otherData, 'otherData');
  const windowCycles = Tr.num(other.counterWindowCycles, 'otherData.counterWindowCycles', 1);
  // Both files carry the id of the run that wrote them (sim/io/run-id.ts).
  const statsRun = S.str(stats.runId, 'runId');
  const traceRun = Tr.str(other.runId, 'otherData.runId');
  if (statsRun !== traceRun) Tr.expect('otherData.runId', `the run id of ${statsPath} (${statsRun}): the two files come from different runs`, traceRun);
  const windows = Math.ceil(endCycle / windowCycles) - Math.floor(startCycle / windowCycles);
  if (windows > MAX_WINDOWS) {
    S.expect('run.endCycle', `a run of at most ${MAX_WINDOWS} counter windows of ${windowCycles} cycles (otherData.counterWindowCycles of ${tracePath})`, endCycle, `${endCycle} (${windows} windows)`);
  }
  const clockHz = other.clockHz === undefined ? arch.clockHz : Tr.num(other.clockHz, 'otherData.clockHz', 1);
  const toCycles = (us: number) => Math.round((us * clockHz) / 1e6);
  const first = Math.floor(startCycle / windowCycles);
  const count = Math.max(1, Math.ceil(endCycle / windowCycles) - first);

  const processes = new Map<number, string>();
  const threads = new Map<string, string>();
  for (let i = 0; i < events.length; i++) {
    const e = Tr.obj(events[i], `traceEvents[${i}]`);
    if (e.ph !== 'M') continue;
    const args = Tr.obj(e.args, `traceEvents[${i}].args`);
    if (e.name === 'process_name') processes.set(Tr.num(e.pid, `traceEvents[${i}].pid`), Tr.str(args.name, `traceEvents[${i}].args.name`));
    if (e.name === 'thread_name') threads.set(`${Tr.num(e.pid, `traceEvents[${i}].pid`)}:${Tr.num(e.tid, `traceEvents[${i}].tid`)}`, Tr.str(args.name, `traceEvents[${i}].args.name`));
  }
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const tracks = new Map<string, Track>();
  const linkIds = new Map<string, { noc: number; id: number }>();
  links.forEach((ls, noc) => ls.forEach((l, id) => linkIds.set(`NoC${noc} link (${l.from.x},${l.from.y})→(${l.to.x},${l.to.y})`, { noc, id })));
  const linkSeries = new Map<string, LinkSeries>();
  const bankSeries = new Map<number, BankSeries>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as Obj;
    const p = `traceEvents[${i}]`;
    const ph = Tr.str(e.ph, `${p}.ph`);
    if (ph === 'X') {
      const name = Tr.str(e.name, `${p}.name`);
      const key = `${Tr.num(e.pid, `${p}.pid`)}:${Tr.num(e.tid, `${p}.tid`)}`;
      const start = toCycles(Tr.num(e.ts, `${p}.ts`));
      const end = start + toCycles(Tr.num(e.dur, `${p}.dur`));
      let track = tracks.get(key);
      if (!track) {
        const trackName = threads.get(key) ?? `thread ${key}`;
        const group = processes.get(e.pid as number) ?? `process ${e.pid}`;
        const rest = trackName.startsWith(`${group} `) ? trackName.slice(group.length + 1) : trackName;
        tracks.set(key, (track = { name: trackName, group, kind: rest.split(' ').pop() ?? rest, spans: [] }));
      }
      let n = nameIndex.get(name);
      if (n === undefined) nameIndex.set(name, (n = names.push(name) - 1));
      track.spans.push(start, end, n);
    } else if (ph === 'C') {
      const name = Tr.str(e.name, `${p}.name`);
      const args = Tr.obj(e.args, `${p}.args`);
      const value = Tr.num(args['GB/s'], `${p}.args["GB/s"]`);
      const w = Math.round(toCycles(Tr.num(e.ts, `${p}.ts`)) / windowCycles) - first;
      const link = linkIds.get(name);
      const bank = /^DRAM bank (\d+)$/.exec(name);
      let series: LinkSeries | BankSeries | undefined;
      if (link) {
        series = linkSeries.get(name);
        if (!series) linkSeries.set(name, (series = { ...link, samples: [] }));
      } else if (bank) {
        series = bankSeries.get(Number(bank[1]));
        if (!series) bankSeries.set(Number(bank[1]), (series = { bank: Number(bank[1]), samples: [] }));
      }
      series?.samples.push(w, value);
    }
  }
  const sortSamples = (s: { samples: number[] }) => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < s.samples.length; i += 2) pairs.push([s.samples[i], s.samples[i + 1]]);
    pairs.sort((a, b) => a[0] - b[0]);
    s.samples = pairs.flat();
  };
  for (const s of [...linkSeries.values(), ...bankSeries.values()]) sortSamples(s);
  const trackList = [...tracks.values()].sort(compareTracks);
  for (const t of trackList) {
    const triples: [number, number, number][] = [];
    for (let i = 0; i < t.spans.length; i += 3) triples.push([t.spans[i], t.spans[i + 1], t.spans[i + 2]]);
    triples.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    t.spans = triples.flat();
  }

  return {
    source: dir.replace(/\/+$/, ''),
    arch: {
      name: arch.name, description: arch.description, clockHz: arch.clockHz, width: arch.grid.width, height: arch.grid.height,
      linkBytesPerCycle: arch.noc.linkBytesPerCycle, dramBytesPerCyclePerChannel: arch.dram.bytesPerCyclePerChannel,
    },
    grid,
    tiles: meshTiles,
    workload,
    run: { startCycle, endCycle, cycles, harts, tileEngines, links, dram },
    timeline: { tracks: trackList, names, droppedSpans: typeof other.droppedSpans === 'number' ? other.droppedSpans : 0 },
    windows: { cycles: windowCycles, first, count, links: [...linkSeries.values()], banks: [...bankSeries.values()].sort((a, b) => a.bank - b.bank) },
  };
}

// The browser code, bundled once per process.
let bundle: Promise<string> | undefined;

export function clientBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./client/main.ts', import.meta.url))],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  bundle.catch(() => (bundle = undefined));
  return bundle;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// Inline text may not close its element early: `</script` and `</style` are broken up.
export function renderHtml(data: ReportData, js: string, css: string): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const title = `meshsim report: ${data.workload.title} on ${data.arch.name}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="meshsim report">
<title>${escapeHtml(title)}</title>
<style>
${css.replace(/<\/style/gi, '<\\/style')}
</style>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="${DATA_ELEMENT_ID}">${json}</script>
<script>
${js.replace(/<\/script/gi, '<\\/script')}
</script>
</body>
</html>
`;
}

export async function buildReport(dir: string): Promise<string> {
  const data = reportData(dir);
  const css = readFileSync(new URL('./style.css', import.meta.url), 'utf8');
  return renderHtml(data, await clientBundle(), css);
}

// Builds the report of a run directory and writes it (by default to DIR/report.html); returns the path.
export async function writeReport(dir: string, output = join(dir, 'report.html')): Promise<string> {
  const html = await buildReport(dir);
  await withOutputs((out) => out.write(output, html), () => {});
  return output;
}
