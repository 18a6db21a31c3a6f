// `meshsim op softmax`: attention-score softmax on a seeded x of --shape [..., rows, cols], scaled
// by 1/8 (GPT-2's 1/√64) and causal, checked against softmaxReference.
import { fromDevice } from '../../tensor/host.ts';
import { compare, seededTensor, type OpEntry } from '../op-entry.ts';
import { softmax, SOFTMAX_STRATEGIES } from './index.ts';
import { softmaxReference } from './reference.ts';

const SCALE = 0.125;
// Eight bf16 ulps of p, and 2^-12 for tiny p (the rounding of its passes: test/ops/softmax.test.ts).
const TOLERANCE = { rel: 2 ** -5, abs: 2 ** -12 };

export const SOFTMAX_ENTRY: OpEntry = {
  name: 'softmax',
  strategies: SOFTMAX_STRATEGIES,
  describe: 'causal softmax(x / 8) over the last dim of a seeded x of --shape (attention scores: heads×seq×seq)',
  prefillShape: [1, 12, 128, 128],
  run(device, shape, o) {
    const x = seededTensor(device, shape, o, 1, 'x', 8);
    const output = softmax(x, { scale: SCALE, causal: true, strategy: o.strategy });
    if (device.mode !== 'functional') return { output };
    const [rows, cols] = [output.rows, output.cols];
    const want = softmaxReference(fromDevice(x), output.batch * rows, cols, { scale: SCALE, causal: true, rowsPerMatrix: rows });
    return { output, check: compare(fromDevice(output), want, TOLERANCE) };
  },
};
