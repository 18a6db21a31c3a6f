// `meshsim op rotary` on a seeded x, checked against rotaryReference: shape batch×heads×seq×headDim,
// with Llama 3.2's rotary (θ 500000, llama3 frequency scaling) since GPT-2 has none. Strategy
// prefill: row s of every head matrix at position s; decode: the batch·seq rows are users of one
// row each, x [1, users, heads, headDim], user u at position u.
import { fromDevice } from '../../tensor/host.ts';
import { compare, expectShape, seededTensor, strategyOf, type OpEntry } from '../op-entry.ts';
import { ropeTableTensors, rotary, rotaryDecode } from './index.ts';
import { rotaryReference, type Llama3RopeScaling } from './reference.ts';

// Llama-3.2-1B's config.json.
const THETA = 500000;
const LLAMA3: Llama3RopeScaling = { factor: 32, low_freq_factor: 1, high_freq_factor: 4, original_max_position_embeddings: 8192 };
// bf16: each product and the sum round once (2^-8 relative each) and |x|, |cos|, |sin| ≤ 1
// (test/ops/rotary.test.ts).
const TOLERANCE = { rel: 0, abs: 3 / 256 };

export const ROTARY_ENTRY: OpEntry = {
  name: 'rotary',
  strategies: ['prefill', 'decode'],
  describe: "x·cos + rotate_half(x)·sin (NeoX halves, Llama 3.2's θ and scaling); shape batch×heads×seq×headDim",
  prefillShape: [1, 32, 128, 64], // Llama-3.2-1B's query heads at seq 128
  run(device, shape, o) {
    expectShape(this.name, shape, 4, 'batch×heads×seq×headDim');
    const decode = strategyOf(this, o.strategy) === 'decode';
    const [B, H, S, D] = shape;
    const positions = Array.from({ length: decode ? B * S : S }, (_, i) => i);
    const { cos, sin } = ropeTableTensors(device, D, positions, THETA, LLAMA3);
    const x = seededTensor(device, decode ? [1, B * S, H, D] : [B, H, S, D], o, 1, 'rotary x');
    const output = (decode ? rotaryDecode : rotary)(x, cos, sin);
    if (device.mode !== 'functional') return { output };
    // Row r of x (a head row) takes table row S-position r % S (prefill) or user ⌊r / H⌋ (decode).
    const [cosv, sinv] = [fromDevice(cos), fromDevice(sin)];
    const rows = B * H * S;
    const tableRow = (r: number) => (decode ? Math.floor(r / H) : r % S);
    const expand = (t: Float32Array) => Float32Array.from({ length: rows * D }, (_, i) => t[tableRow(Math.floor(i / D)) * D + (i % D)]);
    const want = rotaryReference(fromDevice(x), rows, D, expand(cosv), expand(sinv));
    return { output, check: compare(fromDevice(output), want, TOLERANCE) };
  },
};
