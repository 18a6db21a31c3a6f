// Tile-engine commands, from the compute hart only (sim/compute/tile-engine.ts does the work).
import type { CoreHart } from '../core/tensix-core.ts';
import { Cmd, CMD_NAMES, ComputeInit } from '../core/mmio.ts';
import { ComputeError } from '../compute/tile-engine.ts';
import { circularBuffer, fail } from './checks.ts';

const INIT_NAMES = Object.fromEntries(Object.entries(ComputeInit).map(([name, id]) => [id, name.toLowerCase()]));
// Which of the CB arguments (a, b, out) each init reads.
const INIT_OPERANDS: Record<string, [boolean, boolean, boolean]> = {
  matmul: [true, true, true],
  binary_common: [true, true, true],
  binary: [true, true, false],
  copy: [true, false, false],
  reduce: [true, true, true],
  transpose: [true, false, true],
  sfpu: [false, false, false],
  pack: [false, false, true],
};

export function computeCommand(h: CoreHart, code: number, arg: (i: number) => number, now: number): boolean {
  if (h.processor !== 'trisc') throw fail(h, `${CMD_NAMES[code]}: compute commands run on the compute hart (trisc), not on ${h.processor}`);
  const te = h.core.tileEngine;
  const cb = (i: number, op: string) => circularBuffer(h, arg(i), op);
  const waitFor = (t: number) => {
    if (t > h.hart.cycles) h.hart.cycles = t;
  };
  try {
    switch (code) {
      case Cmd.COMPUTE_INIT: {
        const what = INIT_NAMES[arg(0)];
        if (!what) throw new ComputeError(`compute init ${arg(0)} does not exist`);
        const [a, b, out] = INIT_OPERANDS[what].map((used, i) => (used ? cb(i + 1, `${what} init`) : undefined));
        te.init(what, a, b, out, arg(4), arg(5));
        return true;
      }
      case Cmd.MATMUL_TILES:
        waitFor(te.matmul(now, cb(0, 'matmul_tiles'), cb(1, 'matmul_tiles'), arg(2), arg(3), arg(4)));
        return true;
      case Cmd.BINARY_TILES:
        waitFor(te.binary(now, arg(0), arg(1), cb(2, 'binary op'), cb(3, 'binary op'), arg(4), arg(5), arg(6)));
        return true;
      case Cmd.COPY_TILE:
        waitFor(te.copy(now, cb(0, 'copy_tile'), arg(1), arg(2)));
        return true;
      case Cmd.TRANSPOSE_WH_TILE:
        waitFor(te.transpose(now, cb(0, 'transpose_wh_tile'), arg(1), arg(2)));
        return true;
      case Cmd.REDUCE_TILE:
        waitFor(te.reduce(now, cb(0, 'reduce_tile'), cb(1, 'reduce_tile'), arg(2), arg(3), arg(4)));
        return true;
      case Cmd.SFPU_TILE:
        waitFor(te.sfpu(now, arg(0), arg(1), new Float32Array(new Uint32Array([arg(2)]).buffer)[0]));
        return true;
      case Cmd.PACK_TILE:
        te.pack(now, arg(0), cb(1, 'pack_tile'), arg(2));
        return true;
      case Cmd.TILE_REGS_ACQUIRE:
        waitFor(te.tileRegsAcquire(now));
        return true;
      case Cmd.TILE_REGS_COMMIT:
        te.tileRegsCommit();
        return true;
      case Cmd.TILE_REGS_WAIT:
        te.tileRegsWait();
        return true;
      default:
        te.tileRegsRelease();
        return true;
    }
  } catch (e) {
    if (e instanceof ComputeError) throw fail(h, e.message);
    throw e;
  }
}
