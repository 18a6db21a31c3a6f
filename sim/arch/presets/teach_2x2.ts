// Teaching preset, 2x2 Tensix on a 3x3 grid: invented round numbers, not hardware (see ./teach.ts).
import { teachPreset } from './teach.ts';

export const teach_2x2 = teachPreset(2);
