// The default preset's name and the "RxC" grid text, apart from the preset table so that the
// command line can declare its options without loading every preset.
import { MAX_GRID } from './schema.ts';
import type { GridSize } from './types.ts';

export const DEFAULT_ARCH = 'wormhole_n150';

// "RxC": rows × columns of Tensix, e.g. "8x8" or "10x13"; or why the text is not a grid.
export function readGrid(text: string): GridSize | string {
  const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(text);
  if (!m) return `expected ROWSxCOLS such as 8x8, got ${JSON.stringify(text)}`;
  const rows = Number(m[1]);
  const cols = Number(m[2]);
  if (rows < 1 || cols < 1) return `expected at least 1 row and 1 column, got ${JSON.stringify(text)}`;
  if (rows > MAX_GRID || cols > MAX_GRID) return `expected at most ${MAX_GRID} rows and columns, got ${JSON.stringify(text)}`;
  return { rows, cols };
}
