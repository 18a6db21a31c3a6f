// `meshsim op attention_decode`: decode attention on seeded inputs. The shape is
// users×heads×kvHeads×length×headDim: q [1, users, heads, headDim] against K and V caches of
// `length` positions, scale 1/√headDim, checked against attentionDecodeReference (attentionReference
// per user).
import { fromDevice } from '../../tensor/host.ts';
import { compare, expectShape, largest, seededTensor, strategyOf, type OpEntry } from '../op-entry.ts';
import { attentionDecode, DECODE_STRATEGIES } from './decode.ts';
import { attentionDecodeReference } from './decode-reference.ts';

// bf16 values carry 8-bit significands and HiFi2 multiplies keep 7 bits of the broadcast operand
// (the 1/l and exp(m - m_new) factors): outputs are good to a few 2^-8 of their largest value.
export const DECODE_TOLERANCE = 6 * 2 ** -8;

export const ATTENTION_DECODE_ENTRY: OpEntry = {
  name: 'attention_decode',
  strategies: DECODE_STRATEGIES,
  describe: 'decode attention of one query row per user and head against a KV cache, split along the cache (split-L) or not (single); shape users×heads×kvHeads×length×headDim',
  prefillShape: [1, 12, 12, 128, 64], // GPT-2 small's next token after a 128-token prefill, one user
  run(device, shape, o) {
    expectShape(this.name, shape, 5, 'users×heads×kvHeads×length×headDim');
    const strategy = strategyOf(this, o.strategy);
    const [users, heads, kvHeads, length, headDim] = shape;
    const q = seededTensor(device, [1, users, heads, headDim], o, 1, 'attention_decode q');
    const k = seededTensor(device, [users, kvHeads, length, headDim], o, 2, 'k cache');
    const v = seededTensor(device, [users, kvHeads, length, headDim], o, 3, 'v cache');
    const scale = 1 / Math.sqrt(headDim);
    const output = attentionDecode(q, k, v, { length, scale, strategy });
    if (device.mode !== 'functional') return { output };
    const want = attentionDecodeReference(fromDevice(q), fromDevice(k), fromDevice(v), { users, heads, kvHeads, headDim, maxLength: length, length, scale });
    return { output, check: compare(fromDevice(output), want, { rel: 0, abs: DECODE_TOLERANCE * largest(want) }) };
  },
};
