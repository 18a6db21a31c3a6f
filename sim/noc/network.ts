// The timing model of one NoC: unicast and rectangular multicast transfers over a 2D torus, each a
// sequence of packet events, with links and NIU ports arbitrated per packet. The engine calls
// unicast() / multicast() in global time order; a transfer reports its completion by callback
// when its last packet is absorbed, since under arbitration that is known only then. The NoC's
// events go to a scheduler it may share with the device's other NoC (scheduler.ts), which the
// engine runs only as far as it needs to find the next completion (sim/engine/engine.ts);
// advance() runs it to a time for a NoC driven on its own.
//
// Model (hardware.md §3.1, [ISA-WH] NoC/README.md, NoC/RoutingPaths.md):
// - A packet is a header flit plus ≤ maxPacketBytes of payload (packets.ts). Switching is
//   cut-through ("wormhole switching"): the head leaves the source NIU's injection port, enters the
//   first link injectCycles later (NIU→router ~5), advances hopCycles per hop (router→router 9) and
//   reaches the destination NIU ejectCycles after the last router (router→NIU ~5); the tail follows
//   one link occupancy, ceil(wire bytes / linkBytesPerCycle), behind. Uncontended:
//   doneAt = time + injectCycles + hops·hopCycles + ejectCycles + occupancy.
// - A transfer above maxPacketBytes is a train of packets. The injection port sends the packets
//   of the transfers given to it in order, each when the one before has left (wire bytes at the
//   NIU rate, [NPE] wormhole_b0.hpp).
// - Every packet then asks for each link of its route, and at the end for the destination's
//   absorption port, when its head gets there. "Congestion only when two packets want the same
//   link; same VC → one waits" ([ISA-WH] RoutingPaths.md): a free resource is granted at once; a
//   busy one, when it frees, goes round robin to the next input port (local NIU, inbound X link,
//   inbound Y link) with a packet waiting, packets of one port in arrival order (arbiter.ts). A
//   packet holds a resource for its occupancy there, or until its tail arrives if an earlier stage
//   was slower (links.ts). Each packet costs one event per resource on its route: O(hops).
// - Header-only packets (read requests, write acknowledgements, atomics) travel in their own
//   virtual-channel class with their own links and ports, since "different VCs → interleaved"
//   ([ISA-WH] NoC/README.md: request and response VC classes). A header's one flit is not
//   counted against the data's bandwidth or in the link counters.
// - A multicast sends one train down its tree (the union of the unicast routes, routing.ts): the
//   trunk runs along the first axis; at every trunk router inside the rectangle a copy of each
//   packet turns down a branch, and at every router of a branch inside the rectangle a copy is
//   absorbed. Each copy is arbitrated on its own.
//
// Approximations (README "limits of the model"):
// - Routers buffer whole packets: a packet waiting for a link does not hold the links behind it
//   and nothing pushes back to the source, which injects at its port rate whatever is ahead
//   (WH routers hold 2 KiB per inbound port, [ISA-WH] DRAMTile/README.md).
// - Arbitration is per packet between input ports, not per flit between virtual channels; the
//   16 VCs of a port, the dateline and static/dynamic VC choice are not modelled.
// - Multicast path reservation and its randomized backoff are not modelled.
import { ExitCode, MeshsimError } from '../errors.ts';
import { PORT_LOCAL, PORT_X, RoundRobin } from './arbiter.ts';
import { BRANCH, LEAF, MulticastState, NO_RECEIVERS, PacketPool, TRUNK, TransferState, UNICAST, type MulticastTransfer, type Packet, type Transfer } from './in-flight.ts';
import { Resources, type ReservationObserver } from './links.ts';
import { NocScheduler, type NocEventHandler } from './scheduler.ts';
import { linkCycles, packetCount, packetPayload, wireBytes } from './packets.ts';
import { validateNocParams, type NocId, type NocParams } from './params.ts';
import { firstAxis, hopCount, multicastExtent, multicastTree, normalizeRect, route, treeLinks, type Rect } from './routing.ts';
import { AXIS_X, AXIS_Y, Torus, type Axis, type Coord, type Dir, type LinkRef } from './topology.ts';

export type { Coord, Dir, LinkRef } from './topology.ts';
export type { NocId, NocParams } from './params.ts';
export type { Rect } from './routing.ts';
export type { MulticastTransfer, Transfer } from './in-flight.ts';

export interface LinkStats {
  id: number;
  from: Coord;
  to: Coord;
  dir: Dir;
  bytes: number; // payload bytes carried
  packets: number;
  busyCycles: number; // cycles reserved, rounded up
}

export interface PortStats {
  at: Coord;
  injectedBytes: number;
  injectedPackets: number;
  injectBusyCycles: number;
  absorbedBytes: number;
  absorbedPackets: number;
  absorbBusyCycles: number;
}

export type ResourceKind = 'link' | 'inject' | 'absorb';
export type NocObserver = (kind: ResourceKind, index: number, start: number, end: number, payloadBytes: number, wireBytes: number) => void;

// Virtual-channel classes: each has its own copy of every link and port.
const DATA = 0;
const HEADER = 1;

// Packet events: a packet's head reaching the resource it wants, a busy resource freeing with
// packets waiting (value: id × 2 + kind). A completion's value is the packet's id.
const ARRIVE = 0;
const RELEASE = 1;

/** Round up to whole cycles, ignoring float noise far below a cycle. */
function cycles(t: number): number {
  const c = Math.ceil(t - 1e-6);
  return c === 0 ? 0 : c; // never -0
}

function internal(message: string): MeshsimError {
  return new MeshsimError(message, ExitCode.internal);
}

export class Network implements NocEventHandler {
  readonly torus: Torus;
  private readonly first: Axis;
  private readonly second: Axis;
  private readonly linkCount: number;
  private readonly perClass: number; // arbitrated resources of one VC class: links, then absorption ports
  private readonly arbitrated: Resources; // [class][links | absorption ports]
  private readonly injection: Resources; // [class][node], first come first served
  private readonly arbiter: RoundRobin<Packet>;
  private readonly releasePending: Uint8Array; // a RELEASE event is queued for the resource
  private readonly injCyclesPerByte: Float64Array; // per tile; 0 = no limit
  private readonly absCyclesPerByte: Float64Array;
  private readonly takesMulticast: Uint8Array; // per tile: 1 if a multicast over it is absorbed there
  private readonly slot: number; // in the scheduler
  private readonly packets = new PacketPool();
  private time = -Infinity; // latest call: no call may come before it
  private sentAt = 0; // when the last packet injected leaves its source
  private idle: Network | null = null; // for uncontendedCycles()

  constructor(
    readonly id: NocId,
    readonly params: NocParams,
    readonly scheduler: NocScheduler = new NocScheduler(),
  ) {
    validateNocParams(params);
    this.slot = scheduler.attach(this);
    this.torus = new Torus(params.width, params.height, id);
    this.first = firstAxis(id);
    this.second = this.first === AXIS_X ? AXIS_Y : AXIS_X;
    const nodes = this.torus.nodeCount;
    this.linkCount = this.torus.linkCount;
    this.perClass = this.linkCount + nodes;
    this.arbitrated = new Resources(2 * this.perClass);
    this.injection = new Resources(2 * nodes);
    this.arbiter = new RoundRobin<Packet>(2 * this.perClass);
    this.releasePending = new Uint8Array(2 * this.perClass);
    this.injCyclesPerByte = new Float64Array(nodes).fill(1 / params.injectionBytesPerCycle);
    this.absCyclesPerByte = new Float64Array(nodes).fill(1 / params.absorptionBytesPerCycle);
    this.takesMulticast = new Uint8Array(nodes).fill(1);
  }

  /** The tiles a multicast is absorbed by (the rest of a rectangle passes it on): on the chip only
   *  Tensix tiles ([ISA-WH] NoC/README.md). Every tile until this is called. */
  setMulticastReceivers(tiles: Coord[]): void {
    this.takesMulticast.fill(0);
    for (const c of tiles) {
      this.checkCoord(c, 'multicast receiver');
      this.takesMulticast[this.torus.node(c.x, c.y)] = 1;
    }
  }

  /** Per-tile NIU limits, e.g. DRAM tiles (tt-npe WH DRAM: inject 23.2, absorb 24.0 B/cycle, [NPE]). */
  setPortRates(at: Coord, rates: { injectionBytesPerCycle?: number; absorptionBytesPerCycle?: number }): void {
    this.checkCoord(at, 'port');
    const node = this.torus.node(at.x, at.y);
    for (const [rate, arr] of [
      [rates.injectionBytesPerCycle, this.injCyclesPerByte],
      [rates.absorptionBytesPerCycle, this.absCyclesPerByte],
    ] as const) {
      if (rate === undefined) continue;
      if (!(rate > 0)) throw internal(`NoC${this.id} port rate ${rate} at (${at.x},${at.y}) must be > 0`);
      arr[node] = 1 / rate;
    }
  }

  hops(src: Coord, dst: Coord): number {
    return hopCount(this.torus, src, dst);
  }

  route(src: Coord, dst: Coord): LinkRef[] {
    this.checkCoord(src, 'source');
    this.checkCoord(dst, 'destination');
    return route(this.torus, this.first, src, dst);
  }

  /** Every link of the multicast tree, each once, trunk first. */
  multicastRoute(src: Coord, rect: Rect): LinkRef[] {
    this.checkCoord(src, 'source');
    this.checkRect(rect);
    return treeLinks(this.torus, multicastTree(this.torus, this.first, src, rect), src);
  }

  /** doneAt − time of a transfer on an idle NoC. */
  uncontendedCycles(src: Coord, dst: Coord, bytes: number): number {
    if (this.idle === null) this.idle = new Network(this.id, this.params);
    const idle = this.idle;
    idle.reset();
    idle.injCyclesPerByte.set(this.injCyclesPerByte);
    idle.absCyclesPerByte.set(this.absCyclesPerByte);
    let doneAt = NaN;
    idle.unicast(src, dst, bytes, 0, (t) => (doneAt = t.doneAt));
    idle.advance(Infinity);
    return doneAt;
  }

  /** Time of the next thing to happen on the NoCs of this scheduler (Infinity when idle). */
  nextTime(): number {
    const e = this.scheduler.nextEventTime();
    const c = this.scheduler.nextCompletionTime();
    return e < c ? e : c;
  }

  /** Runs everything due at or before `now` on the NoCs of this scheduler; completions call back from here. */
  advance(now: number): void {
    this.scheduler.advance(now);
  }

  handleEvent(value: number, t: number): void {
    if ((value & 1) === ARRIVE) this.arrive(this.packets.byId[value >> 1], t);
    else this.release(value >> 1, t);
  }

  handleCompletion(value: number, t: number): void {
    this.complete(this.packets.byId[value], t);
  }

  /** Sends `bytes` from src to dst starting at `time`; `done` is called when the last packet is
   *  absorbed. Returns sentAt (when the source has sent it all: known at once, see Model). */
  unicast(src: Coord, dst: Coord, bytes: number, time: number, done: ((t: Transfer) => void) | null): number {
    this.checkCall(time, bytes);
    const p = this.params;
    const W = p.width;
    const H = p.height;
    const sx = src.x;
    const sy = src.y;
    const dx = dst.x;
    const dy = dst.y;
    if (sx >>> 0 !== sx || sy >>> 0 !== sy || dx >>> 0 !== dx || dy >>> 0 !== dy || sx >= W || dx >= W || sy >= H || dy >= H)
      throw internal(`NoC${this.id} unicast (${sx},${sy})→(${dx},${dy}) outside the ${W}×${H} grid`);
    const cls = bytes === 0 ? HEADER : DATA;
    const transfer = new TransferState(done);
    const nx = this.torus.distance(sx, dx, W);
    const ny = this.torus.distance(sy, dy, H);
    const max = p.maxPacketBytes;
    const n = packetCount(bytes, max);
    for (let i = 0; i < n; i++) {
      const pkt = this.inject(UNICAST, cls, sx, sy, packetPayload(bytes, max, i), time);
      pkt.unicast = transfer;
      transfer.sentAt = this.sentAt;
      pkt.first = i === 0;
      pkt.last = i === n - 1;
      pkt.axis = this.first;
      pkt.left = this.first === AXIS_X ? nx : ny;
      pkt.after = this.first === AXIS_X ? ny : nx;
      this.forwardUnicast(pkt);
    }
    return transfer.sentAt;
  }

  /** Sends `bytes` from src to every receiving tile of the rectangle but src; `arrived` is called as each
   *  receiver has absorbed the last packet, `done` after the last receiver. Returns sentAt. */
  multicast(src: Coord, rect: Rect, bytes: number, time: number, arrived: (x: number, y: number, doneAt: number) => void, done: (m: MulticastTransfer) => void): number {
    this.checkCall(time, bytes);
    this.checkCoord(src, 'source');
    this.checkRect(rect);
    const r = normalizeRect(rect);
    const tree = multicastExtent(this.torus, this.first, src, r);
    let receivers = 0;
    for (let y = r.y0; y <= r.y1; y++)
      for (let x = r.x0; x <= r.x1; x++) if (this.takesMulticast[y * this.params.width + x] === 1 && (x !== src.x || y !== src.y)) receivers++;
    const mc = new MulticastState(
      { x: src.x, y: src.y }, r.x0, r.y0, r.x1 - r.x0 + 1, r.y1 - r.y0 + 1,
      tree.firstLo, tree.firstHi, tree.lo, tree.hi, tree.branchLength, receivers, arrived, done,
    );
    if (mc.receiversLeft === 0) {
      const pkt = this.packets.take(NO_RECEIVERS);
      pkt.multicast = mc;
      mc.sentAt = cycles(time);
      this.scheduler.pushCompletion(this.slot, mc.sentAt, pkt.id);
      return mc.sentAt;
    }
    const max = this.params.maxPacketBytes;
    const n = packetCount(bytes, max);
    for (let i = 0; i < n; i++) {
      const pkt = this.inject(TRUNK, DATA, src.x, src.y, packetPayload(bytes, max, i), time);
      pkt.multicast = mc;
      pkt.last = i === n - 1;
      pkt.left = tree.trunkLength;
      this.atTrunkRouter(pkt);
    }
    mc.sentAt = this.sentAt;
    return mc.sentAt;
  }

  links(): LinkStats[] {
    const out: LinkStats[] = [];
    const L = this.arbitrated;
    for (let id = 0; id < this.linkCount; id++) {
      const ref = this.torus.link(id);
      out.push({ id, from: ref.from, to: ref.to, dir: ref.dir, bytes: L.bytes[id], packets: L.packets[id], busyCycles: cycles(L.busy[id]) });
    }
    return out;
  }

  portStats(): PortStats[] {
    const out: PortStats[] = [];
    const I = this.injection;
    const A = this.arbitrated;
    for (let node = 0; node < this.torus.nodeCount; node++) {
      const a = this.linkCount + node;
      out.push({
        at: { x: node % this.params.width, y: Math.floor(node / this.params.width) },
        injectedBytes: I.bytes[node],
        injectedPackets: I.packets[node],
        injectBusyCycles: cycles(I.busy[node]),
        absorbedBytes: A.bytes[a],
        absorbedPackets: A.packets[a],
        absorbBusyCycles: cycles(A.busy[a]),
      });
    }
    return out;
  }

  /** Report every grant of the data class (null to stop). For invariant tests and traces. */
  observe(observer: NocObserver | null): void {
    const links = this.linkCount;
    const perClass = this.perClass;
    const nodes = this.torus.nodeCount;
    const onArbitrated: ReservationObserver | null =
      observer === null
        ? null
        : (i, s, e, pb, wb) => {
            if (i < links) observer('link', i, s, e, pb, wb);
            else if (i < perClass) observer('absorb', i - links, s, e, pb, wb);
          };
    const onInjection: ReservationObserver | null = observer === null ? null : (i, s, e, pb, wb) => (i < nodes ? observer('inject', i, s, e, pb, wb) : undefined);
    this.arbitrated.observer = onArbitrated;
    this.injection.observer = onInjection;
  }

  /** Clears the counters and everything in flight (on the scheduler's other NoCs too). */
  reset(): void {
    this.arbitrated.reset();
    this.injection.reset();
    this.arbiter.reset();
    this.releasePending.fill(0);
    this.scheduler.clear();
    this.packets.reset();
    this.time = -Infinity;
  }

  // A packet through the source's injection port, first come first served; leaves it at the
  // source router with its head and tail times there.
  private inject(kind: number, cls: number, x: number, y: number, payload: number, time: number): Packet {
    const p = this.params;
    const node = y * p.width + x;
    const wire = wireBytes(payload, p.flitBytes);
    const port = cls * this.torus.nodeCount + node;
    const free = this.injection.free[port];
    const start = time > free ? time : free;
    const end = this.injection.grant(port, start, wire * this.injCyclesPerByte[node], 0, payload, wire);
    this.sentAt = cycles(end);
    const pkt = this.packets.take(kind);
    pkt.cls = cls;
    pkt.x = x;
    pkt.y = y;
    pkt.port = PORT_LOCAL;
    pkt.head = start + p.injectCycles;
    pkt.tail = end + p.injectCycles;
    pkt.payload = payload;
    pkt.wire = wire;
    pkt.linkCycles = linkCycles(payload, p.flitBytes, p.linkBytesPerCycle);
    pkt.first = false;
    pkt.last = false;
    return pkt;
  }

  // The packet wants the link leaving its router along its axis.
  private requestLink(pkt: Packet, axis: Axis): void {
    pkt.axis = axis;
    pkt.resource = pkt.cls * this.perClass + (pkt.y * this.params.width + pkt.x) * 2 + axis;
    this.scheduler.push(this.slot, pkt.head, pkt.id * 2 + ARRIVE);
  }

  // The packet has reached the router of its destination NIU and wants its absorption port.
  private requestAbsorb(pkt: Packet): void {
    const p = this.params;
    pkt.head += p.ejectCycles;
    pkt.tail += p.ejectCycles;
    pkt.resource = pkt.cls * this.perClass + this.linkCount + pkt.y * p.width + pkt.x;
    this.scheduler.push(this.slot, pkt.head, pkt.id * 2 + ARRIVE);
  }

  private forwardUnicast(pkt: Packet): void {
    if (pkt.left === 0 && pkt.after > 0) {
      pkt.left = pkt.after;
      pkt.after = 0;
      pkt.axis = this.second;
    }
    if (pkt.left > 0) this.requestLink(pkt, pkt.axis as Axis);
    else this.requestAbsorb(pkt);
  }

  // A multicast packet at a router of the trunk: a copy turns down the branch if this router's
  // column (NoC0) or row (NoC1) is inside the rectangle, and the trunk goes on while it has links.
  private atTrunkRouter(pkt: Packet): void {
    const mc = pkt.multicast!;
    const a = this.first === AXIS_X ? pkt.x : pkt.y;
    if (a >= mc.firstLo && a <= mc.firstHi) {
      if (mc.branchLength === 0) this.absorbCopy(pkt); // a branch of no links: only this router's copy
      else {
        const branch = this.packets.take(BRANCH);
        branch.copyFrom(pkt);
        branch.left = mc.branchLength;
        this.atBranchRouter(branch);
      }
    }
    if (pkt.left > 0) this.requestLink(pkt, this.first);
    else this.packets.give(pkt);
  }

  // A multicast packet at a router of a branch: a copy is absorbed if the router is a receiver.
  private atBranchRouter(pkt: Packet): void {
    this.absorbCopy(pkt);
    if (pkt.left > 0) this.requestLink(pkt, this.second);
    else this.packets.give(pkt);
  }

  // A copy of a multicast packet for this router's NIU, if the router is a receiver.
  private absorbCopy(pkt: Packet): void {
    const mc = pkt.multicast!;
    const b = this.second === AXIS_Y ? pkt.y : pkt.x;
    if (b >= mc.secondLo && b <= mc.secondHi && (pkt.x !== mc.src.x || pkt.y !== mc.src.y) && this.takesMulticast[pkt.y * this.params.width + pkt.x] === 1) {
      const leaf = this.packets.take(LEAF);
      leaf.copyFrom(pkt);
      this.requestAbsorb(leaf);
    }
  }

  private arrive(pkt: Packet, t: number): void {
    const r = pkt.resource;
    if (this.arbitrated.free[r] <= t && this.arbiter.isEmpty(r)) {
      this.arbiter.servedPort(r, pkt.port);
      this.grant(pkt, r, t);
      return;
    }
    this.arbiter.enqueue(r, pkt.port, pkt);
    if (this.releasePending[r] === 0) {
      this.releasePending[r] = 1;
      const free = this.arbitrated.free[r];
      this.scheduler.push(this.slot, free > t ? free : t, r * 2 + RELEASE);
    }
  }

  private release(r: number, t: number): void {
    this.grant(this.arbiter.take(r), r, t);
    if (this.arbiter.isEmpty(r)) this.releasePending[r] = 0;
    else this.scheduler.push(this.slot, this.arbitrated.free[r], r * 2 + RELEASE);
  }

  private grant(pkt: Packet, r: number, start: number): void {
    const p = this.params;
    const local = r - pkt.cls * this.perClass;
    if (local < this.linkCount) {
      const end = this.arbitrated.grant(r, start, pkt.linkCycles, pkt.tail, pkt.payload, pkt.wire);
      pkt.head = start + p.hopCycles;
      pkt.tail = end + p.hopCycles;
      pkt.port = PORT_X + pkt.axis;
      pkt.left--;
      if (pkt.axis === AXIS_X) pkt.x = this.torus.step(pkt.x, p.width);
      else pkt.y = this.torus.step(pkt.y, p.height);
      if (pkt.kind === UNICAST) this.forwardUnicast(pkt);
      else if (pkt.kind === TRUNK) this.atTrunkRouter(pkt);
      else this.atBranchRouter(pkt);
      return;
    }
    const node = local - this.linkCount;
    const end = this.arbitrated.grant(r, start, pkt.wire * this.absCyclesPerByte[node], pkt.tail, pkt.payload, pkt.wire);
    if (pkt.first) pkt.unicast!.firstByteAt = cycles(start);
    if (pkt.last) this.scheduler.pushCompletion(this.slot, cycles(end), pkt.id);
    else this.packets.give(pkt);
  }

  // The last packet of a transfer (or, for a multicast, of one receiver) is absorbed.
  private complete(pkt: Packet, t: number): void {
    const { kind, x, y, unicast, multicast: mc } = pkt;
    this.packets.give(pkt);
    if (kind === UNICAST) {
      unicast!.doneAt = t;
      unicast!.done?.(unicast!);
      return;
    }
    if (kind === LEAF) {
      mc!.receiverDoneAt[(y - mc!.y0) * mc!.width + (x - mc!.x0)] = t;
      mc!.receiversLeft--;
      mc!.arrived(x, y, t);
    }
    if (mc!.receiversLeft > 0) return;
    mc!.doneAt = t; // the receivers complete in time order: this one is the last
    mc!.done(mc!);
  }

  private checkCall(time: number, bytes: number): void {
    const after = this.time > this.scheduler.time ? this.time : this.scheduler.time;
    if (!(time >= after) || !Number.isFinite(time))
      throw internal(`NoC${this.id} called at time ${time} after time ${after}: calls must come in nondecreasing time order, never before an event already run`);
    this.time = time;
    if (!(bytes >= 0) || !Number.isInteger(bytes)) throw internal(`NoC${this.id} transfer of ${bytes} bytes: expected an integer ≥ 0`);
  }

  private checkCoord(c: Coord, what: string): void {
    if (!this.torus.contains(c)) throw internal(`NoC${this.id} ${what} (${c.x},${c.y}) outside the ${this.params.width}×${this.params.height} grid`);
  }

  private checkRect(r: Rect): void {
    this.checkCoord({ x: r.x0, y: r.y0 }, 'multicast corner');
    this.checkCoord({ x: r.x1, y: r.y1 }, 'multicast corner');
  }
}
