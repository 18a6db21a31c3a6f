// Coordinates and links of one NoC: a W×H 2D torus whose links all flow one way per axis.
//
// Both NoCs use one coordinate space (x grows east, y grows south, (0,0) top-left as on NoC0); the
// firmware's coordinate translation gives software the same view ([ISA-WH] NoC/Coordinates.md).
// NoC0 links flow east and south, NoC1 links flow west and north ([ISA-WH] NoC/RoutingPaths.md);
// each NoC is a torus, left/right and top/bottom edges connected ([ISA-WH] NoC/README.md).
//
// Each tile (router) has one outgoing link per axis on each NoC, so a link is named by the tile it
// leaves and its axis: id = (y*W + x)*2 + axis.
import type { NocId } from './params.ts';

export interface Coord {
  x: number;
  y: number;
}

export type Dir = 'E' | 'S' | 'W' | 'N';

export const AXIS_X = 0;
export const AXIS_Y = 1;
export type Axis = typeof AXIS_X | typeof AXIS_Y;

export interface LinkRef {
  readonly id: number;
  readonly from: Coord;
  readonly to: Coord;
  readonly dir: Dir;
}

export class Torus {
  /** +1: links flow towards growing x and y (NoC0); -1: towards shrinking x and y (NoC1). */
  readonly sign: 1 | -1;
  readonly nodeCount: number;
  readonly linkCount: number;
  private readonly refs: LinkRef[];

  constructor(
    readonly width: number,
    readonly height: number,
    noc: NocId,
  ) {
    this.sign = noc === 0 ? 1 : -1;
    this.nodeCount = width * height;
    this.linkCount = this.nodeCount * 2;
    this.refs = [];
    const dirs: [Dir, Dir] = noc === 0 ? ['E', 'S'] : ['W', 'N'];
    for (let id = 0; id < this.linkCount; id++) {
      const node = id >> 1;
      const axis = (id & 1) as Axis;
      const from = { x: node % width, y: Math.floor(node / width) };
      const to = axis === AXIS_X ? { x: this.step(from.x, width), y: from.y } : { x: from.x, y: this.step(from.y, height) };
      this.refs.push(Object.freeze({ id, from: Object.freeze(from), to: Object.freeze(to), dir: dirs[axis] }));
    }
  }

  node(x: number, y: number): number {
    return y * this.width + x;
  }

  linkId(x: number, y: number, axis: Axis): number {
    return (y * this.width + x) * 2 + axis;
  }

  link(id: number): LinkRef {
    return this.refs[id];
  }

  /** The next coordinate along an axis of size n in this NoC's direction of flow. */
  step(v: number, n: number): number {
    v += this.sign;
    return v === n ? 0 : v < 0 ? n - 1 : v;
  }

  /** Hops from a to b along an axis of size n, in this NoC's direction of flow (0..n-1). */
  distance(a: number, b: number, n: number): number {
    const d = this.sign > 0 ? b - a : a - b;
    return d < 0 ? d + n : d;
  }

  contains(c: Coord): boolean {
    return Number.isInteger(c.x) && Number.isInteger(c.y) && c.x >= 0 && c.y >= 0 && c.x < this.width && c.y < this.height;
  }
}
