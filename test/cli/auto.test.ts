// --strategy auto says before it starts what it will simulate and about how long that takes
// (sim/models/layer/auto-estimate.ts, sim/host/sim-time-estimate.ts); --quiet silences it, --json
// keeps it off stdout. Long runs are cut short with --max-cycles: run's note comes before its
// candidates run, matmul's once its one run has started.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../sim/errors.ts';
import { matmulWork, simulationSeconds } from '../../sim/host/sim-time-estimate.ts';
import { autoPlanNote, layerWork } from '../../sim/models/layer/auto-estimate.ts';
import { loadModelConfig } from '../../sim/models/model-option.ts';
import { meshsim } from '../support/cli.ts';

const tiny = ['run', '--model', 'tiny', '--arch', 'teach_2x2', '--seq', '32', '--no-out', '--strategy', 'auto'];
const seconds = (note: string) => {
  const m = /(under a second|about (\d+) (s|min|h))/.exec(note);
  return !m ? NaN : m[1] === 'under a second' ? 0.5 : Number(m[2]) * (({ s: 1, min: 60, h: 3600 } as Record<string, number>)[m[3]]);
};

describe('--strategy auto estimates its candidates', () => {
  it('run: names the presets it will simulate and the time, before the summary; nothing under --quiet; stdout pure under --json', () => {
    const r = meshsim([...tiny, '--mode', 'timing']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^meshsim: --strategy auto will simulate 4 presets \(2d, rows, heads, sharded\) in timing mode, then the fastest in timing mode: (under a second|about \d+ s)\n/);
    expect(r.stderr).not.toMatch(/give --strategy/);
    expect(r.stdout).toMatch(/tiny layer/);

    const quiet = meshsim([...tiny, '--mode', 'timing', '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');

    const json = meshsim([...tiny, '--mode', 'timing', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).schema.name).toBe('meshsim-stats');
    expect(json.stderr).toMatch(/^meshsim: --strategy auto will simulate 4 presets/);
  });

  it('run: a long choice says so and how to avoid it', () => {
    const r = meshsim(['run', '--model', 'llama-3.2-1b', '--seq', '512', '--mode', 'timing', '--strategy', 'auto', '--no-out', '--max-cycles', '1000']);
    expect(r.code).toBe(ExitCode.limit);
    const note = r.stderr.split('\n')[0];
    expect(note).toMatch(/^meshsim: --strategy auto will simulate 4 presets .*; give --strategy to run one$/);
    expect(seconds(note)).toBeGreaterThan(10);
    expect(seconds(note)).toBeLessThan(120);
  });

  it('matmul: auto simulates no candidates, and says so when its one run will be long; quiet otherwise', () => {
    const big = ['matmul', '--m', '8192', '--k', '8192', '--n', '8192', '--mode', 'timing', '--max-cycles', '20000']; // past the engine's first progress call
    const r = meshsim(big);
    expect(r.code).toBe(ExitCode.limit);
    const note = r.stderr.split('\n')[0];
    expect(note).toMatch(/^meshsim: --strategy auto picks one strategy by tt-metal's rule for 8192×8192×8192 on 8x8 \(no candidates simulated\); the run will take about \d+ (s|min) to simulate$/);
    expect(seconds(note)).toBeGreaterThan(10);
    expect(meshsim([...big, '--quiet']).stderr).not.toMatch(/auto/);
    const small = meshsim(['matmul', '--m', '64', '--k', '64', '--n', '64', '--grid', '2x2', '--mode', 'timing']);
    expect(small.code).toBe(0);
    expect(small.stderr).toBe('');
  });

  it('the estimates grow with the work and the grid, and a choice among N presets costs about N runs', () => {
    const grid = { rows: 8, cols: 8 };
    expect(simulationSeconds(matmulWork(2048, 2048, 2048, grid), 'timing')).toBeGreaterThan(4 * simulationSeconds(matmulWork(512, 512, 512, grid), 'timing'));
    expect(simulationSeconds(matmulWork(1024, 1024, 1024, grid), 'functional')).toBeGreaterThan(simulationSeconds(matmulWork(1024, 1024, 1024, grid), 'timing'));
    const gpt2 = { config: loadModelConfig('gpt2'), phase: 'prefill' as const, batch: 1, seq: 128, kvLen: 0, grid };
    const layer = simulationSeconds(layerWork(gpt2), 'timing');
    expect(layer).toBeGreaterThan(0.2); // measured about 0.6 s a preset on the project's machine
    expect(layer).toBeLessThan(3);
    expect(simulationSeconds(layerWork({ ...gpt2, seq: 1024 }), 'timing')).toBeGreaterThan(2 * layer);
    const note = autoPlanNote(gpt2, 'timing');
    expect(note.candidates).toEqual(['2d', 'rows', 'heads', 'sharded']);
    expect(note.seconds).toBeCloseTo(5 * layer, 6);
    expect(autoPlanNote(gpt2, 'timing', true).seconds).toBeCloseTo(4 * layer, 6);
  });
});
