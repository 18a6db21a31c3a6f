// What the compute kernel of an eltwise program does to each tile: the kernel and its runtime
// args for a core with `tiles` tiles (kernels/compute/eltwise_binary.c, eltwise_sfpu.c).
import { BINARY_OPS, BROADCASTS, SFPU_OPS } from '../../core/mmio.ts';

export interface ComputeStep {
  kernel: string;
  args: (tiles: number) => number[];
}

export function binaryStep(op: (typeof BINARY_OPS)[number], broadcast: (typeof BROADCASTS)[number]): ComputeStep {
  return { kernel: 'compute/eltwise_binary', args: (tiles) => [BINARY_OPS.indexOf(op), BROADCASTS.indexOf(broadcast), tiles] };
}

export function sfpuStep(op: (typeof SFPU_OPS)[number]): ComputeStep {
  return { kernel: 'compute/eltwise_sfpu', args: (tiles) => [SFPU_OPS.indexOf(op), tiles, 0] };
}
