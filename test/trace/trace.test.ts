import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMatmul, type MatmulOptions } from '../../sim/ops/matmul.ts';
import { chromeTrace } from '../../sim/trace/chrome-trace.ts';
import { TraceRecorder } from '../../sim/trace/recorder.ts';
import { meshsim } from '../support/cli.ts';

const opts: MatmulOptions = { m: 128, k: 128, n: 128, dtype: 'bf16', fidelity: 'HiFi2', fp32Acc: false, arch: 'wormhole_n150', grid: { rows: 2, cols: 2 }, mode: 'timing', strategy: '2d-mcast', seed: 1 };

describe('trace', () => {
  const trace = new TraceRecorder();
  const traced = runMatmul({ ...opts, trace });

  it('does not change the run', () => {
    expect(traced.run).toEqual(runMatmul(opts).run);
  });

  it('has a kernel span per hart, with its waits inside it', () => {
    const kernels = trace.spans.filter((s) => s.name.startsWith('kernels/build/'));
    expect(kernels.map((s) => s.track).sort()).toEqual(traced.run.harts.map((h) => h.name).sort());
    for (const k of kernels) {
      const hart = traced.run.harts.find((h) => h.name === k.track)!;
      expect(k.end).toBe(hart.endCycle);
      for (const w of trace.spans.filter((s) => s.track === k.track && s !== k)) {
        expect(w.start).toBeGreaterThanOrEqual(k.start);
        expect(w.end).toBeLessThanOrEqual(k.end);
        expect(w.name).toMatch(/^(cb_|noc_)/);
      }
    }
  });

  it('tile engine spans add up to the busy counters', () => {
    for (const e of traced.run.tileEngines) {
      const busy = (stage: string) => trace.spans.filter((s) => s.track === `${e.core} ${stage}`).reduce((t, s) => t + s.end - s.start, 0);
      expect([busy('unpack'), busy('math'), busy('pack')]).toEqual([e.unpackBusyCycles, e.mathBusyCycles, e.packBusyCycles]);
    }
  });

  it('link and bank traffic over the windows adds up to their byte counters', () => {
    const total = (name: string) => [...(trace.counters.get(name)?.bytes.values() ?? [])].reduce((t, b) => t + b, 0);
    const links = traced.run.links.flatMap((ls, noc) => ls.map((l) => ({ name: `NoC${noc} link (${l.from.x},${l.from.y})→(${l.to.x},${l.to.y})`, bytes: l.bytes })));
    expect(links.some((l) => l.bytes > 0)).toBe(true);
    for (const l of links) expect(total(l.name)).toBeCloseTo(l.bytes, 3);
    for (const b of traced.run.dram) expect(total(`DRAM bank ${b.bank}`)).toBeCloseTo(b.bytesRead + b.bytesWritten, 3);
  });

  it('writes Chrome trace events: named processes and threads, spans and counters in µs', () => {
    const { traceEvents } = chromeTrace(trace, 1e9);
    const names = traceEvents.filter((e) => e.name === 'process_name').map((e) => e.args!.name);
    expect(names).toContain('core (0,0) [noc 1,1]');
    expect(names).toContain('NoC links');
    expect(names).toContain('DRAM banks');
    const span = traceEvents.find((e) => e.ph === 'X')!;
    expect(span.dur).toBeGreaterThan(0);
    expect(traceEvents.filter((e) => e.ph === 'C').every((e) => typeof e.args!['GB/s'] === 'number')).toBe(true);
  });

  it('meshsim matmul --out writes trace.json beside stats.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-trace-'));
    expect(meshsim(['matmul', '--m', '64', '--k', '64', '--n', '64', '--grid', '2x2', '--out', dir]).code).toBe(0);
    const t = JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8'));
    expect(t.traceEvents.length).toBeGreaterThan(10);
    expect(t.otherData.generator).toBe('meshsim');
  });
});
