// NoC transfers, as steps after the command that starts them, each begun when the NoC reports the
// one before done: a read is a request packet, the access at the target (an L1 or a DRAM bank)
// and a response; a write is the data and an acknowledgement; a multicast writes every receiver
// of a rectangle; a semaphore increment is an atomic at the target.
import type { Coord } from '../arch/types.ts';
import type { CoreHart, TensixCore } from '../core/tensix-core.ts';
import { MAX_SEMAPHORES, rectOf, SEMAPHORE_BASE, SEMAPHORE_STRIDE } from '../core/mmio.ts';
import type { Network } from '../noc/network.ts';
import { checkL1, fail } from './checks.ts';
import { hex } from '../errors.ts';
import type { Fabric } from './fabric.ts';

const SEMAPHORE_END = SEMAPHORE_BASE + MAX_SEMAPHORES * SEMAPHORE_STRIDE;

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
      throw fail(h, `${op}: DRAM bank ${bank} at (${xy.x},${xy.y}), ${hex(addr)} + ${bytes} bytes is not inside one page of an allocated DRAM buffer (its alignment padding included)`);
    }
    return { bank };
  }
  throw fail(h, `${op}: NoC address (${xy.x},${xy.y}) is ${f.tiles.describe(xy)}, not an active Tensix core or a DRAM bank endpoint`);
}

function checkSize(h: CoreHart, bytes: number, op: string): void {
  if (bytes === 0 || bytes > 0x7fffffff) throw fail(h, `${op}: size ${bytes} bytes, expected 1 or more`);
}

export function nocRead(f: Fabric, h: CoreHart, src: Coord, srcAddr: number, dstAddr: number, bytes: number, noc: number, now: number): void {
  h.hart.cycles += f.preset.noc.commandCycles; // the NIU accepting the request
  checkSize(h, bytes, 'noc_async_read');
  checkL1(h, dstAddr, bytes, 'noc_async_read destination');
  const from = target(f, h, src, srcAddr, bytes, 'noc_async_read');
  const net = f.nocs[noc];
  const core = h.core;
  h.readsInFlight[noc]++;
  f.trace?.nocEvent(h, 'READ', noc, now, bytes, src);
  net.unicast(core.xy, src, 0, now, (request) => {
    const t = request.doneAt;
    const ready = 'core' in from ? t + f.preset.noc.l1AccessCycles : f.dram.timing[from.bank].access(t, bytes, false);
    f.engine.at(ready, (t2) => {
      net.unicast(src, core.xy, bytes, t2, (response) => {
        f.trace?.arrival(h, core, noc, 'noc_async_read', bytes, src, response.firstByteAt, response.doneAt, now);
        if (f.functional) {
          if ('core' in from) core.writeL1(dstAddr, from.core.l1().slice(srcAddr, srcAddr + bytes));
          else {
            const data = new Uint8Array(bytes);
            f.dram.contents[from.bank].read(srcAddr, data);
            core.writeL1(dstAddr, data);
          }
        }
        h.readsInFlight[noc]--;
        f.engine.wake(core, response.doneAt);
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
  net.unicast(from, h.core.xy, 0, now, (ack) => {
    h.writesInFlight[noc]--;
    f.engine.wake(h.core, ack.doneAt);
  });
}

export function nocWrite(f: Fabric, h: CoreHart, srcAddr: number, dst: Coord, dstAddr: number, bytes: number, noc: number, now: number): void {
  h.hart.cycles += f.preset.noc.commandCycles; // the NIU accepting the request
  checkSize(h, bytes, 'noc_async_write');
  checkL1(h, srcAddr, bytes, 'noc_async_write source');
  const to = target(f, h, dst, dstAddr, bytes, 'noc_async_write');
  const data = payload(f, h, srcAddr, dstAddr, bytes);
  const net = f.nocs[noc];
  h.writesInFlight[noc]++;
  f.trace?.nocEvent(h, 'WRITE', noc, now, bytes, dst);
  net.unicast(h.core.xy, dst, bytes, now, ({ firstByteAt, doneAt: t }) => {
    if ('core' in to) {
      f.trace?.arrival(h, to.core, noc, 'noc_async_write', bytes, h.core.xy, firstByteAt, t, now);
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

// The rectangle of a multicast address. On NoC1, whose coordinates run from the bottom-right, a
// rectangle comes end-first (hardware.md §3.1: "multicast start/end must be swapped on NoC1"), as
// tt-metal's NoC1 kernels give it; it names the same cores as the start-first one.
function multicastRect(packed: number, noc: number) {
  const r = rectOf(packed);
  const endFirst = r.x0 >= r.x1 && r.y0 >= r.y1;
  return noc === 1 && endFirst ? { x0: r.x1, y0: r.y1, x1: r.x0, y1: r.y0 } : r;
}

export function nocMulticast(f: Fabric, h: CoreHart, srcAddr: number, packedRect: number, dstAddr: number, bytes: number, noc: number, numDests: number, now: number): void {
  h.hart.cycles += f.preset.noc.commandCycles; // the NIU accepting the request
  checkSize(h, bytes, 'noc_async_write_multicast');
  checkL1(h, srcAddr, bytes, 'noc_async_write_multicast source');
  const rect = multicastRect(packedRect, noc);
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
  f.trace?.nocEvent(h, 'WRITE_MULTICAST', noc, now, bytes, undefined, rect);
  // The last packet's bytes take this long to be absorbed at a receiver (its NIU's rate).
  const absorb = Math.ceil(Math.min(bytes, f.preset.noc.maxPacketBytes) / f.preset.noc.absorptionBytesPerCycle);
  // The acknowledgement comes from the receiver that took the data in last.
  let last: Coord = h.core.xy;
  net.multicast(
    h.core.xy,
    rect,
    bytes,
    now,
    (x, y, t) => {
      last = { x, y };
      const core = f.tiles.coreAt(last);
      if (core && core !== h.core) {
        f.trace?.arrival(h, core, noc, 'noc_async_write_multicast', bytes, h.core.xy, Math.max(now, t - absorb), t, now);
        deliver(f, core, dstAddr, data, t);
      }
    },
    (m) => {
      f.trace?.multicast(h, noc, rect, bytes, now, m.doneAt);
      acknowledge(f, h, net, last, noc, m.doneAt);
    },
  );
}

export function semaphoreInc(f: Fabric, h: CoreHart, dst: Coord, addr: number, increment: number, noc: number, now: number): void {
  h.hart.cycles += f.preset.noc.commandCycles; // the NIU accepting the request
  const core = f.tiles.coreAt(dst);
  if (!core) throw fail(h, `noc_semaphore_inc: NoC address (${dst.x},${dst.y}) is ${f.tiles.describe(dst)}, not an active Tensix core`);
  if (addr % 4 !== 0 || addr + 4 > core.l1Bytes) throw fail(h, `noc_semaphore_inc: ${hex(addr)} is not an aligned word in the L1 of ${core.name}`);
  f.trace?.nocEvent(h, 'SEMAPHORE_INC', noc, now, 4, dst);
  h.atomicsInFlight[noc]++;
  f.nocs[noc].unicast(h.core.xy, dst, 0, now, ({ doneAt: t }) => {
    core.setL1Word(addr, (core.l1Word(addr) + increment) >>> 0);
    h.atomicsInFlight[noc]--; // noc_async_atomic_barrier: landed (the acknowledgement's trip back is not modelled)
    f.engine.wake(core, t);
    if (core !== h.core) f.engine.wake(h.core, t);
  });
}
