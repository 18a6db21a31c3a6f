// softmax(scale · x + mask) over the last dim, as ttnn's softmax / scale_mask_softmax: a new bf16
// tensor named 'softmax', x left as it is. Numerically stable per row (the row max is subtracted
// before exp); columns past the tensor's width (tile padding) get zero weight.
// - scale: multiplies x before the mask is added (default 1).
// - mask: additive, [rows, cols] (the same for every matrix of a stacked x, e.g. every head) or
//   [1, cols] (one row for every row), DRAM interleaved.
// - causal: column j > row i of each matrix is masked, in-kernel: tiles wholly above the diagonal
//   are skipped (written as zeros), diagonal tiles get a mask tile the reader makes in L1.
// Strategy 'interleaved' (the only one): x and the output DRAM interleaved, tile rows over the cores.
import { badInput } from '../../errors.ts';
import { DRAM_INTERLEAVED } from '../../tensor/memory-config.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { runOp } from '../op.ts';
import { inDram, liveOn, pickStrategy, shapeText } from '../operands.ts';
import { softmaxProgram, type SoftmaxPlan } from './program.ts';

export const SOFTMAX_STRATEGIES = ['interleaved'] as const;

export interface SoftmaxOptions {
  scale?: number;
  mask?: Tensor;
  causal?: boolean;
  strategy?: string;
}

export function softmax(x: Tensor, o: SoftmaxOptions = {}): Tensor {
  const strategy = pickStrategy('softmax', SOFTMAX_STRATEGIES, o.strategy, 'interleaved');
  liveOn(x.device, 'softmax', 'x', x);
  inDram('softmax', 'x', x);
  const scale = o.scale ?? 1;
  if (!Number.isFinite(scale)) throw badInput(`softmax: scale ${scale}: expected a finite number`);
  const plan: SoftmaxPlan = { scaleBits: scale === 1 ? 0 : new Uint32Array(Float32Array.of(scale).buffer)[0], maskKind: 0, causal: Boolean(o.causal) };
  if (o.mask) {
    const m = o.mask;
    liveOn(x.device, 'softmax', 'mask', m);
    inDram('softmax', 'mask', m);
    if (m.batch !== 1 || m.cols !== x.cols || (m.rows !== x.rows && m.rows !== 1)) {
      throw badInput(`softmax: mask ${shapeText(m)}: expected [${x.rows}, ${x.cols}] or [1, ${x.cols}] for x ${shapeText(x)}`);
    }
    Object.assign(plan, { mask: m, maskKind: m.rows === 1 && x.rows !== 1 ? 2 : 1 });
  }
  const out = new Tensor(x.device, x.shape, 'bf16', DRAM_INTERLEAVED, 'softmax');
  const elements = x.batch * x.rows * x.cols;
  // max, subtract, exp, sum and multiply: five operations on every value.
  let program;
  try {
    program = softmaxProgram(x, out, plan);
  } catch (e) {
    out.deallocate();
    throw e;
  }
  runOp(x.device, program, { name: 'softmax', strategy, flops: 5 * elements, output: out });
  return out;
}
