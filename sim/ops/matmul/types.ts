// The matmul op's options and program config (tt-metal's MatmulMultiCoreReuseMultiCast*ProgramConfig
// fields: in0_block_w, per_core_M/N, out_subblock_h/w, the compute grid).
import type { Fidelity } from '../../arch/types.ts';
import type { DataFormat } from '../../compute/formats.ts';
import type { MemoryConfig } from '../../tensor/memory-config.ts';
import type { Tensor } from '../../tensor/tensor.ts';

export const MATMUL_STRATEGIES = ['auto', 'dp', 'reuse', '2d-mcast', '1d-in0', '1d-in1', 'dram-sharded'] as const;
export type MatmulStrategy = (typeof MATMUL_STRATEGIES)[number];
export type ConcreteStrategy = Exclude<MatmulStrategy, 'auto'>;

export const MATMUL_ACTIVATIONS = ['gelu_new', 'gelu', 'silu', 'relu'] as const;
export type MatmulActivation = (typeof MATMUL_ACTIVATIONS)[number];

// The variants tt-metal's auto configuration picks between for DRAM-interleaved tensors.
export type MatmulVariant = '2d-mcast' | '1d-in0' | '1d-in1';

export interface MatmulProgramConfig {
  variant: MatmulVariant;
  gridX: number; // compute grid columns and rows the config may use
  gridY: number;
  in0BlockW: number; // K tiles per block
  perCoreM: number; // tiles of C per core
  perCoreN: number;
  outSubblockH: number; // tiles of C accumulated in Dst at once
  outSubblockW: number;
}

export interface MatmulOpOptions {
  bias?: Tensor; // [1, N], added to every row
  activation?: MatmulActivation;
  strategy?: MatmulStrategy;
  fidelity?: Fidelity; // default HiFi2
  fp32Acc?: boolean;
  outDtype?: DataFormat; // default bf16
  memory?: MemoryConfig; // of the output: DRAM interleaved
  config?: Partial<MatmulProgramConfig>;
}
