// What attention's inputs must be and the tile sizes both program factories work with.
import { TILE_DIM } from '../../compute/formats.ts';
import { badInput } from '../../errors.ts';
import type { Tensor } from '../../tensor/tensor.ts';

// Dst holds 8 bf16 tiles a half; one output row (headDim / 32 tiles) is accumulated there.
export const MAX_HEAD_DIM = 8 * TILE_DIM;

export interface AttentionDims {
  batch: number;
  heads: number;
  kvHeads: number;
  seq: number;
  headDim: number;
  St: number; // sequence in tiles
  Dt: number; // headDim in tiles
  validCols: number; // columns of the last key tile inside the sequence (32: all)
}

// q [B, H, S, D], k and v [B, KV, S, D], bf16 in DRAM interleaved on one device.
export function attentionDims(q: Tensor, k: Tensor, v: Tensor): AttentionDims {
  for (const [name, t] of [['q', q], ['k', k], ['v', v]] as const) {
    if (t.shape.length !== 4) throw badInput(`attention: ${name} has shape [${t.shape.join(', ')}], expected 4 dims [batch, heads, seq, headDim]`);
    if (t.dtype !== 'bf16') throw badInput(`attention: ${name} is ${t.dtype}, expected bf16`);
    if (t.memory.kind !== 'dram-interleaved') throw badInput(`attention: ${name} is not DRAM interleaved, expected DRAM interleaved`);
    if (t.device !== q.device) throw badInput(`attention: ${name} is on another device than q`);
  }
  const [batch, heads, seq, headDim] = q.shape;
  const kvHeads = k.shape[1];
  const kvShape = [batch, kvHeads, seq, headDim];
  for (const [name, t] of [['k', k], ['v', v]] as const) {
    if (t.shape.some((d, i) => d !== kvShape[i])) throw badInput(`attention: ${name} has shape [${t.shape.join(', ')}], expected [${kvShape.join(', ')}] (q's batch, seq and headDim)`);
  }
  if (heads % kvHeads !== 0) throw badInput(`attention: k has ${kvHeads} kv heads, expected a divisor of q's ${heads} heads`);
  if (headDim % TILE_DIM !== 0 || headDim > MAX_HEAD_DIM) throw badInput(`attention: headDim ${headDim}, expected a multiple of ${TILE_DIM} up to ${MAX_HEAD_DIM}`);
  const St = Math.ceil(seq / TILE_DIM);
  return { batch, heads, kvHeads, seq, headDim, St, Dt: headDim / TILE_DIM, validCols: seq - (St - 1) * TILE_DIM };
}

// Multiply-adds of Q·Kᵀ and P·V over the (query, key) pairs each query sees, twice for flops.
export function attentionFlops(d: AttentionDims, causal: boolean): number {
  const pairs = causal ? (d.seq * (d.seq + 1)) / 2 : d.seq * d.seq;
  return 4 * d.batch * d.heads * pairs * d.headDim;
}
