// Host memory a functional layer or whole-model run holds at its peak, estimated from the config
// and the shape before anything is allocated, so that a run too big for the machine is refused
// with the figure (sim/memory-budget.ts) instead of growing until the process dies. A timing run
// moves no values and needs none of this.
import type { ModelConfig } from '../config.ts';

export interface RunShape {
  batch: number;
  seq: number; // new positions per user
  past: number; // cached positions before them (decode)
}

// Bytes per weight value held at once: the float32 array the layer graph and the reference read,
// the checkpoint's row or the transposed copy it is loaded through (4), and the device's tiled
// copy in DRAM (at most bf16's 2).
const WEIGHT_BYTES = 4 + 4 + 2;
// Bytes per activation or cache value: the device's bf16 copy, its float32 read-back and the
// float64 reference's own.
const VALUE_BYTES = 2 + 4 + 8;

function layerParams(c: ModelConfig): number {
  const q = c.heads * c.headDim;
  const kv = c.kvHeads * c.headDim;
  const attention = c.hidden * (q + 2 * kv) + q * c.hidden;
  const mlp = (c.family === 'gpt2' ? 2 : 3) * c.hidden * c.intermediate; // fc and proj; gate, up and down
  return attention + mlp + 4 * c.hidden + 3 * c.intermediate; // norms and biases, at most
}

// A single layer's run (`--layer N`), and each layer of a whole-model run: the layer's weights, its
// activations (the widest are the MLP's and, in prefill, the attention scores of every head), and
// its KV cache before and after.
export function layerRunBytes(c: ModelConfig, s: RunShape): number {
  const rows = s.batch * s.seq;
  const positions = s.past + s.seq;
  const widest = Math.max(3 * c.hidden, 2 * c.intermediate) + 2 * c.hidden;
  const scores = s.batch * c.heads * s.seq * positions;
  const cache = 2 * s.batch * c.kvHeads * positions * c.headDim;
  return layerParams(c) * WEIGHT_BYTES + (rows * widest + scores + 2 * cache) * VALUE_BYTES;
}

// A whole-model run (`--layers`): the embedding tables (kept: a tied LM head is the token table),
// one layer at a time, and the LM head with its logits for every row.
export function modelRunBytes(c: ModelConfig, s: RunShape): number {
  const table = c.vocab * c.hidden;
  const embeddings = (table + (c.family === 'gpt2' ? c.maxPositions * c.hidden : 0)) * WEIGHT_BYTES;
  const head = c.tieWordEmbeddings ? table * (WEIGHT_BYTES - 4) : table * WEIGHT_BYTES; // tied: the transposed copy and the device's
  const logits = s.batch * s.seq * c.vocab * VALUE_BYTES;
  return embeddings + Math.max(layerRunBytes(c, s), head + logits);
}
