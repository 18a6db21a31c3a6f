// meshsim op: the registry's ops on seeded inputs, as a user runs them.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { meshsim } from '../support/cli.ts';
import { schemaErrors } from '../support/schema.ts';
import { OPS } from '../../sim/ops/registry.ts';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-op-'));

describe('meshsim op', () => {
  it('--list names every op of the registry with its strategies and default shape', () => {
    const r = meshsim(['op', '--list']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^add +interleaved, sharded {2}\(default shape 1x128x768\)$/m);
    expect(r.stdout).toMatch(/^matmul +auto, dp, reuse, 2d-mcast, 1d-in0, 1d-in1, dram-sharded {2}\(default shape 128x768x3072\)$/m);
    for (const e of OPS) expect(r.stdout).toMatch(new RegExp(`^${e.name} +${e.strategies.join(', ')} `, 'm'));
  });

  // The entries that move data between memory configs, or run several factories, as a user runs them.
  const runs: [string, string, string, string, RegExp][] = [
    // dram-sharded: a reader core for each of the 12 DRAM banks.
    ['matmul', '64x64x384', '4x4', 'dram-sharded', /^matmul \[64, 64, 384\] bf16 on wormhole_n150 4×4, strategy dram-sharded, functional mode$/m],
    ['interleaved_to_sharded', '1x96x160', '2x2', 'block-sharded', /^ {2}work {8}4 cores, output L1 block-sharded on 2×2 cores \(shards 64×96\)$/m],
  ];
  for (const [name, shape, grid, strategy, line] of runs) {
    it(`${name} --strategy ${strategy} runs and passes its check`, () => {
      const r = meshsim(['op', name, '--shape', shape, '--grid', grid, '--strategy', strategy]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(line);
      expect(r.stdout).toMatch(/^ {2}check {7}max error .* against float64: passed$/m);
    });
  }

  it('runs an op and prints the matmul summary with its check; --json is stats v1, equal to stats.json', () => {
    const out = join(tmp, 'add');
    const r = meshsim(['op', 'add', '--shape', '64x96', '--grid', '2x2', '--json', '--out', out, '--stats-only']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^add \[64, 96\] bf16 on wormhole_n150 2×2, strategy interleaved, functional mode$/m);
    for (const line of ['work', 'cycles', 'throughput', 'busy', 'bottleneck']) expect(r.stderr).toMatch(new RegExp(`^  ${line} `, 'm'));
    expect(r.stderr).toMatch(/^ {2}check {7}max error .* against float64: passed$/m);
    const doc = JSON.parse(r.stdout);
    expect(schemaErrors(doc)).toEqual([]);
    expect(doc.kind).toBe('op');
    expect(doc.op).toMatchObject({ name: 'add', strategy: 'interleaved', shape: [64, 96], cores: 4, check: { passed: true } });
    expect(doc.ops.map((o: { name: string }) => o.name)).toEqual(['add']);
    expect(doc.summary.cycles).toBe(doc.ops[0].endCycle - doc.ops[0].startCycle);
    expect(JSON.parse(readFileSync(join(out, 'stats.json'), 'utf8'))).toEqual(doc);
  });

  it('sharded: the output in the inputs\' shards, no NoC traffic; timing mode gives the cycles of functional mode', () => {
    const run = (mode: string) => JSON.parse(meshsim(['op', 'gelu', '--shape', '64x128', '--grid', '2x2', '--strategy', 'sharded', '--mode', mode, '--json']).stdout);
    const [functional, timing] = [run('functional'), run('timing')];
    expect(functional.op).toMatchObject({ strategy: 'sharded', output: 'L1 block-sharded on 2×2 cores (shards 32×64)', check: { passed: true } });
    expect(functional.summary.noc.utilisation).toBe(0);
    expect(timing.summary.cycles).toBe(functional.summary.cycles);
    expect(timing.op.check).toBeUndefined();
  });

  it('without --shape, the op\'s shape in a GPT-2-small prefill', () => {
    const r = meshsim(['op', 'softmax', '--mode', 'timing', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).op).toMatchObject({ shape: [1, 12, 128, 128], cores: 48 });
  });

  const usage: [string, string[], RegExp][] = [
    ['an unknown op', ['op', 'conv'], new RegExp(`^meshsim: op: unknown op 'conv': expected one of ${OPS.map((e) => e.name).join(', ')}\n$`)],
    ['an unknown strategy', ['op', 'softmax', '--strategy', 'flash'], /^meshsim: op softmax: unknown strategy 'flash': expected one of interleaved\n$/],
    ['a malformed shape', ['op', 'add', '--shape', '128by768'], /--shape.*expected dimensions separated by x/],
  ];
  for (const [what, args, message] of usage) {
    it(`${what}: one line, exit code 2`, () => {
      const r = meshsim(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});
