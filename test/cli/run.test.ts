// meshsim run as a user runs it: the layer's summary and tables, --json (schema meshsim-stats v1,
// section "layer"), the output set in --out (stats, trace, report, the arrays), decode from a
// prefill's cache, the whole model, and a sweep over layer strategies.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeNpy } from '../../sim/models/npy.ts';
import { meshsim } from '../support/cli.ts';
import { schemaErrors } from '../support/schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'meshsim-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tiny = ['--model', 'tiny', '--arch', 'teach_2x2'];

describe('meshsim run', () => {
  it('prints the layer, its op table and the check, and writes the output set', () => {
    const out = join(dir, 'prefill');
    const r = meshsim(['run', ...tiny, '--seq', '48', '--out', out], 120_000);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/tiny layer \(Llama block\), prefill, batch 1, seq 48, on teach_2x2 2×2, functional mode/);
    expect(r.stdout).toMatch(/^ {2}op +strategy +cycles +share +TFLOP\/s +util +bound +output$/m);
    for (const op of ['input_layernorm', 'qkv_proj', 'rotary q', 'fill_cache k', 'attention', 'o_proj', 'gate_proj', 'silu×up', 'down_proj']) expect(r.stdout).toContain(`  ${op} `);
    expect(r.stdout).toMatch(/check {7}max abs error .* tolerance 0\.05\): passed/);
    for (const f of ['stats.json', 'trace.json', 'report.html', 'output.npy', 'k_cache.npy', 'v_cache.npy']) expect(existsSync(join(out, f)), f).toBe(true);
    const stats = JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'));
    expect(schemaErrors(stats)).toEqual([]);
    expect(stats.kind).toBe('run');
    expect(stats.layer.cycles).toBe(stats.run.cycles);
    expect(stats.ops.map((o: { endCycle: number; startCycle: number }) => o.endCycle - o.startCycle).reduce((a: number, b: number) => a + b)).toBe(stats.run.cycles);
    expect(decodeNpy(readFileSync(join(out, 'output.npy')), 'output.npy').shape).toEqual([1, 48, 64]);
    expect(decodeNpy(readFileSync(join(out, 'k_cache.npy')), 'k_cache.npy').shape).toEqual([1, 1, 48, 32]);
  }, 180_000);

  it('decodes from the cache a prefill wrote, its batch and positions taken from the cache; --json is the stats on stdout alone', () => {
    const r = meshsim(['run', ...tiny, '--phase', 'decode', '--kv-cache', join(dir, 'prefill'), '--no-out', '--json'], 120_000);
    expect(r.code, r.stderr).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(schemaErrors(stats)).toEqual([]);
    expect(stats.layer).toMatchObject({ phase: 'decode', batch: 1, kvLen: 48, check: { passed: true } });
    expect(stats.ops.some((o: { label?: string }) => o.label === 'update_cache k')).toBe(true);
  }, 180_000);

  it('runs the whole model with --layers and reports tokens/s/user in decode', () => {
    const r = meshsim(['run', ...tiny, '--phase', 'decode', '--batch', '4', '--kv-len', '40', '--layers', 'all', '--mode', 'timing', '--no-out', '--json'], 120_000);
    expect(r.code, r.stderr).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats.layer.layers).toBe(2);
    expect(stats.layer.tokensPerSecondPerUser).toBeCloseTo(1 / stats.layer.seconds, 6);
    expect(stats.ops.map((o: { label?: string }) => o.label)).toEqual(expect.arrayContaining(['embedding', 'norm', 'lm_head']));
    expect(r.stderr).toMatch(/decode {6}[\d.]+ ms per step: [\d.]+ tokens\/s\/user/);
  }, 180_000);

  it('with --logits last computes the LM head on the last token only, checked against float64', () => {
    const logits = (which: string) => {
      const r = meshsim(['run', ...tiny, '--seq', '64', '--layers', 'all', '--logits', which, '--no-out', '--json'], 120_000);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const [all, last] = [logits('all'), logits('last')];
    expect(last.options.logits).toBe('last');
    expect(last.layer.check.passed).toBe(true);
    const labels = (d: { ops: { label?: string }[] }) => d.ops.map((o) => o.label);
    expect(labels(last)).toContain('last token');
    expect(labels(all)).not.toContain('last token');
    const head = (d: { ops: { label?: string; summary: { cycles: number } }[] }) => d.ops.find((o) => o.label === 'lm_head')!.summary.cycles;
    expect(head(last)).toBeLessThan(head(all)); // one tile row of logits instead of two
  }, 240_000);

  it('meshsim sweep run ranks layer strategies', () => {
    const r = meshsim(['sweep', 'run', ...tiny, '--strategy', '2d,heads', '--seq', '32,64', '--json'], 180_000);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.kind).toBe('layer');
    expect(doc.results).toHaveLength(4);
    const cycles = doc.results.map((x: { result: { cycles: number } }) => x.result.cycles);
    expect(cycles).toEqual([...cycles].sort((a, b) => a - b));
  }, 240_000);
});
