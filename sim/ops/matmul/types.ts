// The matmul op's options; its program config is tt-metal's (sim/ops/matmul/program-config.ts).
import type { Fidelity } from '../../arch/types.ts';
import type { DataFormat } from '../../compute/formats.ts';
import type { MemoryConfig } from '../../tensor/memory-config.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import type { MatmulProgramConfig } from './program-config.ts';

export type { MatmulProgramConfig } from './program-config.ts';

export const MATMUL_STRATEGIES = ['auto', 'dp', 'reuse', '2d-mcast', '1d-in0', '1d-in1', 'dram-sharded'] as const;
export type MatmulStrategy = (typeof MATMUL_STRATEGIES)[number];
export type ConcreteStrategy = Exclude<MatmulStrategy, 'auto'>;

export const MATMUL_ACTIVATIONS = ['gelu_new', 'gelu', 'silu', 'relu'] as const;
export type MatmulActivation = (typeof MATMUL_ACTIVATIONS)[number];

export interface MatmulOpOptions {
  bias?: Tensor; // [1, N], added to every row
  activation?: MatmulActivation;
  strategy?: MatmulStrategy;
  fidelity?: Fidelity; // default HiFi2
  fp32Acc?: boolean;
  outDtype?: DataFormat; // default bf16
  memory?: MemoryConfig; // of the output: DRAM interleaved
  config?: Partial<MatmulProgramConfig>; // overrides of the chosen config (in0BlockW, perCoreM/N, outSubblockH/W)
}
