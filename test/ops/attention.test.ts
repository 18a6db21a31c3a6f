// Prefill attention on the mesh, both program factories, against the float64 reference.
import { describe, expect, it } from 'vitest';
import { Device, type Mode } from '../../sim/host/device.ts';
import { ExitCode } from '../../sim/errors.ts';
import { attention, type AttentionOptions } from '../../sim/ops/attention/index.ts';
import { attentionReference } from '../../sim/ops/attention/reference.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { mulberry32 } from '../../sim/random.ts';
import { DRAM_INTERLEAVED, fromDevice, shardedL1, toDevice } from '../../sim/tensor/index.ts';
import type { DataFormat } from '../../sim/compute/formats.ts';
import { expectMeshsimError } from '../support/errors.ts';

interface Case {
  batch: number;
  heads: number;
  kvHeads: number;
  seq: number;
  headDim: number;
}

// bf16 keeps 8 significant bits (2^-8 relative); Q·Kᵀ, P, the row sums and O are each rounded to
// bf16 and HiFi2 drops one bit of each matmul's first operand, so outputs are within a few ulps
// of the output's scale (the largest |value| of the reference).
const TOLERANCE = 0.02;

function run(c: Case, o: AttentionOptions, mode: Mode = 'functional', grid = { rows: 2, cols: 2 }) {
  const rand = mulberry32(c.seq * 31 + c.heads);
  const values = (n: number) => (mode === 'functional' ? Float32Array.from({ length: n }, () => rand() * 2 - 1) : undefined);
  const [qShape, kvShape] = [[c.batch, c.heads, c.seq, c.headDim], [c.batch, c.kvHeads, c.seq, c.headDim]];
  const [qv, kv, vv] = [values(c.batch * c.heads * c.seq * c.headDim), values(c.batch * c.kvHeads * c.seq * c.headDim), values(c.batch * c.kvHeads * c.seq * c.headDim)];
  const device = new Device({ arch: 'wormhole_n150', grid, mode });
  const q = toDevice(device, qv, qShape, 'bf16', DRAM_INTERLEAVED, 'q');
  const k = toDevice(device, kv, kvShape, 'bf16', DRAM_INTERLEAVED, 'k');
  const v = toDevice(device, vv, kvShape, 'bf16', DRAM_INTERLEAVED, 'v');
  const out = attention(q, k, v, o);
  const stats = opsRun(device)[0];
  if (mode !== 'functional') return { out, stats, error: NaN, values: undefined };
  const got = fromDevice(out);
  const ref = attentionReference(qv!, kv!, vv!, { ...c, seqKv: c.seq, scale: o.scale, causal: o.causal });
  let [error, scale] = [0, 0];
  for (let i = 0; i < ref.length; i++) {
    error = Math.max(error, Math.abs(got[i] - ref[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  return { out, stats, error: error / scale, values: got };
}

const MHA: Case = { batch: 1, heads: 2, kvHeads: 2, seq: 128, headDim: 64 };
const GQA: Case = { batch: 2, heads: 4, kvHeads: 2, seq: 80, headDim: 32 }; // 80: the last key tile is partly padding
const GPT2: Case = { batch: 1, heads: 12, kvHeads: 12, seq: 128, headDim: 64 };

for (const strategy of ['heads', 'flash'] as const) {
  describe(`attention, ${strategy}`, () => {
    for (const [name, c] of [['MHA S=128', MHA], ['GQA S=80', GQA]] as const) {
      for (const causal of [false, true]) {
        it(`${name}, ${causal ? 'causal' : 'not causal'}: matches the reference within bf16 tolerance`, () => {
          const r = run(c, { causal, scale: 1 / Math.sqrt(c.headDim), strategy });
          expect(r.out.shape).toEqual([c.batch, c.heads, c.seq, c.headDim]);
          expect(r.error).toBeLessThan(TOLERANCE);
          expect(r.stats).toMatchObject({ name: 'attention', strategy, output: 'DRAM interleaved' });
        });
      }
    }

    it('timing mode gives the cycles and counters of functional mode; the same inputs give the same bits', () => {
      const o: AttentionOptions = { causal: true, scale: 0.3, strategy };
      const [functional, again, timing] = [run(GQA, o), run(GQA, o), run(GQA, o, 'timing')];
      expect(timing.stats.summary).toEqual(functional.stats.summary);
      expect(again.values).toEqual(functional.values);
      expect(again.stats.summary.cycles).toBe(functional.stats.summary.cycles);
    });
  });
}

describe('attention, flash chunks', () => {
  it('any chunk gives the same result within tolerance; chunks of 32 rescale the running state most often', () => {
    const c: Case = { ...MHA, heads: 1, kvHeads: 1 };
    for (const chunk of [32, 96, 256]) {
      for (const causal of [false, true]) expect(run(c, { causal, scale: 0.125, strategy: 'flash', chunk }).error).toBeLessThan(TOLERANCE);
    }
  });

  it('splits (batch, head, query block) units over the grid: more cores for smaller chunks', () => {
    const cores = (chunk: number) => run(GPT2, { causal: true, scale: 0.125, strategy: 'flash', chunk }, 'timing', { rows: 8, cols: 8 }).stats.cores;
    expect([cores(32), cores(64), cores(128)]).toEqual([48, 24, 12]);
  });
});

describe('attention, GPT-2 prefill shape on an 8x8 Wormhole', () => {
  it('both factories are correct, give different cycles; head-parallel uses a core per head', () => {
    const o: AttentionOptions = { causal: true, scale: 0.125 };
    const [heads, flash] = (['heads', 'flash'] as const).map((strategy) => {
      const r = run(GPT2, { ...o, strategy }, 'functional', { rows: 8, cols: 8 });
      expect(r.error).toBeLessThan(TOLERANCE);
      return r.stats;
    });
    expect(heads.cores).toBe(12);
    expect(flash.cores).toBe(24); // 12 heads × 2 blocks of 64 rows
    expect(flash.summary.cycles).not.toBe(heads.summary.cycles);
    expect(flash.summary.tflops).toBeGreaterThan(0);
  });
});

describe('attention, bad input', () => {
  const device = new Device({ arch: 'wormhole_n150', grid: { rows: 2, cols: 2 }, mode: 'timing' });
  const t = (shape: number[], dtype: DataFormat = 'bf16') => toDevice(device, undefined, shape, dtype, DRAM_INTERLEAVED, 'x');
  const [q, kv] = [t([1, 4, 64, 64]), t([1, 2, 64, 64])];
  const fails = (make: () => unknown, message: RegExp) => expectMeshsimError(make, ExitCode.badInput, message);
  const o: AttentionOptions = { causal: false, scale: 0.125 };

  it('names the op, the operand and what was expected', () => {
    fails(() => attention(q, kv, kv, { ...o, strategy: 'rows' as never }), /^attention: strategy 'rows' is not known \(known: heads, flash\)$/);
    fails(() => attention(q, kv, kv, { ...o, chunk: 48 }), /^attention: chunk 48, expected a positive multiple of 32 rows$/);
    fails(() => attention(q, kv, kv, { ...o, scale: NaN }), /^attention: scale NaN, expected a positive finite number$/);
    fails(() => attention(q, kv, kv, { ...o, scale: -1 }), /^attention: scale -1, expected a positive finite number$/);
    fails(() => attention(t([4, 64, 64]), kv, kv, o), /^attention: q has shape \[4, 64, 64\], expected 4 dims/);
    fails(() => attention(q, t([1, 2, 32, 64]), kv, o), /^attention: k has shape \[1, 2, 32, 64\], expected \[1, 2, 64, 64\]/);
    fails(() => attention(q, t([1, 3, 64, 64]), t([1, 3, 64, 64]), o), /^attention: k has 3 kv heads, expected a divisor of q's 4 heads$/);
    fails(() => attention(t([1, 4, 64, 48]), t([1, 2, 64, 48]), t([1, 2, 64, 48]), o), /^attention: headDim 48, expected a multiple of 32 up to 256$/);
    fails(() => attention(q, kv, t([1, 2, 64, 64], 'bfp8_b'), o), /^attention: v is bfp8_b, expected bf16$/);
    const sharded = toDevice(device, undefined, [1, 4, 64, 64], 'bf16', shardedL1('height', { start: { x: 0, y: 0 }, end: { x: 1, y: 1 } }, [64, 64]), 'q');
    fails(() => attention(sharded, kv, kv, o), /^attention: q is not DRAM interleaved/);
  });

  it('a chunk whose buffers do not fit in L1 is refused naming the op and the chunk', () => {
    const big = t([1, 1, 2048, 256]);
    fails(() => attention(big, big, big, { ...o, strategy: 'flash', chunk: 1024 }), /^attention flash, chunk 1024: circular buffers on core .* do not fit in L1/);
  });
});
