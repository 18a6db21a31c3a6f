// How long a run will take to simulate on this machine, from figures known before it runs: the
// cores of the grid, the programs launched on them, and the tiles they read, compute and write.
// It is a wall-time estimate for telling the user (auto's note), not a cost of the device: the
// rates were fitted to timing-mode runs on the project's 2-core machine (matmul 256³ to 2048³ on
// 4x4 and 8x8 grids, GPT-2 and Llama-3.2-1B layers, in one process after the first run), and give the order of magnitude, within about 2×.
import type { GridSize } from '../arch/types.ts';
import type { Mode } from './device.ts';

export interface SimWork {
  cores: number;
  programs: number;
  tileEvents: number; // tiles read, computed and written, over all cores
  computeTiles: number; // tile operations of the compute kernels (functional mode computes their values)
}

const CORE_SECONDS = 2.0e-3; // a core of the device: its harts, L1 and loaded kernels
const PROGRAM_CORE_SECONDS = 0.4e-3; // one program on one core: launch, kernel set-up, completion
const TILE_EVENT_SECONDS = 2.1e-6; // one tile through a CB: the kernel's loop, its NoC transfer or tile-engine step
const FUNCTIONAL_TILE_SECONDS = 16e-6; // the values of one tile operation (functional mode only)

export function simulationSeconds(w: SimWork, mode: Mode): number {
  const values = mode === 'functional' ? w.computeTiles * FUNCTIONAL_TILE_SECONDS : 0;
  return w.cores * (CORE_SECONDS + w.programs * PROGRAM_CORE_SECONDS) + w.tileEvents * TILE_EVENT_SECONDS + values;
}

// One matmul program, C[M, N] = A[M, K] B[K, N], as 2D multicast splits it: each row of cores
// reads its rows of A, each column its columns of B, every K step of every output tile computes.
export function matmulWork(m: number, k: number, n: number, grid: GridSize): SimWork {
  const [Mt, Kt, Nt] = [m, k, n].map((v) => Math.ceil(v / 32));
  const computeTiles = Mt * Nt * Kt;
  return { cores: grid.rows * grid.cols, programs: 1, tileEvents: Mt * Kt * grid.cols + Kt * Nt * grid.rows + computeTiles + Mt * Nt, computeTiles };
}

export function addWork(a: SimWork, b: SimWork): SimWork {
  return { cores: Math.max(a.cores, b.cores), programs: a.programs + b.programs, tileEvents: a.tileEvents + b.tileEvents, computeTiles: a.computeTiles + b.computeTiles };
}

// "about 4 s", "about 3 min", "about 5 h".
export function aboutSeconds(s: number): string {
  if (s < 1) return 'under a second';
  if (s < 90) return `about ${s < 10 ? s.toFixed(0) : Math.round(s / 5) * 5} s`;
  if (s < 90 * 60) return `about ${Math.round(s / 60)} min`;
  return `about ${Math.round(s / 3600)} h`;
}

// Long: past this many seconds, auto's note says so.
export const LONG_RUN_SECONDS = 10;
