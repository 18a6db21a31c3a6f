// What `meshsim run --strategy auto` will cost before it runs: every candidate preset is one
// timing-mode layer, then the fastest runs in the asked mode. The layer's work is its matmuls (as
// sim/host/sim-time-estimate.ts counts one), its attention's tile products and a pass over the
// hidden states per other op; the presets split the same work, so they cost about the same.
import type { GridSize } from '../../arch/types.ts';
import type { Mode } from '../../host/device.ts';
import { aboutSeconds, addWork, LONG_RUN_SECONDS, matmulWork, simulationSeconds, type SimWork } from '../../host/sim-time-estimate.ts';
import type { ModelConfig } from '../config.ts';
import { candidatePresets, type LayerPreset, type Phase } from './plan.ts';

export interface LayerShape {
  config: ModelConfig;
  phase: Phase;
  batch: number;
  seq: number;
  kvLen: number; // decode: positions already cached
  grid: GridSize;
}

const tiles = (v: number) => Math.ceil(v / 32);
// Functional mode also checks the layer against its float64 reference (sim/models/reference/), a
// host loop over every tile product: fitted as the wall rates are (GPT-2 prefill, 128 tokens).
const REFERENCE_TILE_SECONDS = 190e-6;

export function layerWork({ config: c, phase, batch, seq, kvLen, grid }: LayerShape): SimWork {
  const m = phase === 'decode' ? batch : batch * seq;
  const mlp = c.family === 'llama' ? [[c.hidden, c.intermediate], [c.hidden, c.intermediate], [c.intermediate, c.hidden]] : [[c.hidden, c.intermediate], [c.intermediate, c.hidden]];
  const matmuls = [[c.hidden, (c.heads + 2 * c.kvHeads) * c.headDim], [c.heads * c.headDim, c.hidden], ...mlp].map(([k, n]) => matmulWork(m, k, n, grid));
  // Q·Kᵀ and P·V, per head: prefill over the prompt, decode over the cache for each user.
  const attention = phase === 'prefill' ? batch * c.heads * tiles(seq) ** 2 * tiles(c.headDim) * 2 : batch * c.heads * tiles(kvLen + 1) * tiles(c.headDim) * 2;
  // The layer's other programs (norms, heads split and joined, cache writes, residual adds; rotary for Llama).
  const others = c.family === 'llama' ? 11 : 8;
  const hiddenTiles = tiles(m) * tiles(c.hidden);
  const rest: SimWork = { cores: grid.rows * grid.cols, programs: 1 + others, tileEvents: 3 * attention + others * 2 * hiddenTiles, computeTiles: attention + others * hiddenTiles };
  return matmuls.reduce(addWork, rest);
}

export interface AutoPlanNote {
  candidates: LayerPreset[];
  seconds: number; // the candidates in timing mode and the chosen one in `mode`
  text: string; // the line auto prints before it starts
}

// `model`: auto chooses on one layer for a whole-model run (--layers), which then runs on its own.
// `model`: auto chooses on one layer for a whole-model run (--layers), which then runs on its own.
export function autoPlanNote(shape: LayerShape, mode: Mode, model = false): AutoPlanNote {
  const candidates = candidatePresets(shape.phase);
  const work = layerWork(shape);
  const chosen = simulationSeconds(work, mode) + (mode === 'functional' ? work.computeTiles * REFERENCE_TILE_SECONDS : 0);
  const seconds = candidates.length * simulationSeconds(work, 'timing') + (model ? 0 : chosen);
  const then = model ? ' on one layer, to choose the model\'s preset' : `, then the fastest in ${mode} mode`;
  const long = seconds > LONG_RUN_SECONDS ? '; give --strategy to run one' : '';
  return { candidates, seconds, text: `meshsim: --strategy auto will simulate ${candidates.length} presets (${candidates.join(', ')}) in timing mode${then}: ${aboutSeconds(seconds)}${long}` };
}
