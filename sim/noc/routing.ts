// Routes: dimension-ordered unicast paths and rectangular multicast trees.
//
// NoC0 unicast travels east as needed, turns at most once, then south (X then Y); NoC1 travels north
// first, then west (Y then X) ([ISA-WH] NoC/RoutingPaths.md). Hop count as in tt-npe route_hops:
// NoC0 (dx−sx) mod W + (dy−sy) mod H, NoC1 (sx−dx) mod W + (sy−dy) mod H ([NPE] wormhole_b0.hpp).
// A multicast tree is the union of the unicast routes to every receiver: a trunk along the first
// axis on the source's row (NoC0) or column (NoC1), then one branch along the second axis at each
// trunk position inside the rectangle ([ISA-WH] NoC/README.md "broadcast to a rectangle";
// RoutingPaths.md X-major / Y-major trees).
import type { NocId } from './params.ts';
import { AXIS_X, AXIS_Y, type Axis, type Coord, type LinkRef, type Torus } from './topology.ts';

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The axis a route travels first: X on NoC0, Y on NoC1. */
export function firstAxis(noc: NocId): Axis {
  return noc === 0 ? AXIS_X : AXIS_Y;
}

export function hopCount(t: Torus, src: Coord, dst: Coord): number {
  return t.distance(src.x, dst.x, t.width) + t.distance(src.y, dst.y, t.height);
}

/** The links of the unicast route, in the order the packet crosses them. */
export function route(t: Torus, first: Axis, src: Coord, dst: Coord): LinkRef[] {
  const out: LinkRef[] = [];
  let x = src.x;
  let y = src.y;
  for (let pass = 0; pass < 2; pass++) {
    if ((pass === 0) === (first === AXIS_X)) {
      for (let n = t.distance(x, dst.x, t.width); n > 0; n--) {
        out.push(t.link(t.linkId(x, y, AXIS_X)));
        x = t.step(x, t.width);
      }
    } else {
      for (let n = t.distance(y, dst.y, t.height); n > 0; n--) {
        out.push(t.link(t.linkId(x, y, AXIS_Y)));
        y = t.step(y, t.height);
      }
    }
  }
  return out;
}

/** Corners in either order (NoC1 multicast passes start/end swapped, [ISA-WH] NoC/Coordinates.md). */
export function normalizeRect(r: Rect): Rect {
  return { x0: Math.min(r.x0, r.x1), y0: Math.min(r.y0, r.y1), x1: Math.max(r.x0, r.x1), y1: Math.max(r.y0, r.y1) };
}

/** How far a multicast tree reaches: enough to forward packets down it (network.ts). */
export interface MulticastExtent {
  first: Axis;
  /** Links along the first axis from the source: to the farthest trunk position inside the rectangle. */
  trunkLength: number;
  /** Links along the second axis in every branch (the farthest receiver row/column). */
  branchLength: number;
  /** Range of the rectangle along the first axis, inclusive. */
  firstLo: number;
  firstHi: number;
  /** Range of the rectangle along the second axis, inclusive. */
  lo: number;
  hi: number;
}

export interface MulticastTree extends MulticastExtent {
  /** Trunk positions (hops from the source, ascending) whose first-axis coordinate lies in the rectangle. */
  branchOffsets: number[];
}

export function multicastExtent(t: Torus, first: Axis, src: Coord, rect: Rect): MulticastExtent {
  const alongX = first === AXIS_X;
  const x0 = Math.min(rect.x0, rect.x1);
  const x1 = Math.max(rect.x0, rect.x1);
  const y0 = Math.min(rect.y0, rect.y1);
  const y1 = Math.max(rect.y0, rect.y1);
  const s1 = alongX ? src.x : src.y;
  const n1 = alongX ? t.width : t.height;
  const a0 = alongX ? x0 : y0;
  const a1 = alongX ? x1 : y1;
  const s2 = alongX ? src.y : src.x;
  const n2 = alongX ? t.height : t.width;
  const b0 = alongX ? y0 : x0;
  const b1 = alongX ? y1 : x1;
  let trunkLength = 0;
  for (let a = a0; a <= a1; a++) trunkLength = Math.max(trunkLength, t.distance(s1, a, n1));
  let branchLength = 0;
  for (let b = b0; b <= b1; b++) branchLength = Math.max(branchLength, t.distance(s2, b, n2));
  return { first, trunkLength, branchLength, firstLo: a0, firstHi: a1, lo: b0, hi: b1 };
}

export function multicastTree(t: Torus, first: Axis, src: Coord, rect: Rect): MulticastTree {
  const extent = multicastExtent(t, first, src, rect);
  const s1 = first === AXIS_X ? src.x : src.y;
  const n1 = first === AXIS_X ? t.width : t.height;
  const branchOffsets: number[] = [];
  for (let a = extent.firstLo; a <= extent.firstHi; a++) branchOffsets.push(t.distance(s1, a, n1));
  branchOffsets.sort((p, q) => p - q);
  return { ...extent, branchOffsets };
}

/** Every link of a multicast tree, trunk first, each once. */
export function treeLinks(t: Torus, tree: MulticastTree, src: Coord): LinkRef[] {
  const out: LinkRef[] = [];
  const second: Axis = tree.first === AXIS_X ? AXIS_Y : AXIS_X;
  let x = src.x;
  let y = src.y;
  const advance = (axis: Axis) => {
    out.push(t.link(t.linkId(x, y, axis)));
    if (axis === AXIS_X) x = t.step(x, t.width);
    else y = t.step(y, t.height);
  };
  const trunk: Coord[] = [{ x, y }];
  for (let k = 0; k < tree.trunkLength; k++) {
    advance(tree.first);
    trunk.push({ x, y });
  }
  for (const k of tree.branchOffsets) {
    x = trunk[k].x;
    y = trunk[k].y;
    for (let m = 0; m < tree.branchLength; m++) advance(second);
  }
  return out;
}
