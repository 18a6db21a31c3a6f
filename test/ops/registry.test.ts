// The op registry (sim/ops/registry.ts): every entry and every strategy runs at a small shape on a
// 4×4 grid, its functional result passes the check against the op's float64 reference, timing mode
// gives the cycles of functional mode, and strategies that partition differently differ in cycles.
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../sim/errors.ts';
import { Device, type Mode } from '../../sim/host/device.ts';
import { opsRun } from '../../sim/ops/op.ts';
import { findOp, OPS, type OpEntry } from '../../sim/ops/registry.ts';
import { fromDevice } from '../../sim/tensor/host.ts';

// Small shapes, most with a dimension that is not a multiple of the tile (or block) size.
const SMALL: Record<string, number[]> = {
  embedding: [300, 64, 40],
  layernorm: [1, 64, 96],
  rmsnorm: [1, 64, 96],
  matmul: [64, 64, 384], // N over the 12 DRAM banks in whole tiles, for dram-sharded
  split_qkv_heads: [1, 48, 4, 2, 32],
  rotary: [1, 2, 40, 64],
  fill_cache: [1, 2, 128, 64, 40],
  softmax: [1, 2, 64, 80],
  attention: [4, 2, 80, 64], // grouped-query: 4 heads over 2 kv heads
  concat_heads: [1, 4, 48, 32],
  add: [64, 96],
  mul: [64, 96],
  gelu: [70, 96],
  silu: [70, 96],
  update_cache: [4, 2, 64, 64],
  attention_decode: [1, 8, 2, 90, 64],
  interleaved_to_sharded: [1, 96, 160],
  sharded_to_interleaved: [1, 96, 160],
};

const GRID = { rows: 4, cols: 4 };

function run(entry: OpEntry, strategy: string, mode: Mode) {
  const device = new Device({ arch: 'wormhole_n150', grid: GRID, mode });
  const { output, check } = entry.run(device, [...SMALL[entry.name]], { strategy, seed: 1 });
  const op = opsRun(device).at(-1)!; // the op itself, after any that placed its inputs
  return { output, check, op };
}

describe('op registry', () => {
  it('has a small shape here, a GPT-2 (or Llama) prefill shape and strategies for every entry, each name once', () => {
    expect(OPS.map((e) => e.name).sort()).toEqual(Object.keys(SMALL).sort());
    for (const e of OPS) {
      expect(e.prefillShape, e.name).toBeDefined();
      expect(e.strategies.length, e.name).toBeGreaterThan(0);
      expect(findOp(e.name)).toBe(e);
    }
  });

  for (const entry of OPS) {
    it(`${entry.name}: every strategy passes its check, timing gives functional's cycles, and the strategies differ`, () => {
      const cycles = new Map<string, number>();
      const ran = new Map<string, string>();
      for (const strategy of entry.strategies) {
        const functional = run(entry, strategy, 'functional');
        const timing = run(entry, strategy, 'timing');
        expect(functional.check, `${entry.name} ${strategy}`).toMatchObject({ passed: true });
        expect(timing.check).toBeUndefined();
        expect(timing.op.summary.cycles, `${entry.name} ${strategy}`).toBe(functional.op.summary.cycles);
        expect(timing.output.shape).toEqual(functional.output.shape);
        cycles.set(strategy, functional.op.summary.cycles);
        ran.set(strategy, functional.op.strategy);
      }
      // matmul's auto runs one of the factories, with the blocks ttnn's out-of-box config picks
      // (which may differ from the blocks that factory picks when named); every other strategy is
      // a factory of its own.
      const concrete = entry.strategies.filter((s) => !(entry.name === 'matmul' && s === 'auto'));
      expect(new Set(concrete.map((s) => cycles.get(s))).size, `${entry.name}: ${[...cycles].join(' ')}`).toBe(concrete.length);
      if (entry.name === 'matmul') expect(concrete).toContain(ran.get('auto'));
    });
  }

  it('is deterministic: the same seed gives bit-identical outputs and cycles, another seed other values', () => {
    const entry = findOp('attention')!;
    const values = (seed: number) => {
      const device = new Device({ arch: 'wormhole_n150', grid: GRID });
      const { output } = entry.run(device, [2, 64, 64], { strategy: 'flash', seed });
      return { values: fromDevice(output), cycles: opsRun(device)[0].summary.cycles };
    };
    const [a, b, c] = [values(1), values(1), values(2)];
    expect(b).toEqual(a);
    expect(c.values).not.toEqual(a.values);
  });

  const refusals: [string, number[], string | undefined, string][] = [
    ['matmul', [64, 64], undefined, 'matmul: shape 64×64, expected M×K×N (positive whole numbers)'],
    ['attention', [4, 80], undefined, 'attention: shape 4×80, expected heads×seq×headDim or heads×kvHeads×seq×headDim'],
    ['attention_decode', [8, 90, 64], undefined, 'attention_decode: shape 8×90×64, expected users×heads×kvHeads×length×headDim (positive whole numbers)'],
    ['embedding', [500, 64], undefined, 'embedding: shape 500×64, expected vocab×hidden×tokens (positive whole numbers)'],
    ['fill_cache', [1, 2, 64, 64], undefined, 'fill_cache: shape 1×2×64×64, expected users×kvHeads×maxSeq×headDim×seq (positive whole numbers)'],
    ['update_cache', [4, 2, 64, 64], 'tiles', "update_cache: unknown strategy 'tiles' (known: rows)"],
    ['rotary', [1, 2, 64, 64], 'flash', "rotary: unknown strategy 'flash' (known: prefill, decode)"],
    ['concat_heads', [1, 4, 64, 32], 'sharded', "concat_heads: unknown strategy 'sharded' (known: prefill, decode)"],
    ['interleaved_to_sharded', [1, 64, 64], 'interleaved', "interleaved_to_sharded: unknown strategy 'interleaved' (known: height-sharded, width-sharded, block-sharded)"],
    // The op's own refusal comes through: a sequence longer than the cache.
    ['fill_cache', [1, 2, 64, 64, 64], 'rows', 'fillCache: rows 1..64 do not fit the cache of 64 positions, expected a start from 0 to 0'],
  ];
  for (const [name, shape, strategy, message] of refusals) {
    it(`${name} ${shape.join('×')}${strategy ? ` --strategy ${strategy}` : ''}: one line naming the op, bad input (exit 3)`, () => {
      const device = new Device({ arch: 'wormhole_n150', grid: GRID, mode: 'timing' });
      let error: unknown;
      try {
        findOp(name)!.run(device, shape, { strategy, seed: 1 });
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ message, exitCode: ExitCode.badInput });
    });
  }
});
