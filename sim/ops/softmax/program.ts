// The program factory of softmax over tile rows (tt-metal's softmax multi-core program): the tile
// rows of x are split over the grid's cores (split_work_to_cores); each core reads its rows of x
// (and of the mask) from DRAM, computes the softmax of every row with a whole tile row held in L1,
// and writes its rows of the output (kernels/ops/softmax/).
import { TILE_BYTES } from '../../compute/formats.ts';
import { L1_ALLOC_BASE } from '../../core/mmio.ts';
import { badInput } from '../../errors.ts';
import { kernelImage } from '../../host/kernels.ts';
import { Program } from '../../host/program.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { splitWork } from '../work-split.ts';

export interface SoftmaxPlan {
  scaleBits: number; // f32 bits of the scale, 0 for none
  mask?: Tensor;
  maskKind: 0 | 1 | 2; // none, [rows, cols], [1, cols]
  causal: boolean;
}

// CB indices and pages, as the kernels use them. Wt-page CBs hold a whole tile row.
function circularBuffers(x: Tensor, plan: SoftmaxPlan, direct: boolean) {
  const Wt = x.layout.grid.width;
  const bf16 = (index: number, pages: number) => ({ index, pages, pageBytes: TILE_BYTES.bf16, format: 'bf16' as const });
  return [
    { index: 0, pages: Wt, pageBytes: x.layout.tileBytes, format: x.dtype },
    ...(plan.mask ? [{ index: 1, pages: Wt, pageBytes: plan.mask.layout.tileBytes, format: plan.mask.dtype }] : []),
    bf16(2, 1), // reduce scaler
    bf16(5, 3), // generated masks: causal diagonal, padding, both
    ...(plan.causal ? [bf16(6, 1)] : []), // the writer's zero tile
    bf16(16, Wt),
    ...(direct ? [] : [bf16(24, Wt), bf16(25, 2), bf16(26, 2)]),
    bf16(27, 1), // row max
    bf16(28, Wt), // exp(x − max)
    bf16(29, 1), // 1 / row sum
  ];
}

export function softmaxProgram(x: Tensor, out: Tensor, plan: SoftmaxPlan): Program {
  const device = x.device;
  const { width: Wt, rowTiles: Ht, height } = x.layout.grid;
  const padCols = x.cols % 32 || 32;
  const direct = !plan.causal && padCols === 32 && !plan.scaleBits && !plan.mask;
  const cbs = circularBuffers(x, plan, direct);
  const need = cbs.reduce((s, cb) => s + cb.pages * cb.pageBytes, 0);
  const free = device.preset.l1Bytes - L1_ALLOC_BASE;
  if (need > free) {
    const perColumnTile = cbs.filter((cb) => cb.pages === Wt).reduce((s, cb) => s + cb.pageBytes, 0);
    const most = Math.floor((free - (need - perColumnTile * Wt)) / perColumnTile) * 32;
    throw badInput(`softmax: x [${x.shape.join(', ')}]: a row of ${Wt} tiles needs ${need} bytes of L1 per core for its circular buffers and ${free} are free: expected at most ${most} columns`);
  }
  const program = new Program();
  const shares = splitWork(height, device.cores.length);
  const cores = shares.map((s) => device.cores[s.core].logical);
  for (const cb of cbs) program.createCircularBuffer(cores, cb);
  const reader = program.createKernel(kernelImage('ops/softmax/dataflow/reader_softmax', 'ncrisc'), cores, { processor: 'ncrisc' });
  const compute = program.createKernel(kernelImage('ops/softmax/compute/softmax', 'trisc'), cores, { processor: 'trisc' });
  const writer = program.createKernel(kernelImage('ops/softmax/dataflow/writer_softmax', 'brisc'), cores, { processor: 'brisc' });
  const causal = plan.causal ? 1 : 0;
  const mask = plan.mask ? [plan.mask.dram.address, plan.mask.layout.tileBytes] : [0, 0];
  shares.forEach(({ first, count }, i) => {
    program.setRuntimeArgs(reader, cores[i], [x.dram.address, x.layout.tileBytes, first, count, Wt, Ht, causal, padCols, ...mask, plan.maskKind]);
    program.setRuntimeArgs(compute, cores[i], [first, count, Wt, Ht, causal, padCols < 32 ? 1 : 0, plan.scaleBits, plan.maskKind]);
    program.setRuntimeArgs(writer, cores[i], [out.dram.address, out.layout.tileBytes, first, count, Wt, Ht, causal]);
  });
  return program;
}
