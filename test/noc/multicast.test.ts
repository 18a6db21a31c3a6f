import { describe, expect, it } from 'vitest';
import { Network, type Coord, type Rect } from '../../sim/noc/network.ts';
import { issue, issueMulticast, multicastTransfer, Recorder, whParams } from './support.ts';

const key = (c: Coord) => `${c.x},${c.y}`;

function tiles(r: Rect): Coord[] {
  const out: Coord[] = [];
  for (let y = r.y0; y <= r.y1; y++) for (let x = r.x0; x <= r.x1; x++) out.push({ x, y });
  return out;
}

const cases: [0 | 1, Coord, Rect][] = [
  [0, { x: 0, y: 0 }, { x0: 2, y0: 3, x1: 5, y1: 7 }], // source outside
  [0, { x: 3, y: 4 }, { x0: 1, y0: 1, x1: 8, y1: 8 }], // source inside: branches wrap round
  [0, { x: 9, y: 11 }, { x0: 0, y0: 0, x1: 9, y1: 0 }], // one row, over both edges
  [1, { x: 9, y: 11 }, { x0: 1, y0: 1, x1: 4, y1: 6 }],
  [1, { x: 2, y: 2 }, { x0: 0, y0: 0, x1: 9, y1: 11 }], // the whole grid
];

describe('multicast', () => {
  for (const [id, src, rect] of cases) {
    it(`NoC${id} from ${key(src)} to [${key({ x: rect.x0, y: rect.y0 })}..${key({ x: rect.x1, y: rect.y1 })}]`, () => {
      const net = new Network(id, whParams());
      const rec = new Recorder(net);
      const bytes = 20000; // 3 packets
      const m = multicastTransfer(net, src, rect, bytes, 50);
      const receivers = tiles(rect).filter((c) => key(c) !== key(src));

      // Every tile of the rectangle but the source, row-major.
      expect(m.perDest.map((d) => key(d.dst))).toEqual(receivers.map(key));

      // The tree is the union of the unicast routes; each of its links carries the data once.
      const union = new Set<number>();
      for (const d of receivers) for (const l of net.route(src, d)) union.add(l.id);
      const tree = net.multicastRoute(src, rect).map((l) => l.id);
      expect(new Set(tree).size).toBe(tree.length);
      expect([...tree].sort((p, q) => p - q)).toEqual([...union].sort((p, q) => p - q));
      for (const l of net.links()) expect(l.bytes).toBe(union.has(l.id) ? bytes : 0);
      for (const id of union) expect(rec.get('link', id).map((i) => i.payload)).toEqual([8192, 8192, 3616]);

      // On an idle NoC each receiver gets its data exactly as fast as by unicast; the whole
      // multicast is done when the farthest receiver is.
      let farthest = 0;
      for (const d of m.perDest) {
        const u = net.uncontendedCycles(src, d.dst, bytes);
        expect(d.doneAt).toBe(50 + u);
        farthest = Math.max(farthest, u);
      }
      expect(m.doneAt).toBe(50 + farthest);

      // Each receiver absorbs every packet once; the source injects once.
      const ports = net.portStats();
      for (const p of ports) {
        expect(p.absorbedBytes).toBe(receivers.some((c) => key(c) === key(p.at)) ? bytes : 0);
        expect(p.injectedBytes).toBe(key(p.at) === key(src) ? bytes : 0);
      }
    });
  }

  it('competes with unicast traffic on shared links and ports, packet by packet', () => {
    const net = new Network(0, whParams());
    const src = { x: 0, y: 0 };
    const rect = { x0: 2, y0: 0, x1: 3, y1: 3 };
    // 8 packets from (1,0) take (1,0)→(2,0) first; the multicast's one packet reaches that link
    // from the west 9 cycles later and gets the next turn, after one unicast packet.
    const train = issue(net, { x: 1, y: 0 }, { x: 3, y: 3 }, 65536, 0);
    const m = issueMulticast(net, src, rect, 8192, 0);
    net.advance(Infinity);
    const idle = multicastTransfer(new Network(0, whParams()), src, rect, 8192, 0);
    expect(m.result!.doneAt).toBeGreaterThan(idle.doneAt + 200);
    expect(m.result!.doneAt).toBeLessThan(idle.doneAt + 2 * 257);
    for (const [i, d] of m.result!.perDest.entries()) expect(d.doneAt).toBeGreaterThanOrEqual(idle.perDest[i].doneAt);
    expect(train.result!.doneAt).toBe(5 + 5 * 9 + 5 + 9 * 257); // 8 packets and the one turn it lost
  });

  it('is absorbed only by the receiving tiles; the others of the rectangle pass it on', () => {
    const net = new Network(0, whParams());
    const rec = new Recorder(net);
    // Column x=5 (DRAM tiles on Wormhole) inside a row's rectangle takes nothing in.
    const cores = [1, 2, 3, 4, 6, 7, 8, 9].map((x) => ({ x, y: 2 }));
    net.setMulticastReceivers(cores);
    const m = multicastTransfer(net, { x: 1, y: 2 }, { x0: 1, y0: 2, x1: 9, y1: 2 }, 2048, 0);
    expect(m.perDest.map((d) => d.dst.x)).toEqual([2, 3, 4, 6, 7, 8, 9]);
    expect(rec.get('absorb', 2 * 10 + 5)).toEqual([]);
    expect(rec.get('link', (2 * 10 + 5) * 2).map((i) => i.payload)).toEqual([2048]); // (5,2)→(6,2) still carries it
    const idle = new Network(0, whParams());
    expect(m.perDest.find((d) => d.dst.x === 9)!.doneAt).toBe(idle.uncontendedCycles({ x: 1, y: 2 }, { x: 9, y: 2 }, 2048));
  });

  it('accepts swapped corners and skips an empty receiver set', () => {
    const net = new Network(1, whParams());
    const a = multicastTransfer(net, { x: 0, y: 0 }, { x0: 4, y0: 5, x1: 2, y1: 3 }, 2048, 0);
    expect(a.perDest.map((d) => key(d.dst))).toEqual(tiles({ x0: 2, y0: 3, x1: 4, y1: 5 }).map(key));
    const b = multicastTransfer(net, { x: 6, y: 6 }, { x0: 6, y0: 6, x1: 6, y1: 6 }, 2048, 1000);
    expect(b).toEqual({ doneAt: 1000, sentAt: 1000, perDest: [] });
    expect(() => net.multicast({ x: 0, y: 0 }, { x0: 0, y0: 0, x1: 10, y1: 0 }, 8, 1000, () => {}, () => {})).toThrow(/outside/);
  });
});
