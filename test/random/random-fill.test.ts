// fillUniform and fillDraws are bulk forms of mulberry32 loops: the same bits, across their chunk
// boundaries (65,536 values), for counts that are not a multiple of their four lanes.
import { describe, expect, it } from 'vitest';
import { fillDraws, fillUniform } from '../../sim/random-fill.ts';
import { mulberry32 } from '../../sim/random.ts';

function loop(count: number, seed: number, range: number): Float32Array {
  const rand = mulberry32(seed);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = (rand() * 2 - 1) * range;
  return out;
}

describe('fillUniform', () => {
  for (const [count, seed, range] of [[3, 7, 1], [65536 * 2 + 5, 1011, 1], [70001, 0xffffffff, 0.37], [4099, 0, 1e-3]]) {
    it(`${count} values, seed ${seed}, range ${range}: the loop's values`, () => {
      const got = new Float32Array(count);
      fillUniform(got, seed, range);
      expect(new Uint32Array(got.buffer)).toEqual(new Uint32Array(loop(count, seed, range).buffer));
    });
  }
});

describe('fillDraws', () => {
  for (const [count, seed, first] of [[5, 7, 0], [65536 + 3, 0xfffffffe, 0], [1001, 42, 65535]]) {
    it(`${count} draws of seed ${seed} from draw ${first}: the calls' values`, () => {
      const rand = mulberry32(seed);
      for (let i = 0; i < first; i++) rand();
      const want = Float64Array.from({ length: count }, () => rand());
      const got = new Float64Array(count);
      fillDraws(got, seed, first);
      expect(Array.from(got)).toEqual(Array.from(want));
    });
  }
});
