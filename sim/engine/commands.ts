// What a hart's MMIO loads and command stores do (sim/core/mmio.ts lists them), applied at the
// hart's clock in global time order: core registers, circular buffers, semaphores, barriers and
// debug prints here; NoC transfers in noc-commands.ts, tile-engine work in compute-commands.ts.
import type { CoreHart } from '../core/tensix-core.ts';
import type { CircularBuffer } from '../core/circular-buffer.ts';
import {
  Cmd, CMD_NAMES, MAX_DRAM_BANKS, MAX_RUNTIME_ARGS, MMIO_CB_DATA_FORMAT, MMIO_CB_NUM_PAGES, MMIO_CB_PAGE_SIZE, MMIO_CB_READ_PTR,
  MMIO_CB_WRITE_PTR, MMIO_CMD, MMIO_COMMON_ARG, MMIO_CYCLE, MMIO_DRAM_BANK_XY, MMIO_LOGICAL_XY, MMIO_MY_XY, MMIO_NOC_INDEX,
  MMIO_NUM_DRAM_BANKS, MMIO_RUNTIME_ARG, NUM_CBS, PRIVATE_RAM_BASE, TT_DATA_FORMAT, xyOf,
} from '../core/mmio.ts';
import { Stop } from '../riscv/layout.ts';
import { arg, checkL1, circularBuffer, fail, nocIndex } from './checks.ts';
import { hex } from '../errors.ts';
import { computeCommand, isPrivateCompute } from './compute-commands.ts';
import type { Fabric } from './fabric.ts';
import { nocMulticast, nocRead, nocWrite, semaphoreInc } from './noc-commands.ts';
import { isSatisfied } from './waits.ts';

// Applies the hart's pending stop (an MMIO load or a command store); false when the hart blocks.
export function applyAccess(f: Fabric, h: CoreHart, stop: number, now: number): boolean {
  const hart = h.hart;
  const addr = hart.mmioAddr;
  const width = hart.mmioWidth;
  if (width !== 4) throw fail(h, `${width}-byte MMIO access at ${hex(addr)}: MMIO registers are 32-bit words`);
  if (stop === Stop.MMIO_LOAD) {
    hart.setReg(hart.mmioRd, readRegister(f, h, addr));
    return true;
  }
  if (addr !== MMIO_CMD) throw fail(h, `store to ${hex(addr)}, which is not an MMIO register that accepts stores (CMD is ${hex(MMIO_CMD)})`);
  return command(f, h, hart.mmioValue, now);
}

// Whether the pending access does the same now as after the events due before it elsewhere, so
// the engine may apply it at once, as it runs the hart's instructions, instead of in global time
// order (engine.ts): loads of registers fixed for the run (args, coordinates, CB configs, the
// DRAM banks) or of the hart's own clock, and tile-engine commands on pages already at hand
// (compute-commands.ts). CB pointers and counts, semaphores, NoC commands, prints and zones
// are shared or ordered: they wait their turn.
export function isPrivateAccess(h: CoreHart, stop: number): boolean {
  const addr = h.hart.mmioAddr;
  if (stop === Stop.MMIO_LOAD) return addr < MMIO_CB_WRITE_PTR || addr >= MMIO_DRAM_BANK_XY;
  if (stop !== Stop.MMIO_STORE || addr !== MMIO_CMD || h.processor !== 'trisc') return false;
  const code = h.hart.mmioValue;
  return isComputeCommand(code) && isPrivateCompute(h, code);
}

function isComputeCommand(code: number): boolean {
  return (code >= Cmd.COMPUTE_INIT && code <= Cmd.TILE_REGS_RELEASE) || code === Cmd.MATMUL_BLOCK || code === Cmd.PACK_RECONFIG_L1_ACC || code === Cmd.SFPU_BINARY_TILE;
}

// Word i of a register array at base with count words, or -1 when addr is outside it.
function registerIndex(addr: number, base: number, count: number): number {
  return addr >= base && addr < base + 4 * count ? (addr - base) / 4 : -1;
}

function readRegister(f: Fabric, h: CoreHart, addr: number): number {
  const core = h.core;
  if (addr === MMIO_MY_XY) return (core.xy.y << 8) | core.xy.x;
  if (addr === MMIO_NUM_DRAM_BANKS) return f.dram.banks;
  if (addr === MMIO_CYCLE) return h.hart.cycles % 2 ** 32;
  if (addr === MMIO_NOC_INDEX) return h.noc;
  if (addr === MMIO_LOGICAL_XY) return (core.logical.y << 8) | core.logical.x;
  let i = registerIndex(addr, MMIO_RUNTIME_ARG, MAX_RUNTIME_ARGS);
  if (i >= 0) {
    if (i >= h.runtimeArgs.length) throw fail(h, `get_arg_val(${i}): index out of range, the kernel was given ${h.runtimeArgs.length} runtime args`);
    return h.runtimeArgs[i];
  }
  i = registerIndex(addr, MMIO_COMMON_ARG, MAX_RUNTIME_ARGS);
  if (i >= 0) {
    if (i >= h.commonArgs.length) throw fail(h, `get_common_arg_val(${i}): index out of range, the kernel was given ${h.commonArgs.length} common runtime args`);
    return h.commonArgs[i];
  }
  i = registerIndex(addr, MMIO_CB_WRITE_PTR, NUM_CBS);
  if (i >= 0) return circularBuffer(h, i, 'get_write_ptr').writePtr;
  i = registerIndex(addr, MMIO_CB_READ_PTR, NUM_CBS);
  if (i >= 0) return circularBuffer(h, i, 'get_read_ptr').readPtr;
  i = registerIndex(addr, MMIO_CB_PAGE_SIZE, NUM_CBS);
  if (i >= 0) return circularBuffer(h, i, 'get_local_cb_interface').config.pageBytes;
  i = registerIndex(addr, MMIO_CB_NUM_PAGES, NUM_CBS);
  if (i >= 0) return circularBuffer(h, i, 'get_local_cb_interface').config.pages;
  i = registerIndex(addr, MMIO_CB_DATA_FORMAT, NUM_CBS);
  if (i >= 0) return TT_DATA_FORMAT[circularBuffer(h, i, 'get_dataformat').config.format];
  i = registerIndex(addr, MMIO_DRAM_BANK_XY, MAX_DRAM_BANKS);
  if (i >= 0) {
    if (i >= f.dram.banks) throw fail(h, `DRAM bank ${i} does not exist: the device has ${f.dram.banks} banks`);
    const xy = f.dram.endpoint(i);
    return (xy.y << 8) | xy.x;
  }
  throw fail(h, `load from ${hex(addr)}, which is not an MMIO register`);
}

function command(f: Fabric, h: CoreHart, code: number, now: number): boolean {
  const core = h.core;
  switch (code) {
    case Cmd.NOC_READ:
      nocRead(f, h, xyOf(arg(h, 0)), arg(h, 1), arg(h, 2), arg(h, 3), nocIndex(h, arg(h, 4)), now);
      return true;
    case Cmd.NOC_WRITE:
      nocWrite(f, h, arg(h, 0), xyOf(arg(h, 1)), arg(h, 2), arg(h, 3), nocIndex(h, arg(h, 4)), now);
      return true;
    case Cmd.NOC_WRITE_MULTICAST:
      nocMulticast(f, h, arg(h, 0), arg(h, 1), arg(h, 2), arg(h, 3), nocIndex(h, arg(h, 4)), arg(h, 5), now);
      return true;
    case Cmd.NOC_READ_BARRIER:
      return block(h, { kind: 'read_barrier', noc: nocIndex(h, arg(h, 0)) });
    case Cmd.NOC_WRITE_BARRIER:
      return block(h, { kind: 'write_barrier', noc: nocIndex(h, arg(h, 0)) });
    case Cmd.NOC_ATOMIC_BARRIER:
      return block(h, { kind: 'atomic_barrier', noc: nocIndex(h, arg(h, 0)) });
    case Cmd.NOC_SEMAPHORE_INC:
      semaphoreInc(f, h, xyOf(arg(h, 0)), arg(h, 1), arg(h, 2), nocIndex(h, arg(h, 3)), now);
      return true;
    case Cmd.SEMAPHORE_WAIT:
    case Cmd.SEMAPHORE_WAIT_MIN:
      checkL1(h, arg(h, 0), 4, 'noc_semaphore_wait');
      return block(h, { kind: 'semaphore', addr: arg(h, 0), value: arg(h, 1), atLeast: code === Cmd.SEMAPHORE_WAIT_MIN });
    case Cmd.SEMAPHORE_SET:
      checkL1(h, arg(h, 0), 4, 'noc_semaphore_set');
      core.setL1Word(arg(h, 0), arg(h, 1));
      f.engine.wake(core, now);
      return true;
    case Cmd.CB_RESERVE_BACK:
    case Cmd.CB_WAIT_FRONT: {
      const op = code === Cmd.CB_RESERVE_BACK ? 'cb_reserve_back' : 'cb_wait_front';
      const cb = circularBuffer(h, arg(h, 0), op);
      if (arg(h, 1) === 0) return true; // nothing to wait for, as in tt-metal
      const bad = cb.checkCount(op, arg(h, 1));
      if (bad) throw fail(h, bad);
      if (code === Cmd.CB_RESERVE_BACK) cb.reserve(arg(h, 1));
      return block(h, { kind: op, cb, pages: arg(h, 1) });
    }
    case Cmd.CB_PUSH_BACK:
    case Cmd.CB_POP_FRONT: {
      const push = code === Cmd.CB_PUSH_BACK;
      const op = push ? 'cb_push_back' : 'cb_pop_front';
      const cb = circularBuffer(h, arg(h, 0), op);
      const pages = arg(h, 1);
      if (pages === 0) return true; // moves no pointer, as in tt-metal
      const bad = cb.checkCount(op, pages);
      if (bad) throw fail(h, bad);
      const wrong = push ? cb.push(pages) : cb.pop(pages);
      if (wrong) throw fail(h, wrong);
      if (push) cb.packed = 0; // the packer's next tile is the new back's first
      // The compute hart's pages show when its packer has written them, and their space frees
      // when its unpacker has read them; a data-movement hart's at once.
      const at = h.processor === 'trisc' ? Math.max(now, push ? core.tileEngine.packDoneAt : core.tileEngine.unpackDoneAt) : now;
      if (at > now) f.engine.at(at, (t) => pagesDone(f, h, cb, pages, push, t));
      else pagesDone(f, h, cb, pages, push, now);
      return true;
    }
    case Cmd.DPRINT:
      f.print(h, arg(h, 1) === 0 ? '' : new TextDecoder().decode(hartBytes(h, arg(h, 0), arg(h, 1))));
      return true;
    case Cmd.ZONE_BEGIN:
      h.zones.push({ name: new TextDecoder().decode(hartBytes(h, arg(h, 0), arg(h, 1))), start: now });
      return true;
    case Cmd.ZONE_END: {
      const zone = h.zones.pop();
      if (!zone) throw fail(h, 'profiler zone end without a zone begun (DeviceZoneScopedN closes its own zone at the end of its scope)');
      f.trace?.zone(h, zone.name, zone.start, now);
      return true;
    }
    default:
      if (isComputeCommand(code)) return computeCommand(h, code, now);
      throw fail(h, `unknown command ${code} written to CMD (known: ${Object.values(CMD_NAMES).join(', ')})`);
  }
}

// Pushed pages become visible, or popped pages free, and the core's waiting harts look again.
function pagesDone(f: Fabric, h: CoreHart, cb: CircularBuffer, pages: number, push: boolean, now: number): void {
  if (push) cb.show(pages);
  else cb.release(pages);
  f.engine.wake(h.core, now);
}

// Blocks the hart until the wait is satisfied (at once if it already is).
function block(h: CoreHart, wait: NonNullable<CoreHart['wait']>): boolean {
  if (isSatisfied(h, wait)) return true;
  h.wait = wait;
  return false;
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
