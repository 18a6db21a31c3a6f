// `meshsim op matmul`: C = A @ B of seeded A [M, K] and B [K, N] (values in [-1, 1)) through each
// program factory, checked against matmulReference. Strategy dram-sharded places B width-sharded
// over the DRAM banks (a host transfer), N / banks columns a bank, as its factory wants.
import { fromDevice } from '../../tensor/host.ts';
import { DRAM_INTERLEAVED } from '../../tensor/memory-config.ts';
import { compare, expectShape, seededTensor, strategyOf, type OpEntry } from '../op-entry.ts';
import { matmul, MATMUL_STRATEGIES, type MatmulStrategy } from './index.ts';
import { matmulReference } from './reference.ts';

// Of a bound on Σ_k |a·b| (Cauchy–Schwarz: the largest row norm of A times the largest column
// norm of B): bf16 inputs and output each round by 2^-9 relative and HiFi2 (the op's default)
// drops a bit of each product's first operand.
const TOLERANCE = 2 ** -6;

function largestNorm(values: Float32Array, count: number, length: number, at: (i: number, j: number) => number): number {
  let max = 0;
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let j = 0; j < length; j++) sum += values[at(i, j)] ** 2;
    max = Math.max(max, sum);
  }
  return Math.sqrt(max);
}

export const MATMUL_ENTRY: OpEntry = {
  name: 'matmul',
  strategies: MATMUL_STRATEGIES,
  describe: 'C = A @ B of seeded A and B (bf16, HiFi2); shape M×K×N',
  prefillShape: [128, 768, 3072], // GPT-2 small's MLP up-projection (c_fc) at seq 128
  run(device, shape, o) {
    expectShape(this.name, shape, 3, 'M×K×N');
    const strategy = strategyOf(this, o.strategy) as MatmulStrategy;
    const [M, K, N] = shape;
    const banks = device.dram.banks;
    const bMemory = strategy === 'dram-sharded' ? { kind: 'dram-sharded' as const, shardCols: Math.ceil(N / banks / 32) * 32 } : DRAM_INTERLEAVED;
    const a = seededTensor(device, [M, K], o, 1, 'A');
    const b = seededTensor(device, [K, N], o, 2, 'B', 1, bMemory);
    const output = matmul(a, b, { strategy });
    if (device.mode !== 'functional') return { output };
    const [av, bv] = [fromDevice(a), fromDevice(b)];
    const bound = largestNorm(av, M, K, (i, j) => i * K + j) * largestNorm(bv, N, K, (j, k) => k * N + j);
    return { output, check: compare(fromDevice(output), matmulReference(av, bv, M, K, N), { rel: 0, abs: TOLERANCE * bound }) };
  },
};
