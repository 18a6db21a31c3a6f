import { describe, expect, it } from 'vitest';
import { Network, type Coord } from '../../sim/noc/network.ts';
import { packetCount, packetPayload, wireBytes } from '../../sim/noc/packets.ts';
import { Recorder, randInt, rng, whParams, type Interval } from './support.ts';

/** Streams of back-to-back transfers, each issued when the previous one has left its source. */
function streams(net: Network, flows: { src: Coord; dst: Coord }[], bytes: number, count: number) {
  const next = flows.map(() => 0);
  const sent = flows.map(() => 0);
  const lastDone = flows.map(() => 0);
  for (;;) {
    let f = -1;
    for (let i = 0; i < flows.length; i++) if (sent[i] < count && (f < 0 || next[i] < next[f])) f = i;
    if (f < 0) break;
    const t = net.unicast(flows[f].src, flows[f].dst, bytes, next[f]);
    next[f] = t.sentAt;
    lastDone[f] = t.doneAt;
    sent[f]++;
  }
  return lastDone.map((done) => (count * bytes) / done);
}

function checkNoOverlap(list: Interval[]): void {
  const sorted = [...list].sort((p, q) => p.start - q.start);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i].start).toBeGreaterThanOrEqual(sorted[i - 1].end - 1e-9);
}

describe('contention', () => {
  it('two flows sharing links each get about half the bandwidth', () => {
    const net = new Network(0, whParams());
    const rec = new Recorder(net);
    const flows = [
      { src: { x: 0, y: 0 }, dst: { x: 6, y: 0 } },
      { src: { x: 1, y: 0 }, dst: { x: 7, y: 0 } },
    ];
    const alone = streams(new Network(0, whParams()), [flows[0]], 8192, 200)[0];
    expect(alone).toBeGreaterThan(31.5);
    const rates = streams(net, flows, 8192, 200);
    for (const r of rates) {
      expect(r).toBeGreaterThan(15.5);
      expect(r).toBeLessThanOrEqual(16);
    }
    for (let x = 1; x <= 5; x++) {
      const list = rec.get('link', x * 2); // (x,0) east
      expect(list).toHaveLength(400);
      checkNoOverlap(list);
      const stats = net.links()[x * 2];
      expect(stats.bytes).toBe(400 * 8192);
      expect(stats.busyCycles).toBe(400 * 257); // saturated, never double-booked
    }
  });

  it('two flows into one tile share its absorption port', () => {
    const net = new Network(1, whParams());
    const rates = streams(
      net,
      [
        { src: { x: 2, y: 0 }, dst: { x: 5, y: 5 } },
        { src: { x: 9, y: 9 }, dst: { x: 5, y: 5 } },
      ],
      4096,
      300,
    );
    for (const r of rates) {
      expect(r).toBeGreaterThan(15.3);
      expect(r).toBeLessThanOrEqual(16);
    }
  });

  for (const id of [0, 1] as const) {
    it(`NoC${id}: randomised traffic never double-books a resource or beats its rate`, () => {
      const params = whParams({ injectionBytesPerCycle: 28.1, absorptionBytesPerCycle: 28.1 });
      const net = new Network(id, params);
      const rec = new Recorder(net);
      const r = rng(1234 + id);
      const sizes = [0, 4, 32, 100, 1024, 2048, 4096, 8192, 20000, 65536];
      const W = params.width;
      const H = params.height;
      let time = 0;
      let expectedLinkBytes = 0;
      const injected = new Float64Array(W * H);
      const absorbed = new Float64Array(W * H);
      const idle = new Network(id, params);
      const bad: string[] = [];
      const check = (ok: boolean, what: () => string) => {
        if (!ok && bad.length < 20) bad.push(what());
      };
      for (let n = 0; n < 5000; n++) {
        time += randInt(r, 40);
        const src = { x: randInt(r, W), y: randInt(r, H) };
        const bytes = sizes[randInt(r, sizes.length)];
        if (randInt(r, 10) === 0) {
          const x0 = randInt(r, W);
          const y0 = randInt(r, H);
          const rect = { x0, y0, x1: Math.min(W - 1, x0 + randInt(r, 4)), y1: Math.min(H - 1, y0 + randInt(r, 4)) };
          const m = net.multicast(src, rect, bytes, time);
          const treeLinks = net.multicastRoute(src, rect).length;
          expectedLinkBytes += bytes * treeLinks;
          if (m.perDest.length) injected[src.y * W + src.x] += bytes;
          for (const d of m.perDest) {
            absorbed[d.dst.y * W + d.dst.x] += bytes;
            check(d.doneAt >= time + idle.uncontendedCycles(src, d.dst, bytes), () => `multicast #${n} beats idle`);
          }
        } else {
          const dst = { x: randInt(r, W), y: randInt(r, H) };
          const t = net.unicast(src, dst, bytes, time);
          expectedLinkBytes += bytes * net.hops(src, dst);
          injected[src.y * W + src.x] += bytes;
          absorbed[dst.y * W + dst.x] += bytes;
          check(t.doneAt >= time + idle.uncontendedCycles(src, dst, bytes), () => `unicast #${n} beats idle`);
          check(t.firstByteAt <= t.doneAt && t.sentAt <= t.doneAt, () => `unicast #${n} times out of order`);
          // No packet, hence no transfer, moves faster than a link.
          let wire = 0;
          for (let i = 0; i < packetCount(bytes, 8192); i++) wire += wireBytes(packetPayload(bytes, 8192, i), 32);
          check(t.doneAt - time >= wire / 32, () => `unicast #${n} faster than a link`);
        }
      }
      let resources = 0;
      const rate = { link: params.linkBytesPerCycle, inject: params.injectionBytesPerCycle, absorb: params.absorptionBytesPerCycle };
      const links = net.links();
      for (const [kind, index, list] of rec.entries()) {
        resources++;
        // Reservations come in call order and never overlap.
        for (let i = 1; i < list.length; i++)
          check(list[i].start >= list[i - 1].end - 1e-9, () => `${kind} ${index}: reservation ${i} overlaps`);
        // Each packet holds a resource at least wire bytes / rate; so over any run of consecutive
        // reservations the resource carries at most rate × elapsed bytes.
        let wire = 0;
        for (const iv of list) {
          check(iv.end - iv.start >= iv.wire / rate[kind] - 1e-9, () => `${kind} ${index}: packet faster than the rate`);
          wire += iv.wire;
        }
        check(wire <= rate[kind] * (list[list.length - 1].end - list[0].start) + 1e-6, () => `${kind} ${index}: over its rate`);
        if (kind === 'link') {
          check(links[index].bytes === list.reduce((s, iv) => s + iv.payload, 0), () => `link ${index}: byte counter`);
          const busy = Math.ceil(list.reduce((s, iv) => s + iv.end - iv.start, 0) - 1e-6);
          check(links[index].busyCycles === busy, () => `link ${index}: busy counter`);
        }
      }
      expect(bad).toEqual([]);
      expect(resources).toBeGreaterThan(200);
      expect(links.reduce((s, l) => s + l.bytes, 0)).toBe(expectedLinkBytes);
      const ports = net.portStats();
      expect(ports.map((p) => p.injectedBytes)).toEqual([...injected]);
      expect(ports.map((p) => p.absorbedBytes)).toEqual([...absorbed]);
    });
  }

  it('is deterministic', () => {
    const run = () => {
      const net = new Network(0, whParams({ injectionBytesPerCycle: 28.1 }));
      const r = rng(7);
      const out: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const t = net.unicast({ x: randInt(r, 10), y: randInt(r, 12) }, { x: randInt(r, 10), y: randInt(r, 12) }, randInt(r, 30000), i * 3);
        out.push(t.firstByteAt, t.doneAt, t.sentAt);
      }
      return out;
    };
    expect(run()).toEqual(run());
  });
});
