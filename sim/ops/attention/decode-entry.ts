// `meshsim op attention_decode`: decode attention on seeded inputs (uniform in [-1, 1)). The shape
// is users×heads×kvHeads×length×headDim: q [1, users, heads, headDim] against caches of `length`
// positions, scale 1/√headDim. In functional mode the output is checked against the float64 reference.
import type { Device } from '../../host/device.ts';
import { badInput } from '../../errors.ts';
import { mulberry32 } from '../../random.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice } from '../../tensor/index.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { attentionDecode, DECODE_STRATEGIES } from './decode.ts';
import { attentionDecodeReference } from './decode-reference.ts';

// bf16 values carry 8-bit significands and HiFi2 multiplies keep 7 bits of the broadcast operand
// (the 1/l and exp(m - m_new) factors): outputs are good to a few 2^-8 of their largest value.
export const DECODE_TOLERANCE = 6 * 2 ** -8;

export interface DecodeCheck {
  maxAbsError: number;
  maxRelError: number; // against the output's largest value
  passed: boolean;
}

export const attentionDecodeEntry = {
  name: 'attention_decode',
  strategies: [...DECODE_STRATEGIES] as string[],
  describe: 'decode attention of one query row per user and head against a KV cache, split along the cache (split-L) or not (single); shape users×heads×kvHeads×length×headDim',
  run(device: Device, shape: readonly number[], o: { strategy?: string; seed?: number } = {}): { output: Tensor; check?: DecodeCheck } {
    if (shape.length !== 5) throw badInput(`attention_decode: shape ${shape.join('×')}: expected users×heads×kvHeads×length×headDim`);
    const [users, heads, kvHeads, length, headDim] = shape;
    const rand = mulberry32(o.seed ?? 1);
    const functional = device.mode === 'functional';
    const seeded = (dims: number[], name: string) => {
      const values = functional ? Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => rand() * 2 - 1) : undefined;
      return { values, tensor: toDevice(device, values, dims, 'bf16', DRAM_INTERLEAVED, name) };
    };
    const q = seeded([1, users, heads, headDim], 'attention_decode q');
    const k = seeded([users, kvHeads, length, headDim], 'k cache');
    const v = seeded([users, kvHeads, length, headDim], 'v cache');
    const scale = 1 / Math.sqrt(headDim);
    const output = attentionDecode(q.tensor, k.tensor, v.tensor, { length, scale, strategy: o.strategy });
    if (!functional) return { output };
    const want = attentionDecodeReference(q.values!, k.values!, v.values!, { users, heads, kvHeads, headDim, maxLength: length, length, scale });
    const got = fromDevice(output);
    const size = Math.max(...want.map(Math.abs));
    const maxAbsError = Math.max(...want.map((w, i) => Math.abs(w - got[i])));
    return { output, check: { maxAbsError, maxRelError: maxAbsError / size, passed: maxAbsError <= DECODE_TOLERANCE * size } };
  },
};
