// Every kind of sweep point, by the name points carry: matmuls and transformer layers. A new kind
// is one module exporting a PointKind, added here; the engine, the journal, resume, shards, merge,
// the table, the CSV and the plot then work for it unchanged.
import { badInput } from '../errors.ts';
import { layerKind } from './layer-point.ts';
import { matmulKind } from './matmul-point.ts';
import type { PointKind } from './point.ts';

const KINDS: Record<string, PointKind<never>> = {
  matmul: matmulKind,
  layer: layerKind,
};

export function pointKind(name: string): PointKind {
  const kind = Object.hasOwn(KINDS, name) ? KINDS[name] : undefined;
  if (!kind) throw badInput(`sweep point kind "${name}": expected one of ${Object.keys(KINDS).join(', ')}`);
  return kind as unknown as PointKind;
}
