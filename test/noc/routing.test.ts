import { describe, expect, it } from 'vitest';
import { Network, type Coord, type LinkRef } from '../../sim/noc/network.ts';
import { whParams } from './support.ts';

const W = 10;
const H = 12;
const mod = (v: number, n: number) => ((v % n) + n) % n;
const path = (src: Coord, links: LinkRef[]) => [src, ...links.map((l) => l.to)].map((c) => `${c.x},${c.y}`);

describe('routes on a 10×12 torus', () => {
  const noc0 = new Network(0, whParams());
  const noc1 = new Network(1, whParams());

  it('NoC0 goes east then south, NoC1 north then west', () => {
    const r0 = noc0.route({ x: 1, y: 2 }, { x: 4, y: 7 });
    expect(r0.map((l) => l.dir).join('')).toBe('EEESSSSS');
    expect(path({ x: 1, y: 2 }, r0)).toEqual(['1,2', '2,2', '3,2', '4,2', '4,3', '4,4', '4,5', '4,6', '4,7']);
    const r1 = noc1.route({ x: 4, y: 7 }, { x: 1, y: 2 });
    expect(r1.map((l) => l.dir).join('')).toBe('NNNNNWWW');
    expect(path({ x: 4, y: 7 }, r1)).toEqual(['4,7', '4,6', '4,5', '4,4', '4,3', '4,2', '3,2', '2,2', '1,2']);
  });

  it('wraps around both edges', () => {
    const r0 = noc0.route({ x: 8, y: 10 }, { x: 1, y: 1 });
    expect(path({ x: 8, y: 10 }, r0)).toEqual(['8,10', '9,10', '0,10', '1,10', '1,11', '1,0', '1,1']);
    const r1 = noc1.route({ x: 1, y: 1 }, { x: 8, y: 10 });
    expect(path({ x: 1, y: 1 }, r1)).toEqual(['1,1', '1,0', '1,11', '1,10', '0,10', '9,10', '8,10']);
    // One step "backwards" is almost a full lap.
    expect(noc0.route({ x: 3, y: 0 }, { x: 2, y: 0 })).toHaveLength(W - 1);
    expect(noc1.route({ x: 0, y: 2 }, { x: 0, y: 3 })).toHaveLength(H - 1);
  });

  it('every pair: tt-npe hop count, connected path ending at dst, one turn at most, right directions', () => {
    const bad: string[] = [];
    for (const net of [noc0, noc1]) {
      const shape = net.id === 0 ? /^E*S*$/ : /^N*W*$/;
      for (let s = 0; s < W * H; s++) {
        for (let d = 0; d < W * H; d++) {
          const src = { x: s % W, y: Math.floor(s / W) };
          const dst = { x: d % W, y: Math.floor(d / W) };
          const r = net.route(src, dst);
          const hops =
            net.id === 0 ? mod(dst.x - src.x, W) + mod(dst.y - src.y, H) : mod(src.x - dst.x, W) + mod(src.y - dst.y, H);
          let at = src;
          let connected = true;
          for (const l of r) {
            if (l.from.x !== at.x || l.from.y !== at.y) connected = false;
            at = l.to;
          }
          const ok =
            r.length === hops &&
            net.hops(src, dst) === hops &&
            connected &&
            at.x === dst.x &&
            at.y === dst.y &&
            shape.test(r.map((l) => l.dir).join(''));
          if (!ok) bad.push(`NoC${net.id} ${s}->${d}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('NoC1 from b to a retraces NoC0 from a to b', () => {
    for (const [a, b] of [
      [{ x: 0, y: 0 }, { x: 9, y: 11 }],
      [{ x: 7, y: 3 }, { x: 2, y: 9 }],
      [{ x: 5, y: 5 }, { x: 5, y: 4 }],
    ]) {
      expect(path(b, noc1.route(b, a)).reverse()).toEqual(path(a, noc0.route(a, b)));
    }
  });

  it('a tile to itself has no links', () => {
    expect(noc0.route({ x: 3, y: 3 }, { x: 3, y: 3 })).toEqual([]);
    expect(noc1.route({ x: 3, y: 3 }, { x: 3, y: 3 })).toEqual([]);
  });

  it('link ids are (y*W + x)*2 + axis', () => {
    const [l] = noc0.route({ x: 3, y: 5 }, { x: 4, y: 5 });
    expect(l.id).toBe((5 * W + 3) * 2);
    const [m] = noc1.route({ x: 3, y: 5 }, { x: 3, y: 4 });
    expect(m.id).toBe((5 * W + 3) * 2 + 1);
    expect(m.dir).toBe('N');
  });

  it('rejects coordinates outside the grid', () => {
    expect(() => noc0.route({ x: 10, y: 0 }, { x: 0, y: 0 })).toThrow(/outside/);
    expect(() => noc0.unicast({ x: 0, y: 0 }, { x: 0, y: 12 }, 8, 0, null)).toThrow(/outside/);
  });
});
