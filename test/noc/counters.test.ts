import { describe, expect, it } from 'vitest';
import { Network } from '../../sim/noc/network.ts';
import { randInt, rng, whParams } from './support.ts';

describe('counters', () => {
  it('one unicast: every route link carries the bytes, nothing else does', () => {
    const net = new Network(0, whParams());
    const src = { x: 7, y: 9 };
    const dst = { x: 2, y: 1 };
    net.unicast(src, dst, 12345, 0, null);
    net.advance(Infinity);
    const route = new Set(net.route(src, dst).map((l) => l.id));
    expect(route.size).toBe(net.hops(src, dst));
    for (const l of net.links()) {
      expect(l.bytes).toBe(route.has(l.id) ? 12345 : 0);
      expect(l.packets).toBe(route.has(l.id) ? 2 : 0);
      expect(l.busyCycles).toBe(route.has(l.id) ? 257 + 131 : 0);
    }
    const s = net.links()[(9 * 10 + 7) * 2];
    expect(s).toMatchObject({ from: { x: 7, y: 9 }, to: { x: 8, y: 9 }, dir: 'E' });
  });

  it('sum of link bytes = Σ bytes × hops; ports count what they sent and received', () => {
    for (const id of [0, 1] as const) {
      const net = new Network(id, whParams({ injectionBytesPerCycle: 28.1 }));
      const r = rng(99 + id);
      let linkBytes = 0;
      let total = 0;
      for (let i = 0; i < 3000; i++) {
        const src = { x: randInt(r, 10), y: randInt(r, 12) };
        const dst = { x: randInt(r, 10), y: randInt(r, 12) };
        const bytes = randInt(r, 40000);
        net.advance(i * 20);
        net.unicast(src, dst, bytes, i * 20, null);
        linkBytes += bytes * net.hops(src, dst);
        total += bytes;
      }
      net.advance(Infinity);
      expect(net.links().reduce((s, l) => s + l.bytes, 0)).toBe(linkBytes);
      const ports = net.portStats();
      expect(ports.reduce((s, p) => s + p.injectedBytes, 0)).toBe(total);
      expect(ports.reduce((s, p) => s + p.absorbedBytes, 0)).toBe(total);
      expect(ports.reduce((s, p) => s + p.injectedPackets, 0)).toBe(ports.reduce((s, p) => s + p.absorbedPackets, 0));
      net.reset();
      expect(net.links().every((l) => l.bytes === 0 && l.busyCycles === 0 && l.packets === 0)).toBe(true);
      expect(net.portStats().every((p) => p.injectedBytes === 0 && p.absorbBusyCycles === 0)).toBe(true);
    }
  });
});
