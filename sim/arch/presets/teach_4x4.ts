// Teaching preset, 4x4 Tensix on a 5x5 grid: invented round numbers, not hardware (see ./teach.ts).
import { teachPreset } from './teach.ts';

export const teach_4x4 = teachPreset(4);
