// `meshsim op matmul`: a seeded a [..., M, K] @ b [K, N] of --shape [..., M, K, N], through the matmul
// op, checked in functional mode against float64 relative to Σ|a·b| (the OpEntry of sim/ops/registry.ts).
import type { DataFormat } from '../../compute/formats.ts';
import type { Device } from '../../host/device.ts';
import { badInput } from '../../errors.ts';
import { mulberry32 } from '../../random.ts';
import { DRAM_INTERLEAVED, fromDevice, toDevice, type Tensor } from '../../tensor/index.ts';
import { matmul, MATMUL_STRATEGIES, type MatmulStrategy } from './index.ts';

// bf16 inputs, partial sums and output: within 2^-7 of Σ|a·b| (test/ops/matmul-cases.ts).
const TOLERANCE = 2 ** -7;

export const MATMUL_ENTRY = {
  name: 'matmul',
  strategies: MATMUL_STRATEGIES,
  describe: 'C = A @ B of seeded A [..., M, K] and B [K, N], --shape [..., M, K, N] (GPT-2 c_attn: 1,128,768,2304)',
  prefillShape: [1, 128, 768, 2304] as readonly number[],
  run(device: Device, shape: number[], o: { strategy?: string; dtype?: DataFormat; seed: number }): { output: Tensor; check?: { maxAbsError: number; maxRelError: number; passed: boolean } } {
    if (shape.length < 3) throw badInput(`matmul: --shape [${shape.join(', ')}]: expected [..., M, K, N]`);
    const [M, K, N] = shape.slice(-3);
    const lead = shape.slice(0, -3);
    const rand = mulberry32(o.seed);
    const seeded = (count: number) => (device.mode === 'functional' ? Float32Array.from({ length: count }, () => rand() * 2 - 1) : undefined);
    const rows = lead.reduce((p, d) => p * d, 1) * M;
    const [av, bv] = [seeded(rows * K), seeded(K * N)];
    const a = toDevice(device, av, [...lead, M, K], o.dtype ?? 'bf16', DRAM_INTERLEAVED, 'a');
    const b = toDevice(device, bv, [K, N], o.dtype ?? 'bf16', DRAM_INTERLEAVED, 'b');
    const output = matmul(a, b, { strategy: o.strategy as MatmulStrategy | undefined });
    if (!av || !bv) return { output };
    const got = fromDevice(output);
    let [maxAbsError, maxRelError] = [0, 0];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < N; j++) {
        let [sum, magnitude] = [0, 0];
        for (let k = 0; k < K; k++) {
          const p = av[i * K + k] * bv[k * N + j];
          sum += p;
          magnitude += Math.abs(p);
        }
        const error = Math.abs(got[i * N + j] - sum);
        maxAbsError = Math.max(maxAbsError, error);
        maxRelError = Math.max(maxRelError, error / magnitude);
      }
    }
    return { output, check: { maxAbsError, maxRelError, passed: maxRelError <= TOLERANCE } };
  },
};
