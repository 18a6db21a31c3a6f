import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../sim/arch/index.ts';
import { Device } from '../../sim/host/device.ts';
import { kernelImage } from '../../sim/host/kernels.ts';
import { Program } from '../../sim/host/program.ts';
import { runMatmul, type MatmulOptions } from '../../sim/ops/matmul/run.ts';
import { chromeTrace, micros } from '../../sim/trace/chrome-trace.ts';
import { TraceRecorder } from '../../sim/trace/recorder.ts';
import { checkPerfetto } from '../support/perfetto-json.ts';

const opts: MatmulOptions = { m: 128, k: 128, n: 128, dtype: 'bf16', fidelity: 'HiFi2', fp32Acc: false, arch: 'wormhole_n150', grid: { rows: 2, cols: 2 }, mode: 'timing', strategy: '2d-mcast', seed: 1 };
const trackName = (t: TraceRecorder, id: number) => `${t.tracks[id].group} ${t.tracks[id].name}`;

describe('trace', () => {
  const trace = new TraceRecorder();
  const traced = runMatmul({ ...opts, trace });
  trace.op('matmul', traced.strategy, traced.run.startCycle, traced.run.endCycle); // as the command records it

  it('does not change the run', () => {
    expect(traced.run).toEqual(runMatmul(opts).run);
  });

  it('has a kernel span per hart, with its waits inside it', () => {
    const kernels = trace.spans.filter((s) => s.cat === 'kernel');
    expect(kernels.map((s) => trackName(trace, s.track)).sort()).toEqual(traced.run.harts.map((h) => h.name).sort());
    for (const k of kernels) {
      const hart = traced.run.harts.find((h) => h.name === trackName(trace, k.track))!;
      expect(k.end).toBe(hart.endCycle);
      const waits = trace.spans.filter((s) => s.track === k.track && s !== k);
      for (const w of waits) {
        expect(w.start).toBeGreaterThanOrEqual(k.start);
        expect(w.end).toBeLessThanOrEqual(k.end);
        expect(w.name).toMatch(/^(cb_|noc_)/);
        expect(w.cat).toBe('wait');
      }
    }
  });

  it('tile engine spans add up to the busy counters and carry their operands', () => {
    for (const e of traced.run.tileEngines) {
      const busy = (stage: string) => trace.spans.filter((s) => trackName(trace, s.track) === `${e.core} ${stage}`).reduce((t, s) => t + s.end - s.start, 0);
      expect([busy('unpack'), busy('math'), busy('pack')]).toEqual([e.unpackBusyCycles, e.mathBusyCycles, e.packBusyCycles]);
    }
    const math = trace.spans.find((s) => s.cat === 'tile' && s.name === 'matmul_block')!; // the matmul op's compute kernel
    expect(math.args).toMatchObject({ in0_cb: 0, in1_cb: 1, dst: expect.any(Number) });
  });

  it('link and bank traffic over the windows adds up to their byte counters', () => {
    const total = (name: string) => [...(trace.counters.get(name)?.values.values() ?? [])].reduce((t, b) => t + b, 0);
    const links = traced.run.links.flatMap((ls, noc) => ls.map((l) => ({ name: `NoC${noc} link (${l.from.x},${l.from.y})→(${l.to.x},${l.to.y})`, bytes: l.bytes })));
    expect(links.some((l) => l.bytes > 0)).toBe(true);
    for (const l of links) expect(total(l.name)).toBeCloseTo(l.bytes, 3);
    for (const b of traced.run.dram) expect(total(`DRAM bank ${b.bank}`)).toBeCloseTo(b.bytesRead + b.bytesWritten, 3);
  });

  it('records NoC arrivals with their bytes and ends, flows from the issuing hart, and multicast trees', () => {
    const arrivals = trace.spans.filter((s) => s.cat === 'noc');
    expect(arrivals.length).toBeGreaterThan(0);
    for (const a of arrivals) expect(a.args).toMatchObject({ bytes: expect.any(Number), src: expect.stringMatching(/^\(\d+,\d+\)$/), dst: expect.stringMatching(/^\(\d+,\d+\)$/) });
    expect(trace.flows).toHaveLength(arrivals.length);
    expect(arrivals.some((a) => a.name.startsWith('noc_async_write_multicast'))).toBe(true);
    const trees = [...trace.multicastTrees.values()];
    expect(trees.length).toBeGreaterThan(0);
    for (const t of trees) expect(t.links.length).toBeGreaterThan(0);
  });

  it('writes Chrome trace events: categories, processes by row and column, harts in a fixed order', () => {
    const { traceEvents, otherData } = chromeTrace(trace, 1e9);
    expect(otherData.schema).toEqual({ name: 'meshsim-trace', version: 1 });
    for (const e of traceEvents.filter((x) => x.ph !== 'M')) expect(e.cat, e.name).toBeTruthy();
    const processes = traceEvents.filter((e) => e.name === 'process_name').map((e) => e.args!.name as string);
    expect(processes.slice(0, 5)).toEqual(['ops', 'core (0,0) [noc 1,1]', 'core (1,0) [noc 2,1]', 'core (0,1) [noc 1,2]', 'core (1,1) [noc 2,2]']);
    const sortIndex = new Map(traceEvents.filter((e) => e.name === 'process_sort_index').map((e) => [e.pid, e.args!.sort_index as number]));
    const pidOf = (name: string) => traceEvents.find((e) => e.name === 'process_name' && e.args!.name === name)!.pid;
    expect(sortIndex.get(pidOf('core (1,0) [noc 2,1]'))!).toBeLessThan(sortIndex.get(pidOf('core (0,1) [noc 1,2]'))!);
    const threads = traceEvents.filter((e) => e.name === 'thread_name' && e.pid === pidOf('core (0,0) [noc 1,1]')).map((e) => e.args!.name);
    expect(threads.slice(0, 6)).toEqual(['ncrisc', 'trisc', 'unpack', 'math', 'pack', 'brisc']);
  });

  it('writes µs values that Perfetto truncates back to the same ns', () => {
    for (let ns = 0; ns < 200_000; ns += 7) expect(Math.trunc(micros(ns) * 1000)).toBe(ns);
  });

  describe('nests as Perfetto reads it, on every preset', () => {
    for (const arch of Object.keys(PRESETS)) {
      it(arch, () => {
        const t = new TraceRecorder();
        const grid = PRESETS[arch].computeGrids[0];
        const g = { rows: Math.min(2, grid.rows), cols: Math.min(2, grid.cols) };
        runMatmul({ ...opts, m: 256, k: 128, n: 256, arch, grid: g, trace: t });
        const json = JSON.parse(JSON.stringify(chromeTrace(t, PRESETS[arch].clockHz)));
        const check = checkPerfetto(json);
        expect(check.slices).toBeGreaterThan(100);
        expect(check.flows).toBeGreaterThan(0);
        expect(check.problems.slice(0, 5)).toEqual([]);
      });
    }
  });

  it('past --trace-max-spans merges short spans per window, keeps kernels exact, and still nests', () => {
    const small = new TraceRecorder(100);
    const r = runMatmul({ ...opts, arch: 'blackhole_p150', trace: small });
    const s = small.summary();
    expect(s.produced).toBeGreaterThan(200);
    expect(s.aggregateWindow).toBeGreaterThan(0);
    expect(s.exact + s.aggregated).toBeLessThanOrEqual(100 + r.run.harts.length);
    expect(small.spans.filter((x) => x.cat === 'kernel')).toHaveLength(r.run.harts.length);
    // merged slices still account for every busy cycle of the math stage
    const math = small.tracks.filter((t) => t.name === 'math').map((t) => t.id);
    const busy = math.reduce((sum, id) => sum + [...small.aggregates[id].values()].reduce((x, a) => x + a.busy, 0), 0);
    expect(busy).toBe(r.run.tileEngines.reduce((x, e) => x + e.mathBusyCycles, 0));
    const json = JSON.parse(JSON.stringify(chromeTrace(small, 1.35e9)));
    expect(json.traceEvents.some((e: { name: string; ph: string }) => e.ph === 'M' && e.name === 'thread_name')).toBe(true);
    expect(checkPerfetto(json).problems.slice(0, 5)).toEqual([]);
  });

  it('a profiler zone (DeviceZoneScopedN) becomes a named slice inside the kernel, nested zones inside it', () => {
    const t = new TraceRecorder();
    const device = new Device({ arch: 'wormhole_n150', grid: { rows: 1, cols: 1 }, trace: t });
    const buffer = device.createBuffer(4 * 2048, 2048);
    const program = new Program();
    const at = { x: 0, y: 0 };
    program.createCircularBuffer(at, { index: 0, pageBytes: 2048, pages: 4, format: 'bf16' });
    const k = program.createKernel(kernelImage('dataflow/reader_profiled', 'ncrisc'), at, { processor: 'ncrisc' });
    program.setRuntimeArgs(k, at, [buffer.address, 2048, 0, 4, 0]);
    device.run(program);
    const zones = t.spans.filter((s) => s.cat === 'zone');
    expect(zones.map((z) => z.name).sort()).toEqual(['read-loop', 'read-page', 'read-page', 'read-page', 'read-page']);
    const loop = zones.find((z) => z.name === 'read-loop')!;
    for (const z of zones.filter((x) => x.name === 'read-page')) {
      expect(z.start).toBeGreaterThanOrEqual(loop.start);
      expect(z.end).toBeLessThanOrEqual(loop.end);
    }
    expect(checkPerfetto(JSON.parse(JSON.stringify(chromeTrace(t, 1e9)))).problems).toEqual([]);
  });
});
