// How many grid rows and columns of per-core blocks a matmul takes, or why they do not fit.
import { badInput } from '../../errors.ts';
import type { Blocks, MatmulSetup } from './blocks.ts';

export function blockGrid(s: MatmulSetup, bl: Blocks): { rows: number; cols: number } {
  const [rows, cols] = [Math.ceil(s.Mt / bl.perCoreM), Math.ceil(s.Nt / bl.perCoreN)];
  const grid = s.device.grid;
  if (rows > grid.rows || cols > grid.cols) {
    throw badInput(`matmul ${s.strategy}: blocks of ${bl.perCoreM}×${bl.perCoreN} tiles of the ${s.Mt}×${s.Nt}-tile output need ${rows}×${cols} cores, the grid is ${grid.rows}×${grid.cols}`);
  }
  return { rows, cols };
}

// A 1-D line of `count` cores, row-major over the grid, and the rectangle that holds them.
export function lineOfCores(s: MatmulSetup, count: number): { cores: number; box: { x: number; y: number } } {
  const grid = s.device.grid;
  if (count > grid.rows * grid.cols) throw badInput(`matmul ${s.strategy}: ${count} blocks need ${count} cores, the grid has ${grid.rows * grid.cols}`);
  return { cores: count, box: { x: Math.min(count, grid.cols), y: Math.ceil(count / grid.cols) } };
}
