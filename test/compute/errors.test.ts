// Misused compute APIs stop with one clear message naming core, hart, pc and the values.
import { describe, expect, it } from 'vitest';
import { ExitCode, MeshsimError } from '../../sim/errors.ts';
import { runCompute } from '../support/compute.ts';

const tile = { rows: 32, cols: 32, values: new Float32Array(1024).fill(1) };

function misuse(mistake: number): MeshsimError {
  try {
    runCompute({
      kernel: 'compute/misuse',
      args: [mistake],
      inputs: [{ cb: 0, format: 'bf16', tensor: tile }, { cb: 1, format: 'bfp8_b', tensor: tile }],
      output: { format: 'bf16', rows: 32, cols: 32 },
    });
  } catch (e) {
    if (e instanceof MeshsimError) return e;
    throw e;
  }
  throw new Error(`mistake ${mistake} was accepted`);
}

describe('compute API misuse', () => {
  const cases: [number, RegExp][] = [
    [0, /copy_tile: tile 1 of cb 0 is past the 1 tiles at its front \(cb_wait_front first\)/],
    [1, /copy_tile: Dst index 8 is past the 8 tiles of a Dst half/],
    [2, /pack_tile into cb 16 tile 1000: only \d+ of its \d+ pages are free/],
    [3, /copy_tile: format mismatch: cb 1 holds bfp8_b but the unpacker is configured for bf16 \(copy_tile_init\)/],
    [4, /add_tiles but the math is set up for copy \(copy_tile_init\)/],
  ];
  for (const [mistake, message] of cases) {
    it(`mistake ${mistake}: ${message.source.slice(0, 40)}…`, () => {
      const e = misuse(mistake);
      expect(e.exitCode).toBe(ExitCode.fault);
      expect(e.message).toMatch(/^core \(0,0\) \[noc 1,1\] trisc, pc 0x[0-9a-f]+: /);
      expect(e.message).toMatch(message);
    });
  }
});
