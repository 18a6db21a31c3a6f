// meshsim matmul with the weights in another format, a fused bias row and a fused activation, as
// the layer's matmuls run: the summary names them, --json records them, the functional check
// passes against float64, the bias and activation cost cycles, and an activation the tile engine
// lacks is a malformed option.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../sim/errors.ts';
import { meshsim } from '../support/cli.ts';
import { schemaErrors } from '../support/schema.ts';

const small = ['--m', '128', '--k', '256', '--n', '256', '--grid', '2x2'];
const run = (...args: string[]) => {
  const r = meshsim(['matmul', ...small, '--json', ...args], 60_000);
  expect(r.code, r.stderr).toBe(0);
  return { stderr: r.stderr, doc: JSON.parse(r.stdout) };
};

describe('meshsim matmul with fused bias, activation and mixed formats', () => {
  it('names them, records them in --json, and checks them against float64', () => {
    const { stderr, doc } = run('--weight-dtype', 'bfp8_b', '--bias', '--activation', 'relu');
    expect(schemaErrors(doc)).toEqual([]);
    expect(stderr).toMatch(/^matmul 128×256×256 bf16 \(B bfp8_b\) \+bias relu HiFi4 on wormhole_n150 2×2/m);
    expect(doc.options).toMatchObject({ dtype: 'bf16', weightDtype: 'bfp8_b', outDtype: 'bf16', bias: true, activation: 'relu' });
    expect(doc.matmul.check.maxError).toBeLessThan(2 ** -5); // bfp8_b weights: within 2^-5 of Σ|a·b| (README, the tile engine)
  });

  it('costs cycles for the bias pass and the activation, and a bfp8_b output packs fewer bytes', () => {
    const cycles = (...args: string[]) => run('--mode', 'timing', ...args).doc.summary.cycles as number;
    const plain = cycles();
    expect(cycles('--bias')).toBeGreaterThan(plain);
    expect(cycles('--activation', 'gelu')).toBeGreaterThan(plain);
    expect(cycles('--out-dtype', 'bfp8_b')).not.toBe(plain);
  });

  it('refuses an activation the tile engine lacks in one line, exit 2', () => {
    const r = meshsim(['matmul', ...small, '--activation', 'tanh']);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr.trim()).toMatch(/^meshsim: option '--activation <name>' argument 'tanh' is invalid: expected one of gelu_new, gelu, silu, relu/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
