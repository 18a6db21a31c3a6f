import { describe, expect, it } from 'vitest';
import { Network } from '../../sim/noc/network.ts';
import { issue, Recorder, transfer, whParams } from './support.ts';

const a = { x: 1, y: 2 };
const b = { x: 4, y: 7 }; // 8 hops on NoC0, 3 + 5
const occupancy = (bytes: number) => Math.ceil((bytes + 32) / 32);

describe('uncontended unicast', () => {
  it('doneAt = time + inject + hops·hop + eject + ceil((B + flit)/link)', () => {
    for (const id of [0, 1] as const) {
      const net = new Network(id, whParams());
      let time = 100;
      for (const [src, dst] of [
        [a, b],
        [b, a],
        [a, a],
        [{ x: 9, y: 11 }, { x: 0, y: 0 }],
      ]) {
        for (const bytes of [0, 4, 32, 33, 100, 2048, 8192]) {
          time += 10_000; // idle NoC again
          const hops = net.hops(src, dst);
          const t = transfer(net, src, dst, bytes, time);
          const head = 5 + 9 * hops + 5;
          expect(t.firstByteAt).toBe(time + head);
          expect(t.doneAt).toBe(time + head + occupancy(bytes));
          expect(t.sentAt).toBe(time + occupancy(bytes));
          expect(net.uncontendedCycles(src, dst, bytes)).toBe(t.doneAt - time);
        }
      }
    }
  });

  it('header-only and ≤ 1-flit payloads take one and two link cycles; headers travel in their own VC class', () => {
    const net = new Network(0, whParams());
    const rec = new Recorder(net);
    const hops = net.hops(a, b);
    expect(transfer(net, a, b, 0, 0).doneAt).toBe(5 + hops * 9 + 5 + 1);
    expect(transfer(net, a, b, 4, 1000).doneAt).toBe(1000 + 5 + hops * 9 + 5 + 2);
    const first = net.route(a, b)[0].id;
    expect(rec.get('link', first).map((i) => [i.end - i.start, i.wire])).toEqual([[2, 64]]); // the header is not on the data link
  });

  it('a header is not queued behind a data train on a shared link', () => {
    const net = new Network(0, whParams());
    const train = issue(net, a, b, 65536, 0);
    const header = issue(net, a, b, 0, 10);
    net.advance(Infinity);
    expect(header.result!.doneAt).toBe(10 + 5 + net.hops(a, b) * 9 + 5 + 1);
    expect(header.result!.doneAt).toBeLessThan(train.result!.doneAt);
  });

  it('results are integers even with fractional rates and latencies', () => {
    const net = new Network(0, whParams({ injectionBytesPerCycle: 28.1, hopCycles: 8.8 }));
    const t = transfer(net, a, b, 5000, 3);
    for (const v of Object.values(t)) expect(Number.isInteger(v)).toBe(true);
    // 158 flits = 5056 wire bytes at 28.1 B/cycle = 179.9 cycles, behind a head at 5 + 8·8.8 + 5 = 80.4.
    expect(t.firstByteAt).toBe(84);
    expect(t.doneAt).toBe(Math.ceil(3 + 80.4 + 5056 / 28.1));
  });
});

describe('packet trains', () => {
  it('64 KiB is 8 packets of 8 KiB on every link, at ≤ linkBytesPerCycle', () => {
    const net = new Network(0, whParams());
    const rec = new Recorder(net);
    const t = transfer(net, a, b, 65536, 0);
    for (const link of net.route(a, b)) {
      const list = rec.get('link', link.id);
      expect(list.map((i) => i.payload)).toEqual(Array(8).fill(8192));
      for (const i of list) expect(i.end - i.start).toBe(occupancy(8192));
    }
    expect(rec.get('inject', 2 * 10 + 1).filter((i) => i.payload > 0)).toHaveLength(8);
    const rate = 65536 / (t.doneAt - 0);
    expect(rate).toBeLessThanOrEqual(32);
    expect(rate).toBeGreaterThan(30.5); // 8·257 cycles of occupancy (header flits) + 82 of latency
    expect(t.doneAt).toBe(5 + 8 * 9 + 5 + 8 * occupancy(8192));
    expect(t.firstByteAt).toBe(5 + 8 * 9 + 5);
  });

  it('the last packet carries the remainder', () => {
    const net = new Network(1, whParams({ maxPacketBytes: 16384, flitBytes: 64, linkBytesPerCycle: 64, injectionBytesPerCycle: 64, absorptionBytesPerCycle: 64 }));
    const rec = new Recorder(net);
    transfer(net, a, b, 40000, 0);
    const link = net.route(a, b)[0].id;
    expect(rec.get('link', link).map((i) => i.payload)).toEqual([16384, 16384, 7232]);
    expect(rec.get('link', link).map((i) => i.end - i.start)).toEqual([257, 257, 114]);
  });

  it('an injection port slower than the link sets the rate and holds the links longer', () => {
    const net = new Network(0, whParams({ injectionBytesPerCycle: 16 }));
    const rec = new Recorder(net);
    const t = transfer(net, a, b, 65536, 0);
    expect(t.doneAt).toBe(5 + 8 * 9 + 5 + (8 * 8224) / 16);
    const rate = 65536 / t.doneAt;
    expect(rate).toBeLessThanOrEqual(16);
    expect(rate).toBeGreaterThan(15.5);
    for (const i of rec.get('link', net.route(a, b)[0].id)) expect(i.end - i.start).toBe(8224 / 16);
  });

  it('an absorption port slower than the link sets the rate; the routers buffer what the source sends meanwhile', () => {
    const net = new Network(0, whParams({ absorptionBytesPerCycle: 8 }));
    const rec = new Recorder(net);
    const t = transfer(net, a, b, 65536, 0);
    expect(t.doneAt).toBe(5 + 8 * 9 + 5 + (8 * 8224) / 8);
    expect(t.sentAt).toBe(8 * 257); // no back-pressure: the source injects at its own rate
    const absorbed = rec.get('absorb', b.y * 10 + b.x);
    expect(absorbed.map((i) => i.end - i.start)).toEqual(Array(8).fill(1028)); // back to back, each at 8 B/cycle
  });

  it('per-tile port rates override the defaults', () => {
    const net = new Network(0, whParams());
    net.setPortRates(a, { injectionBytesPerCycle: 8 });
    expect(net.uncontendedCycles(a, b, 8192)).toBe(5 + 8 * 9 + 5 + 8224 / 8);
    expect(net.uncontendedCycles(b, a, 8192)).toBe(net.uncontendedCycles(b, a, 0) + 257 - 1);
  });
});

describe('calls', () => {
  it('must come in nondecreasing time order', () => {
    const net = new Network(0, whParams());
    net.unicast(a, b, 64, 10, null);
    net.unicast(a, b, 64, 10, null);
    expect(() => net.unicast(a, b, 64, 9, null)).toThrow(/nondecreasing/);
    net.advance(100); // the transfers are done by 10 + 85
    expect(() => net.unicast(a, b, 64, 90, null)).toThrow(/before an event already run/);
    net.reset();
    expect(transfer(net, a, b, 64, 0).doneAt).toBe(5 + 72 + 5 + 3);
  });

  it('report completion only when the NoC has run to that time', () => {
    const net = new Network(0, whParams());
    const box = issue(net, a, b, 2048, 0);
    const doneAt = 5 + 72 + 5 + occupancy(2048);
    expect(net.nextTime()).toBe(5); // the head enters the first link
    net.advance(doneAt - 1);
    expect(box.result).toBeUndefined();
    net.advance(doneAt);
    expect(box.result?.doneAt).toBe(doneAt);
    expect(net.nextTime()).toBe(Infinity);
  });

  it('reject bad sizes and bad parameters', () => {
    const net = new Network(0, whParams());
    expect(() => net.unicast(a, b, -1, 0, null)).toThrow(/bytes/);
    expect(() => net.unicast(a, b, 1.5, 0, null)).toThrow(/bytes/);
    expect(() => new Network(0, whParams({ width: 0 }))).toThrow(/width/);
    expect(() => new Network(0, whParams({ linkBytesPerCycle: Infinity }))).toThrow(/linkBytesPerCycle/);
    expect(() => new Network(0, whParams({ injectionBytesPerCycle: Infinity }))).not.toThrow();
  });
});
