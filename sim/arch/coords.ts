// Small helpers for writing and reading tile coordinates.
import type { Coord } from './types.ts';

export function xy(x: number, y: number): Coord {
  return { x, y };
}

// Inclusive integer range: range(1, 4) = [1, 2, 3, 4].
export function range(first: number, last: number): number[] {
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(i);
  return out;
}

// Every (x, y) with x in xs and y in ys, row-major (y then x).
export function cross(xs: number[], ys: number[]): Coord[] {
  const out: Coord[] = [];
  for (const y of [...ys].sort((a, b) => a - b)) for (const x of [...xs].sort((a, b) => a - b)) out.push({ x, y });
  return out;
}

// Tiles written the way SoC descriptors write them: "0-11" is x=0, y=11.
export function tiles(...names: string[]): Coord[] {
  return names.map((n) => {
    const m = /^(\d+)-(\d+)$/.exec(n);
    if (!m) throw new Error(`bad tile name ${n}`);
    return { x: Number(m[1]), y: Number(m[2]) };
  });
}

export function fmtCoord(c: Coord): string {
  return `(${c.x},${c.y})`;
}

export function coordKey(c: Coord): string {
  return `${c.x},${c.y}`;
}

export function byRowMajor(a: Coord, b: Coord): number {
  return a.y - b.y || a.x - b.x;
}

// How reports name a core: its logical column,row and its NoC0 tile, 'core (1,0) [noc 2,1]'.
export function coreName(logical: Coord, noc: Coord): string {
  return `core (${logical.x},${logical.y}) [noc ${noc.x},${noc.y}]`;
}
