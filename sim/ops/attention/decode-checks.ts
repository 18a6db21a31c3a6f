// What attention_decode accepts, each refusal one line naming the operand and what was expected.
import { TILE_DIM } from '../../compute/formats.ts';
import { badInput } from '../../errors.ts';
import type { Tensor } from '../../tensor/tensor.ts';

export interface DecodeShape {
  users: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  maxLength: number;
}

const OP = 'attention_decode';
// Dt tiles of O must fit a Dst half (8 tiles without fp32 accumulation).
const MAX_HEAD_DIM = 8 * TILE_DIM;

export function checkDecodeInputs(q: Tensor, k: Tensor, v: Tensor, o: { length: number; scale: number }): DecodeShape {
  const shape = (t: Tensor) => `[${t.shape.join(', ')}]`;
  for (const [name, t] of [['q', q], ['kCache', k], ['vCache', v]] as const) {
    if (!t.isAllocated) throw badInput(`${OP}: ${name} (${t.name}) has been deallocated`);
    if (t.device !== q.device) throw badInput(`${OP}: ${name} (${t.name}) is on another device than q`);
    if (t.memory.kind !== 'dram-interleaved') throw badInput(`${OP}: ${name} is ${t.where}: expected DRAM interleaved`);
    if (t.dtype !== 'bf16') throw badInput(`${OP}: ${name} is ${t.dtype}: expected bf16`);
    if (t.shape.length !== 4) throw badInput(`${OP}: ${name} has shape ${shape(t)}: expected 4 dims (${name === 'q' ? '[1, B, H, D]' : '[B, KV, Lmax, D]'})`);
  }
  const [one, users, heads, headDim] = q.shape;
  const [kUsers, kvHeads, maxLength, kDim] = k.shape;
  if (one !== 1) throw badInput(`${OP}: q has shape ${shape(q)}: expected [1, B, H, D] (one decode row per user and head)`);
  if (shape(v) !== shape(k)) throw badInput(`${OP}: vCache has shape ${shape(v)}: expected the shape of kCache ${shape(k)}`);
  if (kUsers !== users || kDim !== headDim) throw badInput(`${OP}: kCache has shape ${shape(k)}: expected [${users}, KV, Lmax, ${headDim}] for q ${shape(q)}`);
  if (headDim % TILE_DIM !== 0 || headDim > MAX_HEAD_DIM) throw badInput(`${OP}: q has head dim ${headDim}: expected a multiple of 32 up to ${MAX_HEAD_DIM}`);
  if (heads % kvHeads !== 0) throw badInput(`${OP}: kCache has ${kvHeads} kv heads: expected a divisor of q's ${heads} heads`);
  const group = heads / kvHeads;
  for (let h = 0; h < kvHeads; h++) {
    if (Math.floor((h * group) / TILE_DIM) !== Math.floor(((h + 1) * group - 1) / TILE_DIM)) {
      throw badInput(`${OP}: q has ${heads} heads over ${kvHeads} kv heads: expected each kv head's ${group} query rows within one 32-row tile`);
    }
  }
  if (!Number.isInteger(o.length) || o.length < 1 || o.length > maxLength) throw badInput(`${OP}: length ${o.length}: expected a whole number from 1 to the cache's ${maxLength} positions`);
  if (!Number.isFinite(o.scale)) throw badInput(`${OP}: scale ${o.scale}: expected a finite number`);
  return { users, heads, kvHeads, headDim, maxLength };
}
