import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExitCode } from '../../sim/errors.ts';
import { buildReport, reportData } from '../../visualizer/build-report.ts';
import { Device, type RunResult } from '../../sim/host/device.ts';
import { kernelImage } from '../../sim/host/kernels.ts';
import { Program } from '../../sim/host/program.ts';
import { runId } from '../../sim/io/run-id.ts';
import { chromeTraceText } from '../../sim/trace/chrome-trace.ts';
import { TraceRecorder } from '../../sim/trace/recorder.ts';
import { statsDocument, type OpRecord } from '../../sim/trace/stats.ts';
import { summarize } from '../../sim/trace/summary.ts';
import { expand, type ReportData } from '../../visualizer/client/data.ts';
import { meshsim } from '../support/cli.ts';
import { missing } from '../support/tools.ts';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-report-'));
const run = join(tmp, 'run');
let html = '';

// The embedded data and the parts of the page outside <script> and <style> bodies.
function parts(page: string): { data: string; markup: string } {
  const data = /<script type="application\/json" id="meshsim-data">([\s\S]*?)<\/script>/.exec(page)?.[1];
  if (data === undefined) throw new Error('no data element');
  const markup = page.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>').replace(/(<style\b[^>]*>)[\s\S]*?<\/style>/g, '$1</style>');
  return { data, markup };
}

// A user error is exactly one line on stderr, never a stack trace.
function expectOneLineError(r: { stderr: string; code: number | null }, ...fragments: RegExp[]) {
  expect(r.code).toBe(ExitCode.badInput);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^meshsim: /);
  for (const f of fragments) expect(lines[0]).toMatch(f);
}

// A copy of the run directory with one file replaced.
function variant(name: string, file: 'stats.json' | 'trace.json', text: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const f of ['stats.json', 'trace.json']) writeFileSync(join(dir, f), f === file ? text : readFileSync(join(run, f)));
  return dir;
}

// Two ops on one device, recorded as `meshsim run` records them: a stats/trace pair that carries ops.
function writeMultiOp(dir: string): void {
  const trace = new TraceRecorder();
  const device = new Device({ arch: 'wormhole_n150', grid: { rows: 1, cols: 2 }, trace });
  const cores = { start: { x: 0, y: 0 }, end: { x: 1, y: 0 } };
  const src = device.createBuffer(8 * 2048, 2048);
  const dst = device.createBuffer(8 * 2048, 2048);
  const ops: OpRecord[] = [];
  let last: RunResult | undefined;
  for (const [name, reader, writer] of [['copy-in', src, dst], ['copy-out', dst, src]] as const) {
    const program = new Program();
    program.createCircularBuffer(cores, { index: 0, pageBytes: 2048, pages: 2, format: 'bf16' });
    const r = program.createKernel(kernelImage('dataflow/reader_interleaved', 'ncrisc'), cores, { processor: 'ncrisc' });
    const w = program.createKernel(kernelImage('dataflow/writer_interleaved', 'brisc'), cores, { processor: 'brisc' });
    [0, 1].forEach((x) => {
      program.setRuntimeArgs(r, { x, y: 0 }, [reader.address, 2048, 4 * x, 4, 0]);
      program.setRuntimeArgs(w, { x, y: 0 }, [writer.address, 2048, 4 * x, 4, 0]);
    });
    last = device.run(program);
    ops.push({ name, strategy: 'interleaved', startCycle: last.startCycle, endCycle: last.endCycle });
    trace.op(name, 'interleaved', last.startCycle, last.endCycle);
  }
  const whole = { ...last!, startCycle: 0, cycles: last!.endCycle };
  const stats = statsDocument({
    kind: 'run', invocation: { meshsim: '0.1.0', command: ['meshsim', 'run'] }, options: {}, arch: device.preset, grid: device.grid, mode: device.mode,
    summary: summarize(device, whole, 0, 'HiFi4'), run: whole, ops, detail: { ops: ops.length },
  });
  const id = runId(stats);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'stats.json'), JSON.stringify({ ...stats, runId: id }));
  writeFileSync(join(dir, 'trace.json'), [...chromeTraceText(trace, device.preset.clockHz, '0.1.0', { runId: id })].join(''));
}

const multi = join(tmp, 'multi');
const long = join(tmp, 'long');
const wide = join(tmp, 'wide');
// The report of any run stays under this (its size grows with its tracks, not with the run's
// length); a 4096³ matmul on the 8×8 grid has as many tracks as the test's 1024³ one, and a trace
// merged per window as the test's is (its span budget lowered to get there).
const REPORT_MAX_BYTES = 5e6;

beforeAll(() => {
  writeMultiOp(multi);
  const multiReport = meshsim(['report', multi]);
  expect(multiReport.code, multiReport.stderr).toBe(0);
  const l = meshsim(['matmul', '--m', '512', '--k', '512', '--n', '512', '--grid', '2x2', '--mode', 'timing', '--out', long]);
  expect(l.code, l.stderr).toBe(0);
  expect(meshsim(['report', long]).code).toBe(0);
  const m = meshsim(['matmul', '--m', '64', '--k', '64', '--n', '64', '--grid', '2x2', '--strategy', '2d-mcast', '--out', run]);
  expect(m.code, m.stderr).toBe(0);
  const r = meshsim(['report', run]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toBe(`wrote ${join(run, 'report.html')}\n`);
  html = readFileSync(join(run, 'report.html'), 'utf8');
});

describe('meshsim report', () => {
  it('is one self-contained file: no external src or href, the script and CSS inline', () => {
    const { markup } = parts(html);
    expect(markup).not.toMatch(/\b(src|href)\s*=/i);
    expect(markup).not.toMatch(/<link\b|<img\b|<iframe\b/i);
    expect(markup).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
    expect(html.length).toBeGreaterThan(50_000); // d3 is in it
  });

  it('embeds the run data as JSON that parses, with no </script inside', () => {
    const { data } = parts(html);
    expect(data).not.toMatch(/<\/script/i);
    expect(data).not.toContain('<');
    const d = JSON.parse(data) as ReportData;
    const stats = JSON.parse(readFileSync(join(run, 'stats.json'), 'utf8'));
    expect(d.workload.summary).toEqual(stats.summary);
    expect(d.workload.title).toMatch(/^matmul 64×64×64 bf16 HiFi4, strategy 2d-mcast$/);
    expect(d.tiles).toHaveLength(stats.arch.grid.width * stats.arch.grid.height);
    expect(d.tiles.filter((t) => t.kind === 'active')).toHaveLength(4);
    expect(d.run.links.map((l) => l.length)).toEqual([2 * d.tiles.length, 2 * d.tiles.length]);
  });

  it('condenses trace.json: a track per hart and stage, cores in grid order, counters per window that add up to the bytes', () => {
    const d = reportData(run);
    const coreTracks = d.timeline.tracks.filter((t) => !t.kind.startsWith('noc'));
    expect(coreTracks).toHaveLength(4 * 6);
    expect(d.timeline.tracks.slice(0, 6).map((t) => t.kind)).toEqual(['ncrisc', 'trisc', 'unpack', 'math', 'pack', 'brisc']);
    expect(d.timeline.tracks.some((t) => t.kind === 'noc0' || t.kind === 'noc1')).toBe(true);
    expect([...new Set(d.timeline.tracks.map((t) => t.group.replace(/ \[.*/, '')))]).toEqual(['core (0,0)', 'core (1,0)', 'core (0,1)', 'core (1,1)']);
    // each hart's kernel span ends where the hart ended
    for (const h of d.run.harts) {
      const t = d.timeline.tracks.find((x) => x.name === h.name)!;
      const kernel = [...Array(t.spans.length / 4).keys()].find((i) => d.timeline.names[t.spans[4 * i + 2]].endsWith('.elf'))!;
      expect(t.spans[4 * kernel + 1]).toBe(h.endCycle);
    }
    // the mesh's cores are named as the trace names them (the FPU bars and click-to-timeline rely on it)
    const groups = new Set(d.timeline.tracks.map((t) => t.group));
    for (const t of d.tiles.filter((x) => x.kind === 'active')) expect(groups.has(t.core!), t.core).toBe(true);
    expect(d.windows.count).toBe(Math.ceil(d.run.cycles / d.windows.cycles));
    const bytesPerWindow = (gbps: number) => (gbps * 1e9 * d.windows.cycles) / d.arch.clockHz;
    for (const s of d.windows.links) {
      let total = 0;
      for (let i = 0; i < s.samples.length; i += 2) total += bytesPerWindow(s.samples[i + 1]);
      expect(total).toBeCloseTo(d.run.links[s.noc][s.id].bytes, -1);
    }
    const withSeries = new Set(d.windows.links.map((s) => `${s.noc}:${s.id}`));
    const carrying = d.run.links.flatMap((ls, noc) => ls.filter((l) => l.bytes > 0).map((l) => `${noc}:${l.id}`));
    expect(carrying.length).toBeGreaterThan(0);
    for (const l of carrying) expect(withSeries.has(l), l).toBe(true);
    const banks = new Set(d.windows.banks.map((b) => b.bank));
    for (const b of d.run.dram) if (b.bytesRead + b.bytesWritten > 0) expect(banks.has(b.bank)).toBe(true);
  });

  it('-o writes where it is told', async () => {
    const out = join(tmp, 'elsewhere.html');
    const r = meshsim(['report', run, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(await buildReport(run));
  });

  it('a missing directory or file is one line, exit 3', () => {
    expectOneLineError(meshsim(['report', join(tmp, 'nope')]), /nope: no such directory/, /written by meshsim matmul or meshsim program --out/);
    const noTrace = join(tmp, 'no-trace');
    mkdirSync(noTrace);
    writeFileSync(join(noTrace, 'stats.json'), readFileSync(join(run, 'stats.json')));
    expectOneLineError(meshsim(['report', noTrace]), /cannot read .*no-trace\/trace\.json: no such file/);
    expectOneLineError(meshsim(['report', join(run, 'stats.json')]), /stats\.json: not a directory/);
  });

  it('a file that is not JSON is one line naming it, exit 3', () => {
    expectOneLineError(meshsim(['report', variant('broken-stats', 'stats.json', '{"arch": {')]), /broken-stats\/stats\.json: not valid JSON: .* at line 1, column 11/);
    expectOneLineError(meshsim(['report', variant('broken-trace', 'trace.json', 'not json at all')]), /broken-trace\/trace\.json: not valid JSON/);
  });

  it('a missing or mistyped field is one line naming the field, exit 3', () => {
    const stats = JSON.parse(readFileSync(join(run, 'stats.json'), 'utf8'));
    const trace = JSON.parse(readFileSync(join(run, 'trace.json'), 'utf8'));
    const edit = <T>(value: T, change: (v: T) => void): string => {
      const copy = structuredClone(value);
      change(copy);
      return JSON.stringify(copy);
    };
    expectOneLineError(meshsim(['report', variant('no-cycles', 'stats.json', edit(stats, (s) => delete s.run.cycles))]), /stats\.json: run\.cycles: expected a whole number of cycles, got nothing/);
    expectOneLineError(meshsim(['report', variant('no-matmul', 'stats.json', edit(stats, (s) => delete s.matmul))]), /stats\.json: matmul: expected an object, got nothing/);
    expectOneLineError(meshsim(['report', variant('bad-link', 'stats.json', edit(stats, (s) => (s.run.links[1][7].busyCycles = 'lots')))]), /run\.links\[1\]\[7\]\.busyCycles: expected a number/);
    expectOneLineError(meshsim(['report', variant('bad-arch', 'stats.json', edit(stats, (s) => (s.arch.grid.width = 0)))]), /stats\.json: arch: grid\.width: expected/);
    expectOneLineError(meshsim(['report', variant('array-stats', 'stats.json', '[1, 2]')]), /stats\.json: \(top level\): expected an object, got an array of 2/);
    expectOneLineError(meshsim(['report', variant('no-events', 'trace.json', edit(trace, (t) => delete t.traceEvents))]), /trace\.json: traceEvents: expected an array, got nothing/);
    const x = trace.traceEvents.findIndex((e: { ph: string }) => e.ph === 'X');
    expectOneLineError(meshsim(['report', variant('bad-span', 'trace.json', edit(trace, (t) => (t.traceEvents[x].dur = '1us')))]), new RegExp(`trace\\.json: traceEvents\\[${x}\\]\\.dur: expected a number ≥ 0, got "1us"`));
    expectOneLineError(meshsim(['report', variant('no-window', 'trace.json', edit(trace, (t) => delete t.otherData.counterWindowCycles))]), /otherData\.counterWindowCycles: expected a number ≥ 1/);
  });

  it('refuses a stats and trace pair from different runs, and cycle counts no run has', () => {
    const stats = JSON.parse(readFileSync(join(run, 'stats.json'), 'utf8'));
    const other = join(tmp, 'other');
    expect(meshsim(['matmul', '--m', '64', '--k', '64', '--n', '96', '--grid', '2x2', '--out', other]).code).toBe(0);
    const mixed = variant('mixed', 'trace.json', readFileSync(join(other, 'trace.json'), 'utf8'));
    expectOneLineError(meshsim(['report', mixed]), /mixed\/trace\.json: otherData\.runId: expected the run id of .*mixed\/stats\.json \([0-9a-f]{16}\): the two files come from different runs, got "[0-9a-f]{16}"/);
    const inconsistent = { ...stats, run: { ...stats.run, endCycle: stats.run.endCycle + 5 } };
    expectOneLineError(meshsim(['report', variant('inconsistent', 'stats.json', JSON.stringify(inconsistent))]), /run\.endCycle: expected run\.startCycle \+ run\.cycles/);
    const fractional = { ...stats, run: { ...stats.run, cycles: 1.5 } };
    expectOneLineError(meshsim(['report', variant('fractional', 'stats.json', JSON.stringify(fractional))]), /run\.cycles: expected a whole number of cycles, got 1\.5/);
  });

  describe('in a browser', () => {
    const skip = missing('chromium', 'the report browser test');
    let browser: import('playwright-core').Browser | undefined;

    afterAll(async () => {
      await browser?.close();
    });

    it.skipIf(skip)('draws the mesh, its links and the timeline; the slider recolours links; no console errors or requests', async () => {
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
      });
      await page.goto(`file://${join(run, 'report.html')}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });

      const d = reportData(run);
      expect(await page.locator('svg.mesh g.tile').count()).toBe(d.arch.width * d.arch.height);
      expect(await page.locator('svg.mesh g.tile.active').count()).toBe(4);
      expect(await page.locator('svg.mesh g.tile.dram').count()).toBe(d.tiles.filter((t) => t.kind === 'dram').length);
      expect(await page.locator('svg.mesh path.link').count()).toBe(2 * 2 * d.arch.width * d.arch.height);
      expect(await page.locator('.timeline-labels text.track-label').count()).toBe(d.timeline.tracks.length);
      expect(await page.locator('svg.timeline-plot rect.bar').count()).toBeGreaterThan(24);
      expect(await page.locator('svg.timeline-plot rect.bar.cb_wait_front').count()).toBeGreaterThan(0);
      expect(await page.locator('header.run').innerText()).toMatch(/matmul 64×64×64 bf16/);

      const fills = () => page.locator('svg.mesh path.link').evaluateAll((ps) => ps.map((p) => p.getAttribute('fill')));
      const whole = await fills();
      expect(new Set(whole).size).toBeGreaterThan(2);
      const slider = page.locator('input.window-slider');
      // two windows whose link traffic differs
      const traffic = (w: number) => d.windows.links.map((l) => expand(l, d.windows.count)[w]).join();
      const busy = [...Array(d.windows.count).keys()].filter((w) => d.windows.links.some((l) => expand(l, d.windows.count)[w] > 0));
      const [wa, wb] = [busy[0], busy.find((w) => traffic(w) !== traffic(busy[0]))!];
      await slider.fill(String(wa));
      const first = await fills();
      await slider.fill(String(wb));
      const second = await fills();
      expect(first).not.toEqual(whole);
      expect(second).not.toEqual(first);
      const W = d.windows.cycles;
      await slider.fill('1');
      expect(await page.locator('.window-label').innerText()).toContain(`window 2 of ${d.windows.count}: cycles ${W.toLocaleString('en-US')}–${(2 * W).toLocaleString('en-US')}`);

      await page.locator('button.whole-run').click();
      expect(await page.locator('.window-label').innerText()).toMatch(/^whole run/);
      await page.locator('button.play').click(); // steps through the windows, and stops at the last
      const lastWindow = `window ${d.windows.count} of ${d.windows.count}`;
      await page.waitForFunction((text) => (document.querySelector('.window-label')?.textContent ?? '').includes(text), lastWindow, { timeout: 10_000 });
      expect(await page.locator('button.play').innerText()).toMatch(/play/);

      await page.locator('button.noc-toggle[data-noc="1"]').click();
      expect(await page.locator('svg.mesh path.link.noc0[display="none"]').count()).toBe(2 * d.arch.width * d.arch.height);
      await page.locator('button.noc-toggle[data-noc="both"]').click();
      await page.locator('svg.mesh path.link').nth(2 * d.arch.width + 1).hover();
      expect(await page.locator('.tooltip').innerText()).toMatch(/NoC0 link \(\d+,\d+\)→\(\d+,\d+\)[\s\S]*GB\/s[\s\S]*bytes/);

      // Each wait kind its own colour; multicast trees as their own strokes; the overview strip; the op band.
      const waitKinds = await page.locator('svg.timeline-plot rect.bar').evaluateAll((rs) => [...new Set(rs.map((r) => r.getAttribute('class')!.split(' ')[1]))]);
      expect(waitKinds.filter((k) => ['cb_wait_front', 'cb_reserve_back', 'read_barrier', 'write_barrier', 'semaphore'].includes(k)).length).toBeGreaterThanOrEqual(2);
      const fillOf = (cls: string) => page.locator(`svg.timeline-plot rect.bar.${cls}`).first().getAttribute('fill');
      expect(await fillOf('cb_wait_front')).not.toBe(await fillOf('semaphore'));
      expect(await page.locator('svg.mesh path.mcast-tree').count()).toBe(d.windows.trees.length);
      expect(d.windows.trees.length).toBeGreaterThan(0);
      expect(await page.locator('svg.overview-strip rect').count()).toBeGreaterThan(4);
      expect(await page.locator('g.op-band g.op').count()).toBe(1);
      expect(await page.locator('g.op-band text').first().textContent()).toBe('matmul · 2d-mcast');
      // Zoomed in, bars carry their span's name.
      const plotBox = (await page.locator('svg.timeline-plot').boundingBox())!;
      await page.mouse.move(plotBox.x + plotBox.width / 3, plotBox.y + 60);
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
      await page.waitForFunction(() => document.querySelectorAll('text.bar-name').length > 0, undefined, { timeout: 5000 });
      expect(await page.locator('text.bar-name').first().textContent()).toMatch(/\w/);
      await page.locator('button.reset-zoom').click();
      // Cores coloured by busy fraction, per window.
      const coreFills = () => page.locator('svg.mesh g.tile.active rect.tile-box').evaluateAll((rs) => rs.map((r) => r.getAttribute('fill')));
      const fpu = (w: number) => d.windows.cores.map((c) => expand(c, d.windows.count)[w]).join();
      const computing = [...Array(d.windows.count).keys()].filter((w) => d.windows.cores.some((c) => expand(c, d.windows.count)[w] > 0));
      await slider.fill(String(computing[0]));
      const w0 = await coreFills();
      await slider.fill(String(computing.find((w) => fpu(w) !== fpu(computing[0]))!));
      expect(await coreFills()).not.toEqual(w0);
      // Playback speed: 8× steps through the windows faster than the 300 ms per window of 1×.
      expect(await page.locator('select.play-speed option').count()).toBeGreaterThanOrEqual(4);
      await page.locator('select.play-speed').selectOption('8');
      await page.locator('button.whole-run').click();
      const t0 = Date.now();
      await page.locator('button.play').click();
      await page.waitForFunction((text) => (document.querySelector('.window-label')?.textContent ?? '').includes(text), lastWindow, { timeout: 10_000 });
      expect(Date.now() - t0).toBeLessThan((300 * d.windows.count) / 2); // well under the 1× pace

      const shot = join(tmp, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      console.log(`report screenshot: ${shot}`);
      expect(problems).toEqual([]);
    });

    it.skipIf(skip)('a run of several ops shows each as a band; a long run gets about 200 windows', async () => {
      const { chromium } = await import('playwright-core');
      browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`file://${join(multi, 'report.html')}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
      expect(await page.locator('g.op-band g.op').count()).toBe(2);
      expect(await page.locator('g.op-band text').allTextContents()).toEqual(['copy-in · interleaved', 'copy-out · interleaved']);
      const d = reportData(long);
      expect(d.windows.count).toBeGreaterThanOrEqual(100);
      expect(d.windows.count).toBeLessThanOrEqual(200);
      await page.goto(`file://${join(long, 'report.html')}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
      expect(await page.locator('input.window-slider').getAttribute('max')).toBe(String(d.windows.count - 1));
      expect(problems).toEqual([]);
    });

    it.skipIf(skip)('the report of a run on all 64 cores, past the trace\'s span budget, is under 5 MB and opens with every core', async () => {
      const { chromium } = await import('playwright-core');
      browser ??= await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
      const m = meshsim(['matmul', '--m', '1024', '--k', '1024', '--n', '1024', '--fidelity', 'HiFi2', '--mode', 'timing', '--trace-max-spans', '20000', '--out', wide]);
      expect(m.code, m.stderr).toBe(0);
      expect(meshsim(['report', wide]).code).toBe(0);
      expect(statSync(join(wide, 'report.html')).size).toBeLessThan(REPORT_MAX_BYTES);
      const d = reportData(wide);
      expect(d.timeline.aggregatedWindow).toBeGreaterThan(0); // merged per window, as a 4096³ trace is
      const cores = d.tiles.filter((t) => t.kind === 'active').length;
      expect(cores).toBe(64);
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`file://${join(wide, 'report.html')}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      expect(await page.locator('svg.mesh g.tile.active').count()).toBe(cores);
      expect(await page.locator('svg.overview-strip').getAttribute('height')).toBe(String(cores * 3)); // a row per core
      expect(await page.locator('select.page-select option').count()).toBe(cores / 4);
      expect(await page.locator('svg.timeline-plot rect.bar').count()).toBeGreaterThan(100);
      expect(problems).toEqual([]);
    });
  });
});
