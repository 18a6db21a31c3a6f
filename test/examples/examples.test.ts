// The tt-metal-style examples under kernels/examples run under `meshsim program` as a user runs
// them, and their dumped outputs match a float64 reference computed from their dumped inputs.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { untilize } from '../../sim/compute/formats.ts';
import { meshsim, repoRoot } from '../support/cli.ts';

const bf16 = (bytes: Uint8Array) => {
  const u16 = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2);
  return Float32Array.from(u16, (h) => new Float32Array(new Uint32Array([h << 16]).buffer)[0]);
};

function run(name: string) {
  const out = mkdtempSync(join(tmpdir(), `meshsim-${name}-`));
  const r = meshsim(['program', `${repoRoot}kernels/examples/${name}/${name}.json`, '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  return { r, dump: (buffer: string) => new Uint8Array(readFileSync(join(out, `${buffer}.bin`))) };
}

// Largest |got - want| relative to the largest |want|.
function relError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    err = Math.max(err, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return err / scale;
}

function matmul(a: Float32Array, b: Float32Array, M: number, K: number, N: number): Float64Array {
  const c = new Float64Array(M * N);
  for (let i = 0; i < M; i++) for (let k = 0; k < K; k++) for (let j = 0; j < N; j++) c[i * N + j] += a[i * K + k] * b[k * N + j];
  return c;
}

describe('kernels/examples', () => {
  it('loopback copies 4-byte sticks between DRAM buffers', () => {
    const { r, dump } = run('loopback');
    expect(dump('dst')).toEqual(dump('src'));
    expect(r.stderr).toMatch(/brisc\] copied 64 pages of 4 bytes$/m);
  });

  it('eltwise_binary adds on two cores', () => {
    const { dump } = run('eltwise_binary');
    const [a, b, c] = ['a', 'b', 'c'].map((n) => bf16(dump(n)));
    expect(relError(c, a.map((v, i) => v + b[i]))).toBeLessThan(2 ** -8); // one bf16 rounding
  });

  it('sharded_add adds L1 shards through circular buffers placed on them', () => {
    const { dump } = run('sharded_add');
    const [a, b, c] = ['a', 'b', 'c'].map((n) => bf16(dump(n)));
    expect(relError(c, a.map((v, i) => v + b[i]))).toBeLessThan(2 ** -8);
  });

  for (const [name, M, K, N] of [['matmul_multi_core', 128, 96, 128], ['matmul_mcast_2d', 128, 128, 192]] as const) {
    it(`${name} multiplies ${M}x${K} by ${K}x${N}`, () => {
      const { dump } = run(name);
      const a = untilize(dump('a'), M, K, 'bf16');
      const b = untilize(dump('b'), K, N, 'bf16');
      const c = untilize(dump('c'), M, N, 'bf16');
      expect(relError(c, matmul(a, b, M, K, N))).toBeLessThan(2 ** -7);
    });
  }

  it('reduce_max puts each row maximum in column 0', () => {
    const { dump } = run('reduce_max');
    const x = untilize(dump('x'), 64, 128, 'bf16');
    const y = untilize(dump('y'), 64, 32, 'bf16');
    for (let row = 0; row < 64; row++) {
      const max = Math.max(...x.subarray(row * 128, row * 128 + 128));
      expect(y[row * 32]).toBe(max); // a maximum of bf16 values is one of them: exact
    }
  });
});
