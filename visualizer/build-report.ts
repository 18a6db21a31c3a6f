// meshsim report: one self-contained HTML file (no network) from the stats.json and trace.json that
// `meshsim matmul --out DIR` writes. The two files are checked here — a problem is one line naming
// the file and the field — and condensed into the data the browser code (./client/) draws; that
// code is bundled at build time (./bundle-client.ts, d3 included) and inlined, with the CSS and the data.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gridProblem, logicalAxes, tileMap, validatePreset } from '../sim/arch/index.ts';
import { Checker } from '../sim/checker.ts';
import { badInput, describeValue } from '../sim/errors.ts';
import { withOutputs } from '../sim/io/output-set.ts';
import { readUserJson } from '../sim/io/read-file.ts';
import { PACKAGE_ROOT } from '../sim/package-root.ts';
import type { RunSummary } from '../sim/trace/summary.ts';
import { clientScript } from './bundle-client.ts';
import { DATA_ELEMENT_ID, type MeshTile, type ReportData } from './client/data.ts';
import { readTrace } from './read-trace.ts';
import { STATS_SCHEMA } from '../sim/trace/stats.ts';
import { coreName } from '../sim/arch/coords.ts';

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

  // A cycle count: a whole number a double holds exactly.
  cycle(v: unknown, path: string): number {
    return this.number(v, path, { int: true, min: 0, max: Number.MAX_SAFE_INTEGER }, 'a whole number of cycles');
  }

  num(v: unknown, path: string, min = 0): number {
    return this.number(v, path, { min }, `a number ≥ ${min}`);
  }

  int(v: unknown, path: string, min = 0): number {
    return this.number(v, path, { int: true, min }, `an integer ≥ ${min}`);
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

// The kind's own section of stats.json: a matmul's shape and strategy, a program's spec.
function workloadOf(S: Shape, stats: Obj, summary: RunSummary): ReportData['workload'] {
  const kind = S.str(stats.kind, 'kind');
  const opts = S.obj(stats.options, 'options');
  const mode = S.str(stats.mode, 'mode');
  if (kind === 'matmul') {
    const mm = S.obj(stats.matmul, 'matmul');
    for (const k of ['m', 'k', 'n', 'seed']) S.num(opts[k], `options.${k}`);
    for (const k of ['dtype', 'fidelity']) S.str(opts[k], `options.${k}`);
    const tiles = S.obj(mm.tiles, 'matmul.tiles');
    for (const k of ['Mt', 'Kt', 'Nt']) S.int(tiles[k], `matmul.tiles.${k}`);
    const cores = S.int(mm.cores, 'matmul.cores');
    const strategy = S.str(mm.strategy, 'matmul.strategy');
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
      title: `matmul ${opts.m}×${opts.k}×${opts.n} ${opts.dtype} ${opts.fidelity}${opts.fp32Acc ? ' fp32-acc' : ''}, strategy ${strategy}`,
      details: `${cores} cores with work · ${mode} mode · seed ${opts.seed} · ${tiles.Mt}×${tiles.Kt}×${tiles.Nt} tiles (M×K×N)${block}`,
      summary,
      flops: true,
      check,
    };
  }
  const section = stats[kind] === undefined ? {} : S.obj(stats[kind], kind);
  return { title: `${kind} ${typeof section.path === 'string' ? section.path : ''}`.trim(), details: `${mode} mode`, summary, flops: summary.tflops > 0 };
}

// A run's stats are small; a trace is bounded by its span budget. These bound what a wrong
// directory can make the report read.
const STATS_MAX_BYTES = 64 << 20;
const TRACE_MAX_BYTES = 256 << 20;

function readJson(dir: string, name: string, what: string, maxBytes: number): unknown {
  return readUserJson(join(dir, name), { what: `${what}, as meshsim matmul or meshsim program --out ${dir} writes it`, maxBytes });
}

// Both files carry the id of the run that wrote them (sim/io/run-id.ts): a pair from two runs
// would show one run's counters over another's timeline.
function checkSameRun(S: Checker, stats: Obj, T: Checker, trace: unknown): void {
  const statsRun = S.string(stats.runId, 'runId');
  const other = T.record(T.record(trace, '(top level)', 'an object').otherData, 'otherData', 'an object');
  const traceRun = T.string(other.runId, 'otherData.runId');
  if (statsRun !== traceRun) T.expect('otherData.runId', `the run id of ${S.source} (${statsRun}): the two files come from different runs`, traceRun);
}

// A document's schema name and version, which must be the ones this meshsim reads.
export function checkSchema(S: Checker, v: unknown, path: string, expected: { name: string; version: number }): void {
  const want = `schema ${expected.name} version ${expected.version} (rerun the command with this meshsim to rewrite the file)`;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) S.expect(path, want, v);
  const o = v as Obj;
  if (o.name !== expected.name || o.version !== expected.version) S.expect(path, want, o, `${describeValue(o.name)} version ${describeValue(o.version)}`);
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
  checkSchema(S, stats.schema, 'schema', STATS_SCHEMA);
  if (stats.arch === undefined) S.expect('arch', 'the architecture preset', undefined);
  const arch = validatePreset(stats.arch, `${statsPath}: arch`);
  const go = S.obj(stats.grid, 'grid');
  const grid = { rows: S.int(go.rows, 'grid.rows', 1), cols: S.int(go.cols, 'grid.cols', 1) };
  const problem = gridProblem(arch, grid);
  if (problem) S.expect('grid', `${problem.expected} on ${arch.name}`, grid, problem.got);
  const summary = runSummary(S, stats.summary, 'summary');
  const workload = workloadOf(S, stats, summary);

  const run = S.obj(stats.run, 'run');
  const cycles = S.cycle(run.cycles, 'run.cycles');
  const startCycle = S.cycle(run.startCycle, 'run.startCycle');
  const endCycle = S.cycle(run.endCycle, 'run.endCycle');
  if (endCycle !== startCycle + cycles) S.expect('run.endCycle', `run.startCycle + run.cycles (${startCycle + cycles})`, endCycle);
  // One run's counts agree with each other; a page drawn from counts that do not shows nothing true.
  if (cycles !== summary.cycles) S.expect('run.cycles', `the run's cycles as summary.cycles gives them (${summary.cycles})`, cycles);
  const harts = S.arr(run.harts, 'run.harts').map((h, i) => {
    const p = `run.harts[${i}]`;
    const o = S.obj(h, p);
    const core = S.coord(o.core, `${p}.core`);
    const noc = S.coord(o.noc, `${p}.noc`);
    const processor = S.str(o.processor, `${p}.processor`);
    const hartEnd = S.num(o.endCycle, `${p}.endCycle`);
    if (hartEnd > endCycle) S.expect(`${p}.endCycle`, `a cycle within the run, at most run.endCycle (${endCycle})`, hartEnd);
    return { name: `${coreName(core, noc)} ${processor}`, instructions: S.num(o.instructions, `${p}.instructions`), endCycle: hartEnd };
  });
  const tileEngines = S.arr(run.tileEngines, 'run.tileEngines').map((e, i) => {
    const p = `run.tileEngines[${i}]`;
    const o = S.obj(e, p);
    return {
      core: coreName(S.coord(o.core, `${p}.core`), S.coord(o.noc, `${p}.noc`)), tiles: S.num(o.tiles, `${p}.tiles`), unpackBusyCycles: S.num(o.unpackBusyCycles, `${p}.unpackBusyCycles`),
      mathBusyCycles: S.num(o.mathBusyCycles, `${p}.mathBusyCycles`), packBusyCycles: S.num(o.packBusyCycles, `${p}.packBusyCycles`),
    };
  });
  const ops = S.arr(stats.ops, 'ops').map((op, i) => {
    const o = S.obj(op, `ops[${i}]`);
    return { name: S.str(o.name, `ops[${i}].name`), strategy: S.str(o.strategy, `ops[${i}].strategy`), startCycle: S.num(o.startCycle, `ops[${i}].startCycle`), endCycle: S.num(o.endCycle, `ops[${i}].endCycle`) };
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
      if (logical) meshTiles.push({ x, y, kind: 'active', logical, core: coreName(logical, { x, y }) });
      else if (kind === 'dram') meshTiles.push({ x, y, kind, banks: banksAt.get(`${x},${y}`) ?? [] });
      else meshTiles.push({ x, y, kind });
    }),
  );

  const tracePath = join(dir, 'trace.json');
  const traceValue = readJson(dir, 'trace.json', 'Chrome trace events', TRACE_MAX_BYTES);
  checkSameRun(S, stats, new Checker(tracePath), traceValue);
  const trace = readTrace(tracePath, traceValue, { arch, links, startCycle, endCycle });
  return {
    source: dir.replace(/\/+$/, ''),
    arch: {
      name: arch.name, description: arch.description, clockHz: arch.clockHz, width: arch.grid.width, height: arch.grid.height,
      linkBytesPerCycle: arch.noc.linkBytesPerCycle, dramBytesPerCyclePerChannel: arch.dram.bytesPerCyclePerChannel,
    },
    grid,
    tiles: meshTiles,
    workload,
    ops,
    run: { startCycle, endCycle, cycles, harts, tileEngines, links, dram },
    timeline: trace.timeline,
    windows: trace.windows,
  };
}

// The browser code comes from ./bundle-client.ts.
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
  const css = readFileSync(`${PACKAGE_ROOT}visualizer/style.css`, 'utf8');
  return renderHtml(data, await clientScript(), css);
}

// Builds the report of a run directory and writes it (by default to DIR/report.html); returns the path.
export async function writeReport(dir: string, output = join(dir, 'report.html')): Promise<{ path: string; bytes: number }> {
  const html = await buildReport(dir);
  await withOutputs((out) => out.write(output, html), () => {});
  return { path: output, bytes: Buffer.byteLength(html) };
}
