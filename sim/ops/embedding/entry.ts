// `meshsim op embedding` on a seeded table and seeded token ids, checked against
// embeddingReference (exact: only bf16 values move); shape vocab×hidden×tokens.
import { mulberry32 } from '../../random.ts';
import { fromDevice } from '../../tensor/host.ts';
import { compare, expectShape, seededTensor, strategyOf, type OpEntry } from '../op-entry.ts';
import { embedding } from './index.ts';
import { embeddingReference } from './reference.ts';

export const EMBEDDING_ENTRY: OpEntry = {
  name: 'embedding',
  strategies: ['rows'],
  describe: 'rows of a [V, H] table for each token id → [1, tokens, H]; shape vocab×hidden×tokens',
  prefillShape: [50257, 768, 128], // GPT-2's token table, 128 tokens
  run(device, shape, o) {
    expectShape(this.name, shape, 3, 'vocab×hidden×tokens');
    strategyOf(this, o.strategy);
    const [V, H, n] = shape;
    const rand = mulberry32((o.seed * 1009 + 2) >>> 0);
    const ids = Array.from({ length: n }, () => Math.floor(rand() * V));
    const table = seededTensor(device, [V, H], o, 1, 'embedding table');
    const output = embedding(table, ids);
    if (device.mode !== 'functional') return { output };
    return { output, check: compare(fromDevice(output), embeddingReference(fromDevice(table), V, H, ids), { rel: 0, abs: 0 }) };
  },
};
