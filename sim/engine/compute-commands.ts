// Tile-engine commands, from the compute hart only (sim/compute/tile-engine.ts does the work).
import type { CoreHart } from '../core/tensix-core.ts';
import { Cmd, CMD_NAMES, ComputeInit } from '../core/mmio.ts';
import { ComputeError, KEEP_PACK, PACK_NEXT } from '../compute/tile-engine.ts';
import { arg, circularBuffer, fail } from './checks.ts';

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

const NO_ARGS: number[] = [];
const bits = new Uint32Array(1);
const asFloat = new Float32Array(bits.buffer);

// The float32 whose bits a command argument carries.
function f32Bits(word: number): number {
  bits[0] = word;
  return asFloat[0];
}

// The unpack thread waits until its unpacker takes the command; the math thread for its Dst half.
function waitUntil(h: CoreHart, t: number): void {
  if (t > h.hart.cycles) h.hart.cycles = t;
}

// Whether a compute command (from the compute hart) does the same whether it is applied now or
// at the hart's clock, after the events due before it elsewhere (so the engine may apply it at
// once, engine.ts): it works on the hart's own tile engine, and the CB pages it unpacks are at
// the front already or the page it packs into is free already. Until this hart pops or pushes,
// others only add pages to a CB's front (pushes) and space to its back (pops), so then every
// check it makes passes then too and it reads and writes the same L1 pages. Otherwise it waits its
// turn in time order.
export function isPrivateCompute(h: CoreHart, code: number): boolean {
  switch (code) {
    case Cmd.MATMUL_TILES:
      return atFront(h, arg(h, 0), arg(h, 2)) && atFront(h, arg(h, 1), arg(h, 3));
    case Cmd.MATMUL_BLOCK: // in0 tiles t0 + r·kt (r < rt), in1 tiles t1 + c (c < ct)
      return arg(h, 6) >= 1 && arg(h, 7) >= 1 && atFront(h, arg(h, 0), arg(h, 2) + (arg(h, 7) - 1) * arg(h, 8)) && atFront(h, arg(h, 1), arg(h, 3) + arg(h, 6) - 1);
    case Cmd.BINARY_TILES:
      return atFront(h, arg(h, 2), arg(h, 4)) && atFront(h, arg(h, 3), arg(h, 5));
    case Cmd.COPY_TILE:
    case Cmd.TRANSPOSE_WH_TILE:
      return atFront(h, arg(h, 0), arg(h, 1));
    case Cmd.REDUCE_TILE:
      return atFront(h, arg(h, 0), arg(h, 2)) && atFront(h, arg(h, 1), arg(h, 3));
    case Cmd.PACK_TILE: {
      const cb = h.core.cbs[arg(h, 1)];
      return cb !== undefined && (arg(h, 2) === PACK_NEXT ? cb.packed : arg(h, 2)) < cb.free;
    }
    default: // inits, Dst handshakes and SFPU ops: the tile engine and Dst only
      return true;
  }
}

function atFront(h: CoreHart, cb: number, tile: number): boolean {
  const c = h.core.cbs[cb];
  return c !== undefined && tile < c.available;
}

export function computeCommand(h: CoreHart, code: number, now: number): boolean {
  if (h.processor !== 'trisc') throw fail(h, `${CMD_NAMES[code]}: compute commands run on the compute hart (trisc), not on ${h.processor}`);
  const te = h.core.tileEngine;
  try {
    switch (code) {
      case Cmd.COMPUTE_INIT: {
        const what = INIT_NAMES[arg(h, 0)];
        if (!what) throw new ComputeError(`compute init ${arg(h, 0)} does not exist`);
        // An output CB of KEEP_PACK (a short init) leaves the packer's format as it was.
        const [takesA, takesB, takesOut] = INIT_OPERANDS[what];
        const a = takesA ? circularBuffer(h, arg(h, 1), `${what} init`) : undefined;
        const b = takesB ? circularBuffer(h, arg(h, 2), `${what} init`) : undefined;
        const out = takesOut && arg(h, 3) !== KEEP_PACK ? circularBuffer(h, arg(h, 3), `${what} init`) : undefined;
        te.init(what, a, b, out, arg(h, 4), arg(h, 5), what === 'matmul' ? [arg(h, 6), arg(h, 7)] : NO_ARGS);
        return true;
      }
      case Cmd.MATMUL_TILES:
        waitUntil(h, te.matmul(now, circularBuffer(h, arg(h, 0), 'matmul_tiles'), circularBuffer(h, arg(h, 1), 'matmul_tiles'), arg(h, 2), arg(h, 3), arg(h, 4), arg(h, 5)));
        return true;
      case Cmd.MATMUL_BLOCK: {
        const in0 = circularBuffer(h, arg(h, 0), 'matmul_block');
        const in1 = circularBuffer(h, arg(h, 1), 'matmul_block');
        waitUntil(h, te.matmulBlock(now, in0, in1, arg(h, 2), arg(h, 3), arg(h, 4), arg(h, 5), arg(h, 6), arg(h, 7), arg(h, 8)));
        return true;
      }
      case Cmd.BINARY_TILES:
        waitUntil(h, te.binary(now, arg(h, 0), arg(h, 1), circularBuffer(h, arg(h, 2), 'binary op'), circularBuffer(h, arg(h, 3), 'binary op'), arg(h, 4), arg(h, 5), arg(h, 6)));
        return true;
      case Cmd.COPY_TILE:
        waitUntil(h, te.copy(now, circularBuffer(h, arg(h, 0), 'copy_tile'), arg(h, 1), arg(h, 2)));
        return true;
      case Cmd.TRANSPOSE_WH_TILE:
        waitUntil(h, te.transpose(now, circularBuffer(h, arg(h, 0), 'transpose_wh_tile'), arg(h, 1), arg(h, 2)));
        return true;
      case Cmd.REDUCE_TILE:
        waitUntil(h, te.reduce(now, circularBuffer(h, arg(h, 0), 'reduce_tile'), circularBuffer(h, arg(h, 1), 'reduce_tile'), arg(h, 2), arg(h, 3), arg(h, 4)));
        return true;
      case Cmd.SFPU_TILE:
        waitUntil(h, te.sfpu(now, arg(h, 0), arg(h, 1), f32Bits(arg(h, 2))));
        return true;
      case Cmd.PACK_TILE:
        te.pack(now, arg(h, 0), circularBuffer(h, arg(h, 1), 'pack_tile'), arg(h, 2));
        return true;
      case Cmd.PACK_RECONFIG_L1_ACC:
        te.packReconfigL1Acc(arg(h, 0));
        return true;
      case Cmd.SFPU_BINARY_TILE:
        waitUntil(h, te.sfpuBinary(now, arg(h, 0), arg(h, 1), arg(h, 2), arg(h, 3)));
        return true;
      case Cmd.TILE_REGS_ACQUIRE:
        waitUntil(h, te.tileRegsAcquire(now));
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
