// What a hart's MMIO loads and commands do (sim/core/mmio.ts lists them). Each is applied at
// the hart's clock, in global time order; NoC transfers continue as events: a read is a request
// packet, the access at the target, and a response; a write is the data and an acknowledgement.
import type { ArchPreset, Coord } from '../arch/types.ts';
import type { CoreHart, TensixCore } from '../core/tensix-core.ts';
import {
  Cmd, CMD_ARGS, CMD_NAMES, ComputeInit, MAX_DRAM_BANKS, MAX_RUNTIME_ARGS, MAX_SEMAPHORES, MMIO_CB_READ_PTR, MMIO_CB_WRITE_PTR,
  MMIO_CMD, MMIO_CYCLE, MMIO_NOC_INDEX, MMIO_DRAM_BANK_XY, MMIO_MY_XY, MMIO_NUM_DRAM_BANKS, MMIO_RUNTIME_ARG, NUM_CBS, PRIVATE_RAM_BASE,
  rectOf, SEMAPHORE_BASE, SEMAPHORE_STRIDE, xyOf,
} from '../core/mmio.ts';
import type { Dram } from '../dram/dram.ts';
import type { Network } from '../noc/network.ts';
import { Stop } from '../riscv/layout.ts';
import { ExitCode, MeshsimError } from '../errors.ts';
import type { Engine } from './engine.ts';
import { isSatisfied } from './waits.ts';
import { ComputeError } from '../compute/tile-engine.ts';
import type { TileMap } from './tiles.ts';

export interface Fabric {
  preset: ArchPreset;
  functional: boolean; // timing mode moves no bytes except semaphore words
  nocs: Network[];
  dram: Dram;
  engine: Engine;
  tiles: TileMap;
  print(h: CoreHart, text: string): void;
}

const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;
const SEMAPHORE_END = SEMAPHORE_BASE + MAX_SEMAPHORES * SEMAPHORE_STRIDE;

function fail(h: CoreHart, message: string): MeshsimError {
  return new MeshsimError(`${h.name}, pc ${hex(h.hart.lastPc)}: ${message}`, ExitCode.fault);
}

// Applies the hart's pending stop (an MMIO load or a command store); false when the hart blocks.
export function applyAccess(f: Fabric, h: CoreHart, stop: number, now: number): boolean {
  const { addr, width, rd } = h.hart.mmio;
  if (width !== 4) throw fail(h, `${width}-byte MMIO access at ${hex(addr)}: MMIO registers are 32-bit words`);
  if (stop === Stop.MMIO_LOAD) {
    h.hart.setReg(rd, readRegister(f, h, addr));
    return true;
  }
  if (addr !== MMIO_CMD) throw fail(h, `store to ${hex(addr)}, which is not an MMIO register that accepts stores (CMD is ${hex(MMIO_CMD)})`);
  return command(f, h, h.hart.mmio.value, now);
}

function readRegister(f: Fabric, h: CoreHart, addr: number): number {
  const core = h.core;
  const index = (base: number, count: number) => (addr >= base && addr < base + 4 * count ? (addr - base) / 4 : -1);
  if (addr === MMIO_MY_XY) return (core.xy.y << 8) | core.xy.x;
  if (addr === MMIO_NUM_DRAM_BANKS) return f.dram.banks;
  if (addr === MMIO_CYCLE) return h.hart.cycles % 2 ** 32;
  if (addr === MMIO_NOC_INDEX) return h.noc;
  let i = index(MMIO_RUNTIME_ARG, MAX_RUNTIME_ARGS);
  if (i >= 0) {
    if (i >= h.runtimeArgs.length) throw fail(h, `get_arg_val(${i}): index out of range, the kernel was given ${h.runtimeArgs.length} runtime args`);
    return h.runtimeArgs[i];
  }
  i = index(MMIO_CB_WRITE_PTR, NUM_CBS);
  if (i >= 0) return circularBuffer(h, i, 'get_write_ptr').writePtr;
  i = index(MMIO_CB_READ_PTR, NUM_CBS);
  if (i >= 0) return circularBuffer(h, i, 'get_read_ptr').readPtr;
  i = index(MMIO_DRAM_BANK_XY, MAX_DRAM_BANKS);
  if (i >= 0) {
    if (i >= f.dram.banks) throw fail(h, `DRAM bank ${i} does not exist: the device has ${f.dram.banks} banks`);
    const xy = f.dram.endpoint(i);
    return (xy.y << 8) | xy.x;
  }
  throw fail(h, `load from ${hex(addr)}, which is not an MMIO register`);
}

function circularBuffer(h: CoreHart, index: number, op: string) {
  const cb = index < NUM_CBS ? h.core.cbs[index] : undefined;
  if (!cb) throw fail(h, `${op}(cb ${index}): no circular buffer ${index} is configured on this core`);
  return cb;
}

function command(f: Fabric, h: CoreHart, code: number, now: number): boolean {
  const arg = (i: number) => h.privateWord(CMD_ARGS - PRIVATE_RAM_BASE + 4 * i);
  const core = h.core;
  switch (code) {
    case Cmd.NOC_READ:
      nocRead(f, h, xyOf(arg(0)), arg(1), arg(2), arg(3), nocIndex(h, arg(4)), now);
      return true;
    case Cmd.NOC_WRITE:
      nocWrite(f, h, arg(0), xyOf(arg(1)), arg(2), arg(3), nocIndex(h, arg(4)), now);
      return true;
    case Cmd.NOC_WRITE_MULTICAST:
      nocMulticast(f, h, arg(0), arg(1), arg(2), arg(3), nocIndex(h, arg(4)), arg(5), now);
      return true;
    case Cmd.NOC_READ_BARRIER:
      return block(h, { kind: 'read_barrier', noc: nocIndex(h, arg(0)) });
    case Cmd.NOC_WRITE_BARRIER:
      return block(h, { kind: 'write_barrier', noc: nocIndex(h, arg(0)) });
    case Cmd.NOC_SEMAPHORE_INC:
      semaphoreInc(f, h, xyOf(arg(0)), arg(1), arg(2), nocIndex(h, arg(3)), now);
      return true;
    case Cmd.SEMAPHORE_WAIT:
    case Cmd.SEMAPHORE_WAIT_MIN:
      checkL1(h, arg(0), 4, 'noc_semaphore_wait');
      return block(h, { kind: 'semaphore', addr: arg(0), value: arg(1), atLeast: code === Cmd.SEMAPHORE_WAIT_MIN });
    case Cmd.SEMAPHORE_SET:
      checkL1(h, arg(0), 4, 'noc_semaphore_set');
      core.setL1Word(arg(0), arg(1));
      f.engine.wake(core, now);
      return true;
    case Cmd.CB_RESERVE_BACK:
    case Cmd.CB_WAIT_FRONT: {
      const op = code === Cmd.CB_RESERVE_BACK ? 'cb_reserve_back' : 'cb_wait_front';
      const cb = circularBuffer(h, arg(0), op);
      const bad = cb.checkCount(op, arg(1));
      if (bad) throw fail(h, bad);
      if (code === Cmd.CB_RESERVE_BACK) cb.reserve(arg(1));
      return block(h, { kind: op, cb, pages: arg(1) });
    }
    case Cmd.CB_PUSH_BACK:
    case Cmd.CB_POP_FRONT: {
      const push = code === Cmd.CB_PUSH_BACK;
      const op = push ? 'cb_push_back' : 'cb_pop_front';
      const cb = circularBuffer(h, arg(0), op);
      const pages = arg(1);
      const bad = cb.checkCount(op, pages);
      if (bad) throw fail(h, bad);
      const wrong = push ? cb.push(pages) : cb.pop(pages);
      if (wrong) throw fail(h, wrong);
      // The compute hart's pages show when its packer has written them, and their space frees
      // when its unpacker has read them; a data-movement hart's at once.
      const at = h.processor === 'trisc' ? Math.max(now, push ? core.tileEngine.packDoneAt : core.tileEngine.unpackDoneAt) : now;
      const complete = (t: number) => {
        if (push) cb.show(pages);
        else cb.release(pages);
        f.engine.wake(core, t);
      };
      if (at > now) f.engine.at(at, complete);
      else complete(now);
      return true;
    }
    case Cmd.DPRINT:
      f.print(h, new TextDecoder().decode(hartBytes(h, arg(0), arg(1))));
      return true;
    default:
      if (code >= Cmd.COMPUTE_INIT && code <= Cmd.TILE_REGS_RELEASE) return compute(h, code, arg, now);
      throw fail(h, `unknown command ${code} written to CMD (known: ${Object.values(CMD_NAMES).join(', ')})`);
  }
}

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

// Tile engine commands, from the compute hart only.
function compute(h: CoreHart, code: number, arg: (i: number) => number, now: number): boolean {
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

// Blocks the hart until the wait is satisfied (at once if it already is).
function block(h: CoreHart, wait: NonNullable<CoreHart['wait']>): boolean {
  if (isSatisfied(h, wait)) return true;
  h.wait = wait;
  return false;
}

function nocIndex(h: CoreHart, noc: number): number {
  if (noc !== 0 && noc !== 1) throw fail(h, `NoC ${noc} does not exist: expected 0 or 1`);
  return noc;
}

function checkL1(h: CoreHart, addr: number, bytes: number, op: string): void {
  if (bytes <= 0 || addr + bytes > h.core.l1Bytes) {
    throw fail(h, `${op}: L1 range ${hex(addr)} + ${bytes} bytes is outside this core's ${h.core.l1Bytes} bytes of L1`);
  }
  if (addr % 4 !== 0 && bytes === 4) throw fail(h, `${op}: address ${hex(addr)} is not 4-byte aligned`);
}

// Bytes of a hart's own memory: its L1 or its private RAM.
function hartBytes(h: CoreHart, addr: number, bytes: number): Uint8Array {
  const u8 = h.core.wasm.u8();
  if (addr >= PRIVATE_RAM_BASE && addr + bytes <= PRIVATE_RAM_BASE + h.privateBytes) {
    return u8.slice(h.privateBase + addr - PRIVATE_RAM_BASE, h.privateBase + addr - PRIVATE_RAM_BASE + bytes);
  }
  checkL1(h, addr, bytes, 'dprint');
  return u8.slice(h.core.l1Base + addr, h.core.l1Base + addr + bytes);
}

// The far end of a NoC transfer: another core's L1, or a DRAM bank through its endpoint.
type Target = { core: TensixCore } | { bank: number };

function target(f: Fabric, h: CoreHart, xy: Coord, addr: number, bytes: number, op: string): Target {
  const core = f.tiles.coreAt(xy);
  if (core) {
    if (addr + bytes > core.l1Bytes) throw fail(h, `${op}: ${hex(addr)} + ${bytes} bytes is past the ${core.l1Bytes}-byte L1 of ${core.name}`);
    return { core };
  }
  const bank = f.dram.bankAtTile(xy);
  if (bank !== undefined) {
    if (!f.dram.bufferAt(bank, addr, bytes)) {
      throw fail(h, `${op}: DRAM bank ${bank} at (${xy.x},${xy.y}), ${hex(addr)} + ${bytes} bytes is not inside one page of an allocated DRAM buffer`);
    }
    return { bank };
  }
  throw fail(h, `${op}: NoC address (${xy.x},${xy.y}) is ${f.tiles.describe(xy)}, not an active Tensix core or a DRAM bank endpoint`);
}

function checkSize(h: CoreHart, bytes: number, op: string): void {
  if (bytes === 0 || bytes > 0x7fffffff) throw fail(h, `${op}: size ${bytes} bytes, expected 1 or more`);
}

function nocRead(f: Fabric, h: CoreHart, src: Coord, srcAddr: number, dstAddr: number, bytes: number, noc: number, now: number): void {
  h.hart.cycles += f.preset.noc.commandCycles; // the NIU accepting the request
  checkSize(h, bytes, 'noc_async_read');
  checkL1(h, dstAddr, bytes, 'noc_async_read destination');
  const from = target(f, h, src, srcAddr, bytes, 'noc_async_read');
  const net = f.nocs[noc];
  const core = h.core;
  h.readsInFlight[noc]++;
  const arrive = net.unicast(core.xy, src, 0, now).doneAt;
  f.engine.at(arrive, (t) => {
    const ready = 'core' in from ? t + f.preset.noc.l1AccessCycles : f.dram.timing[from.bank].access(t, bytes, false);
    f.engine.at(ready, (t2) => {
      const done = net.unicast(src, core.xy, bytes, t2).doneAt;
      f.engine.at(done, (t3) => {
        if (f.functional) {
          if ('core' in from) core.writeL1(dstAddr, from.core.l1().slice(srcAddr, srcAddr + bytes));
          else {
            const data = new Uint8Array(bytes);
            f.dram.contents[from.bank].read(srcAddr, data);
            core.writeL1(dstAddr, data);
          }
        }
        h.readsInFlight[noc]--;
        f.engine.wake(core, t3);
      });
    });
  });
}

// Delivers written bytes into a core's L1 (timing mode: only semaphore words, which steer control flow).
function deliver(f: Fabric, core: TensixCore, addr: number, data: Uint8Array | undefined, now: number): void {
  if (data) core.writeL1(addr, data);
  f.engine.wake(core, now);
}

function payload(f: Fabric, h: CoreHart, srcAddr: number, dstAddr: number, bytes: number): Uint8Array | undefined {
  const touchesSemaphores = dstAddr < SEMAPHORE_END && dstAddr + bytes > SEMAPHORE_BASE;
  return f.functional || touchesSemaphores ? h.core.l1().slice(srcAddr, srcAddr + bytes) : undefined;
}

function acknowledge(f: Fabric, h: CoreHart, net: Network, from: Coord, noc: number, now: number): void {
  const done = net.unicast(from, h.core.xy, 0, now).doneAt;
  f.engine.at(done, (t) => {
    h.writesInFlight[noc]--;
    f.engine.wake(h.core, t);
  });
}

function nocWrite(f: Fabric, h: CoreHart, srcAddr: number, dst: Coord, dstAddr: number, bytes: number, noc: number, now: number): void {
  h.hart.cycles += f.preset.noc.commandCycles; // the NIU accepting the request
  checkSize(h, bytes, 'noc_async_write');
  checkL1(h, srcAddr, bytes, 'noc_async_write source');
  const to = target(f, h, dst, dstAddr, bytes, 'noc_async_write');
  const data = payload(f, h, srcAddr, dstAddr, bytes);
  const net = f.nocs[noc];
  h.writesInFlight[noc]++;
  const arrive = net.unicast(h.core.xy, dst, bytes, now).doneAt;
  f.engine.at(arrive, (t) => {
    if ('core' in to) {
      // The NIU writes L1 before it acknowledges.
      f.engine.at(t + f.preset.noc.l1AccessCycles, (t2) => {
        deliver(f, to.core, dstAddr, data, t2);
        acknowledge(f, h, net, dst, noc, t2);
      });
    } else {
      if (f.functional && data) f.dram.contents[to.bank].write(dstAddr, data);
      const committed = f.dram.timing[to.bank].access(t, bytes, true);
      f.engine.at(committed, (t2) => acknowledge(f, h, net, dst, noc, t2));
    }
  });
}

function nocMulticast(f: Fabric, h: CoreHart, srcAddr: number, packedRect: number, dstAddr: number, bytes: number, noc: number, numDests: number, now: number): void {
  h.hart.cycles += f.preset.noc.commandCycles; // the NIU accepting the request
  checkSize(h, bytes, 'noc_async_write_multicast');
  checkL1(h, srcAddr, bytes, 'noc_async_write_multicast source');
  const rect = rectOf(packedRect);
  const receivers = f.tiles.multicastReceivers(rect, h.core);
  if (typeof receivers === 'string') throw fail(h, `noc_async_write_multicast: ${receivers}`);
  if (receivers.length !== numDests) {
    throw fail(h, `noc_async_write_multicast: num_dests is ${numDests} but the rectangle (${rect.x0},${rect.y0})-(${rect.x1},${rect.y1}) has ${receivers.length} receivers (the sender excluded)`);
  }
  for (const r of receivers) {
    if (dstAddr + bytes > r.l1Bytes) throw fail(h, `noc_async_write_multicast: ${hex(dstAddr)} + ${bytes} bytes is past the L1 of ${r.name}`);
  }
  const data = payload(f, h, srcAddr, dstAddr, bytes);
  const net = f.nocs[noc];
  h.writesInFlight[noc]++;
  const sent = net.multicast(h.core.xy, rect, bytes, now);
  for (const d of sent.perDest) {
    const core = f.tiles.coreAt(d.dst);
    if (core && core !== h.core) f.engine.at(d.doneAt, (t) => deliver(f, core, dstAddr, data, t));
  }
  const last = sent.perDest.reduce((a, b) => (b.doneAt > a.doneAt ? b : a), sent.perDest[0]);
  f.engine.at(sent.doneAt, (t) => acknowledge(f, h, net, last.dst, noc, t));
}

function semaphoreInc(f: Fabric, h: CoreHart, dst: Coord, addr: number, increment: number, noc: number, now: number): void {
  h.hart.cycles += f.preset.noc.commandCycles; // the NIU accepting the request
  const core = f.tiles.coreAt(dst);
  if (!core) throw fail(h, `noc_semaphore_inc: NoC address (${dst.x},${dst.y}) is ${f.tiles.describe(dst)}, not an active Tensix core`);
  if (addr % 4 !== 0 || addr + 4 > core.l1Bytes) throw fail(h, `noc_semaphore_inc: ${hex(addr)} is not an aligned word in the L1 of ${core.name}`);
  const arrive = f.nocs[noc].unicast(h.core.xy, dst, 0, now).doneAt;
  f.engine.at(arrive, (t) => {
    core.setL1Word(addr, (core.l1Word(addr) + increment) >>> 0);
    f.engine.wake(core, t);
  });
}

