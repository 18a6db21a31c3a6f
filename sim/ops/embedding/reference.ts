// Float64 reference of an embedding lookup: row ids[i] of a row-major [vocab, hidden] table.
import { badInput } from '../../errors.ts';

export function embeddingReference(table: ArrayLike<number>, vocab: number, hidden: number, ids: ArrayLike<number>): Float64Array {
  if (table.length !== vocab * hidden) throw new Error(`embeddingReference: table has ${table.length} values, expected ${vocab}×${hidden}`);
  const y = new Float64Array(ids.length * hidden);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocab) throw badInput(`token id ${id} (at ${i}) is outside the vocabulary 0..${vocab - 1}`);
    for (let c = 0; c < hidden; c++) y[i * hidden + c] = table[id * hidden + c];
  }
  return y;
}
