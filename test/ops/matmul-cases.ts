// Shared by the matmul op's tests: seeded tensors on a device, the op, and its largest error
// against float64 (a·b + bias, then the activation), relative to Σ|a·b| + |bias| of each output.
import type { GridSize } from '../../sim/arch/types.ts';
import type { DataFormat } from '../../sim/compute/formats.ts';
import { Device, type Mode } from '../../sim/host/device.ts';
import { matmul, matmulRunOf, type MatmulOpOptions, type MatmulRun } from '../../sim/ops/matmul/index.ts';
import { activationReference } from '../../sim/ops/matmul/reference.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice, type MemoryConfig } from '../../sim/tensor/index.ts';

export interface Case {
  a: number[]; // shape of A, [.., M, K]
  b: number[]; // shape of B, [K, N] or [batch, K, N]
  grid: GridSize;
  mode?: Mode;
  aDtype?: DataFormat;
  bDtype?: DataFormat;
  bMemory?: MemoryConfig;
  bias?: boolean;
  op?: Omit<MatmulOpOptions, 'bias'>;
  arch?: string;
}

export interface CaseResult {
  run: MatmulRun;
  error?: number; // functional mode
  shape: readonly number[];
}

export function runCase(c: Case): CaseResult {
  const mode = c.mode ?? 'functional';
  const device = new Device({ arch: c.arch ?? 'wormhole_n150', grid: c.grid, mode });
  const rand = mulberry32(7);
  const count = (shape: number[]) => shape.reduce((p, d) => p * d, 1);
  const values = (n: number) => (mode === 'functional' ? Float32Array.from({ length: n }, () => rand() * 2 - 1) : undefined);
  const [K, N] = c.b.slice(-2);
  const [av, bv, biasv] = [values(count(c.a)), values(count(c.b)), c.bias ? values(N) : undefined];
  const a = toDevice(device, av, c.a, c.aDtype ?? 'bf16', DRAM_INTERLEAVED, 'a');
  const b = toDevice(device, bv, c.b, c.bDtype ?? 'bf16', c.bMemory ?? DRAM_INTERLEAVED, 'b');
  const bias = c.bias ? toDevice(device, biasv, [1, N], 'bf16', DRAM_INTERLEAVED, 'bias') : undefined;
  const out = matmul(a, b, { ...c.op, bias });
  const result = { run: matmulRunOf(out)!, shape: out.shape };
  if (!av || !bv) return result;
  const got = fromDevice(out);
  const M = c.a[c.a.length - 2];
  const batches = count(c.a) / (M * K);
  const bBatched = c.b.length > 2 && count(c.b) > K * N;
  let error = 0;
  for (let t = 0; t < batches; t++) {
    const bOff = bBatched ? t * K * N : 0;
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let sum = biasv?.[j] ?? 0;
        let magnitude = Math.abs(sum);
        for (let k = 0; k < K; k++) {
          const p = av[(t * M + i) * K + k] * bv[bOff + k * N + j];
          sum += p;
          magnitude += Math.abs(p);
        }
        const want = c.op?.activation ? activationReference(c.op.activation, sum) : sum;
        error = Math.max(error, Math.abs(got[(t * M + i) * N + j] - want) / magnitude);
      }
    }
  }
  return { ...result, error };
}

// bf16 inputs and output each round by up to 2^-9 relative, and the partial sums between K blocks
// by as much again: within 2^-7 of Σ|a·b|.
export const BF16_TOLERANCE = 2 ** -7;
