// Float64 reference of the embedding lookup, a plain function of values (no device).

// Row ids[i] of the row-major vocab × hidden table, for each id in order: ids.length × hidden.
export function embeddingReference(table: ArrayLike<number>, vocab: number, hidden: number, ids: ArrayLike<number>): Float64Array {
  if (table.length !== vocab * hidden) throw new Error(`embedding reference: a table of ${table.length} values is not ${vocab} × ${hidden}`);
  const out = new Float64Array(ids.length * hidden);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (!(Number.isInteger(id) && id >= 0 && id < vocab)) throw new Error(`embedding reference: token id ${id} at ${i} is outside the vocabulary of ${vocab}`);
    for (let c = 0; c < hidden; c++) out[i * hidden + c] = table[id * hidden + c];
  }
  return out;
}
