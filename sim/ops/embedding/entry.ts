// `meshsim op embedding` on a seeded table and seeded token ids, checked against
// embeddingReference (exact: only bf16 values move); shape vocab×hidden×tokens.
import { mulberry32 } from '../../random.ts';
import { tilize, untilize } from '../../compute/formats.ts';
import { fromDevice, toDevice } from '../../tensor/host.ts';
import { DRAM_INTERLEAVED } from '../../tensor/memory-config.ts';
import { compare, expectShape, seededTensor, seededValues, strategyOf, type OpEntry } from '../op-entry.ts';
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
    if (device.mode !== 'functional') return { output: embedding(seededTensor(device, [V, H], o, 1, 'embedding table'), ids) };
    const values = seededValues([V, H], o, 1);
    const output = embedding(toDevice(device, values, [V, H], 'bf16', DRAM_INTERLEAVED, 'embedding table'), ids);
    // The reference reads the table as the device holds it (bf16), rounded by the same codec, for
    // the looked-up rows only: a vocabulary's table is not read back whole.
    const rows = new Float32Array(n * H);
    ids.forEach((id, i) => rows.set(values.subarray(id * H, (id + 1) * H), i * H));
    const stored = untilize(tilize(rows, n, H, 'bf16'), n, H, 'bf16');
    return { output, check: compare(fromDevice(output), embeddingReference(stored, n, H, ids.map((_, i) => i)), { rel: 0, abs: 0 }) };
  },
};
