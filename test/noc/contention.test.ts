import { describe, expect, it } from 'vitest';
import { Network, type Coord, type MulticastTransfer, type Transfer } from '../../sim/noc/network.ts';
import { packetCount, packetPayload, wireBytes } from '../../sim/noc/packets.ts';
import { issue, issueMulticast, Recorder, randInt, rng, whParams, type Box, type Interval } from './support.ts';

/** Streams of back-to-back transfers, each issued when the previous one has left its source;
 *  returns each flow's bytes per cycle over the whole run. */
function streams(net: Network, flows: { src: Coord; dst: Coord; bytes: number }[], count: number) {
  const next = flows.map(() => 0);
  const sent = flows.map(() => 0);
  const last: Box<Transfer>[] = flows.map(() => ({ sentAt: 0 }));
  for (;;) {
    let f = -1;
    for (let i = 0; i < flows.length; i++) if (sent[i] < count && (f < 0 || next[i] < next[f])) f = i;
    if (f < 0) break;
    last[f] = issue(net, flows[f].src, flows[f].dst, flows[f].bytes, next[f]);
    next[f] = last[f].sentAt;
    sent[f]++;
  }
  net.advance(Infinity);
  return last.map((box, i) => (count * flows[i].bytes) / box.result!.doneAt);
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
      { src: { x: 0, y: 0 }, dst: { x: 6, y: 0 }, bytes: 8192 },
      { src: { x: 1, y: 0 }, dst: { x: 7, y: 0 }, bytes: 8192 },
    ];
    const alone = streams(new Network(0, whParams()), [flows[0]], 200)[0];
    expect(alone).toBeGreaterThan(31.5);
    const rates = streams(net, flows, 200);
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

  it('a link frees to its input ports in turn: a through flow and a local flow alternate packet by packet', () => {
    const net = new Network(0, whParams());
    const rec = new Recorder(net);
    // (0,0)→(4,0) enters (1,0)'s east link from the west; (1,0)→(4,0) from (1,0)'s own NIU.
    // Packet sizes tell the flows apart.
    streams(net, [
      { src: { x: 0, y: 0 }, dst: { x: 4, y: 0 }, bytes: 8192 },
      { src: { x: 1, y: 0 }, dst: { x: 4, y: 0 }, bytes: 8160 },
    ], 20);
    const order = rec.get('link', 2 * 1).map((i) => (i.payload === 8192 ? 'W' : 'L'));
    expect(order).toHaveLength(40);
    // The local packet is there first; from then on the turn passes to the other port each time.
    expect(order.join('')).toBe('LW'.repeat(20));
  });

  it('packets are served in the order they reach a link, not the order their transfers were issued', () => {
    const net = new Network(0, whParams());
    // Issued first, but its head needs 5 + 4·9 cycles to reach (4,0)'s east link …
    const far = issue(net, { x: 0, y: 0 }, { x: 6, y: 0 }, 8192, 0);
    // … while this one, issued later, is at that link after 5 cycles.
    const near = issue(net, { x: 4, y: 0 }, { x: 6, y: 0 }, 8192, 1);
    net.advance(Infinity);
    expect(near.result!.doneAt).toBe(1 + 5 + 2 * 9 + 5 + 257);
    // The far packet waits for the near one to clear the link (257 cycles from 6), then crosses
    // the last two links and the absorption port.
    expect(far.result!.firstByteAt).toBe(6 + 257 + 9 + 9 + 5);
  });

  it('round robin is between input ports: flows merged into one port share its turns', () => {
    const net = new Network(0, whParams());
    const rec = new Recorder(net);
    // Two flows come into (2,0) from the west (A from (0,0), B from (1,0), which alternate on
    // (1,0)'s east link), one from (2,0)'s NIU (L); all leave by (2,0)'s east link.
    streams(net, [
      { src: { x: 0, y: 0 }, dst: { x: 4, y: 0 }, bytes: 8192 },
      { src: { x: 1, y: 0 }, dst: { x: 4, y: 0 }, bytes: 8160 },
      { src: { x: 2, y: 0 }, dst: { x: 4, y: 0 }, bytes: 8128 },
    ], 10);
    const order = rec.get('link', 2 * 2).map((i) => ({ 8192: 'A', 8160: 'B', 8128: 'L' })[i.payload]).join('');
    // While L has packets it gets every other turn, so A and B a quarter each; then they share.
    expect(order).toBe('LBLA'.repeat(5) + 'BA'.repeat(5));
  });

  it('two flows into one tile share its absorption port', () => {
    const net = new Network(1, whParams());
    const rates = streams(
      net,
      [
        { src: { x: 2, y: 0 }, dst: { x: 5, y: 5 }, bytes: 4096 },
        { src: { x: 9, y: 9 }, dst: { x: 5, y: 5 }, bytes: 4096 },
      ],
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
      const unicasts: { n: number; src: Coord; dst: Coord; bytes: number; time: number; box: Box<Transfer> }[] = [];
      const multicasts: { n: number; src: Coord; bytes: number; time: number; box: Box<MulticastTransfer> }[] = [];
      for (let n = 0; n < 5000; n++) {
        time += randInt(r, 40);
        net.advance(time); // as the engine does: the NoC runs up to each call
        const src = { x: randInt(r, W), y: randInt(r, H) };
        const bytes = sizes[randInt(r, sizes.length)];
        if (randInt(r, 10) === 0) {
          const x0 = randInt(r, W);
          const y0 = randInt(r, H);
          const rect = { x0, y0, x1: Math.min(W - 1, x0 + randInt(r, 4)), y1: Math.min(H - 1, y0 + randInt(r, 4)) };
          const box = issueMulticast(net, src, rect, bytes, time);
          multicasts.push({ n, src, bytes, time, box });
          expectedLinkBytes += bytes * net.multicastRoute(src, rect).length;
          const receivers = (rect.x1 - rect.x0 + 1) * (rect.y1 - rect.y0 + 1) - (src.x >= rect.x0 && src.x <= rect.x1 && src.y >= rect.y0 && src.y <= rect.y1 ? 1 : 0);
          if (receivers > 0) injected[src.y * W + src.x] += bytes;
          for (let y = rect.y0; y <= rect.y1; y++) for (let x = rect.x0; x <= rect.x1; x++) if (x !== src.x || y !== src.y) absorbed[y * W + x] += bytes;
        } else {
          const dst = { x: randInt(r, W), y: randInt(r, H) };
          unicasts.push({ n, src, dst, bytes, time, box: issue(net, src, dst, bytes, time) });
          expectedLinkBytes += bytes * net.hops(src, dst);
          injected[src.y * W + src.x] += bytes;
          absorbed[dst.y * W + dst.x] += bytes;
        }
      }
      net.advance(Infinity);
      for (const { n, src, dst, bytes, time, box } of unicasts) {
        const t = box.result;
        check(t !== undefined, () => `unicast #${n} never completed`);
        if (!t) continue;
        check(t.doneAt >= time + idle.uncontendedCycles(src, dst, bytes), () => `unicast #${n} beats idle`);
        check(t.firstByteAt <= t.doneAt && t.sentAt <= t.doneAt && t.sentAt === box.sentAt, () => `unicast #${n} times out of order`);
        // No packet, hence no transfer, moves faster than a link.
        let wire = 0;
        for (let i = 0; i < packetCount(bytes, 8192); i++) wire += wireBytes(packetPayload(bytes, 8192, i), 32);
        check(t.doneAt - time >= wire / 32, () => `unicast #${n} faster than a link`);
      }
      for (const { n, src, bytes, time, box } of multicasts) {
        const m = box.result;
        check(m !== undefined, () => `multicast #${n} never completed`);
        for (const d of m?.perDest ?? []) check(d.doneAt >= time + idle.uncontendedCycles(src, d.dst, bytes), () => `multicast #${n} beats idle`);
      }
      let resources = 0;
      const rate = { link: params.linkBytesPerCycle, inject: params.injectionBytesPerCycle, absorb: params.absorptionBytesPerCycle };
      const links = net.links();
      for (const [kind, index, list] of rec.entries()) {
        resources++;
        // Grants come in time order and never overlap.
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
      expect(net.nextTime()).toBe(Infinity); // nothing left in flight
    });
  }

  it('is deterministic', () => {
    const run = () => {
      const net = new Network(0, whParams({ injectionBytesPerCycle: 28.1 }));
      const r = rng(7);
      const boxes: Box<Transfer>[] = [];
      for (let i = 0; i < 2000; i++) {
        net.advance(i * 3);
        boxes.push(issue(net, { x: randInt(r, 10), y: randInt(r, 12) }, { x: randInt(r, 10), y: randInt(r, 12) }, randInt(r, 30000), i * 3));
      }
      net.advance(Infinity);
      return boxes.flatMap((b) => [b.result!.firstByteAt, b.result!.doneAt, b.result!.sentAt]);
    };
    expect(run()).toEqual(run());
  });
});
