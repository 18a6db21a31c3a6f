// The timing model of one NoC: unicast and rectangular multicast transfers over a 2D torus with
// per-link and per-port contention. The engine calls it in global time order; every call commits
// the reservations of all its packets at once.
//
// Model (hardware.md §3.1, [ISA-WH] NoC/README.md, NoC/RoutingPaths.md):
// - A packet is a header flit plus ≤ maxPacketBytes of payload (packets.ts). Switching is
//   cut-through ("wormhole switching"): the head leaves the source NIU's injection port, enters the
//   first link injectCycles later (NIU→router ~5), advances hopCycles per hop (router→router 9) and
//   reaches the destination NIU ejectCycles after the last router (router→NIU ~5); the tail follows
//   one link occupancy, ceil(wire bytes / linkBytesPerCycle), behind. Uncontended:
//   doneAt = time + injectCycles + hops·hopCycles + ejectCycles + occupancy.
// - Contention: each link, each injection port and each absorption port is a resource with a
//   next-free time (links.ts). A packet takes a resource at max(head arrival, free) and holds it for
//   its occupancy there (wire bytes / that resource's bytes per cycle), or until its tail arrives
//   if an earlier stage was slower. "Congestion only when two packets want the same link; one
//   waits" ([ISA-WH] RoutingPaths.md). Ports use the NIU limits of tt-npe ([NPE] wormhole_b0.hpp).
// - Back-pressure reaches the source only: the injection port stays held until the packet's tail
//   could have reached the destination NIU on an idle path (tail absorbed − path latency), so a
//   source cannot send faster than its bottleneck drains and `sentAt` is never optimistic.
// - A transfer above maxPacketBytes is a train of packets, each injected when the injection port
//   frees up. A multicast sends one train down the tree (union of the unicast routes); each tree
//   link is reserved once per packet; each receiver's absorption port once per packet.
//
// Approximations (README "limits of the model"):
// - Arbitration is first-come first-served in call order, per packet and per resource, rather than
//   flit-level round-robin between input ports and virtual channels. A call commits all its packets,
//   so a later call cannot interleave with or overtake packets already reserved — a long train on a
//   shared link finishes before a later flow's packets start.
// - Links have no back-pressure: a packet waiting for a downstream link does not hold the links
//   behind it (as if routers buffered whole packets; WH routers hold 2 KiB per port, [ISA-WH]
//   DRAMTile/README.md).
// - Virtual channels are two classes: header-only packets (read requests, acknowledgements,
//   atomics) on one, data on the other, each class with its own link and port timelines, since
//   "different VCs → interleaved" ([ISA-WH] NoC/README.md: request and response VC classes). A
//   header's one flit is not counted against the data's bandwidth or in the link counters.
//   Dateline, the 16 VCs of a port and static/dynamic VC choice are not modelled.
// - Network buffering is not credited to the source (`sentAt` is conservative by ≤ buffer/rate).
// - Multicast path reservation and its randomized backoff are not modelled.
import { ExitCode, MeshsimError } from '../errors.ts';
import { Resources, type ReservationObserver } from './links.ts';
import { packetCount, packetPayload, wireBytes } from './packets.ts';
import { validateNocParams, type NocId, type NocParams } from './params.ts';
import { firstAxis, hopCount, multicastTree, normalizeRect, route, treeLinks, type Rect } from './routing.ts';
import { AXIS_X, AXIS_Y, Torus, type Axis, type Coord, type Dir, type LinkRef } from './topology.ts';

export type { Coord, Dir, LinkRef } from './topology.ts';
export type { NocId, NocParams } from './params.ts';
export type { Rect } from './routing.ts';

/** Times at the destination NIU, and when the source NIU finished sending. Integer cycles. */
export interface Transfer {
  firstByteAt: number; // head of the first packet reaches the destination NIU
  doneAt: number; // tail of the last packet absorbed
  sentAt: number; // tail of the last packet left the source (the source buffer may be reused)
}

export interface MulticastTransfer {
  doneAt: number; // the last receiver's doneAt
  sentAt: number;
  perDest: { dst: Coord; doneAt: number }[]; // row-major over the rectangle, the source excluded
}

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

/** Round up to whole cycles, ignoring float noise far below a cycle. */
function cycles(t: number): number {
  const c = Math.ceil(t - 1e-6);
  return c === 0 ? 0 : c; // never -0
}

function internal(message: string): MeshsimError {
  return new MeshsimError(message, ExitCode.internal);
}

export class Network {
  readonly torus: Torus;
  private readonly first: Axis;
  private readonly linkRes: Resources;
  private readonly injRes: Resources;
  private readonly absRes: Resources;
  // Header-only packets (read requests, write acknowledgements, atomics) travel in their own
  // virtual-channel class: their own timelines, so they interleave with data instead of waiting.
  private readonly ctl: { link: Resources; inj: Resources; abs: Resources };
  private readonly injCyclesPerByte: Float64Array; // per tile; 0 = no limit
  private readonly absCyclesPerByte: Float64Array;
  private readonly trunkHead: Float64Array; // multicast scratch: head/tail at each trunk router
  private readonly trunkTail: Float64Array;
  private lastTime = -Infinity;
  private idle: Network | null = null; // for uncontendedCycles()
  // Results of the last sendPacket().
  private pktHead = 0;
  private pktTail = 0;

  constructor(
    readonly id: NocId,
    readonly params: NocParams,
  ) {
    validateNocParams(params);
    this.torus = new Torus(params.width, params.height, id);
    this.first = firstAxis(id);
    this.linkRes = new Resources(this.torus.linkCount);
    this.injRes = new Resources(this.torus.nodeCount);
    this.absRes = new Resources(this.torus.nodeCount);
    this.ctl = { link: new Resources(this.torus.linkCount), inj: new Resources(this.torus.nodeCount), abs: new Resources(this.torus.nodeCount) };
    this.injCyclesPerByte = new Float64Array(this.torus.nodeCount).fill(1 / params.injectionBytesPerCycle);
    this.absCyclesPerByte = new Float64Array(this.torus.nodeCount).fill(1 / params.absorptionBytesPerCycle);
    const n = Math.max(params.width, params.height) + 1;
    this.trunkHead = new Float64Array(n);
    this.trunkTail = new Float64Array(n);
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
    return idle.unicast(src, dst, bytes, 0).doneAt;
  }

  unicast(src: Coord, dst: Coord, bytes: number, time: number): Transfer {
    this.checkCall(time, bytes);
    const W = this.params.width;
    const H = this.params.height;
    const sx = src.x;
    const sy = src.y;
    const dx = dst.x;
    const dy = dst.y;
    if (sx >>> 0 !== sx || sy >>> 0 !== sy || dx >>> 0 !== dx || dy >>> 0 !== dy || sx >= W || dx >= W || sy >= H || dy >= H)
      throw internal(`NoC${this.id} unicast (${sx},${sy})→(${dx},${dy}) outside the ${W}×${H} grid`);
    const max = this.params.maxPacketBytes;
    const n = packetCount(bytes, max);
    let firstByteAt = 0;
    for (let i = 0; i < n; i++) {
      this.sendPacket(sx, sy, dx, dy, packetPayload(bytes, max, i), time);
      if (i === 0) firstByteAt = this.pktHead;
    }
    return {
      firstByteAt: cycles(firstByteAt),
      doneAt: cycles(this.pktTail),
      sentAt: cycles((bytes === 0 ? this.ctl.inj : this.injRes).free[sy * W + sx]),
    };
  }

  multicast(src: Coord, rect: Rect, bytes: number, time: number): MulticastTransfer {
    this.checkCall(time, bytes);
    this.checkCoord(src, 'source');
    this.checkRect(rect);
    const t = this.torus;
    const p = this.params;
    const r = normalizeRect(rect);
    const tree = multicastTree(t, this.first, src, r);
    const rw = r.x1 - r.x0 + 1;
    const srcInRect = src.x >= r.x0 && src.x <= r.x1 && src.y >= r.y0 && src.y <= r.y1;
    if (rw * (r.y1 - r.y0 + 1) === (srcInRect ? 1 : 0)) return { doneAt: cycles(time), sentAt: cycles(time), perDest: [] };
    const done = new Float64Array(rw * (r.y1 - r.y0 + 1)); // per rectangle slot, row-major
    const L = this.linkRes;
    const A = this.absRes;
    const second: Axis = this.first === AXIS_X ? AXIS_Y : AXIS_X;
    const srcNode = t.node(src.x, src.y);
    const max = p.maxPacketBytes;
    const n = packetCount(bytes, max);
    for (let i = 0; i < n; i++) {
      const payload = packetPayload(bytes, max, i);
      const wire = wireBytes(payload, p.flitBytes);
      const occ = Math.ceil(wire / p.linkBytesPerCycle);
      const abs = this.absCyclesPerByte;
      this.injRes.pass(srcNode, time, time, wire * this.injCyclesPerByte[srcNode], payload, wire);
      let h = this.injRes.head + p.injectCycles;
      let tl = this.injRes.tail + p.injectCycles;
      let x = src.x;
      let y = src.y;
      this.trunkHead[0] = h;
      this.trunkTail[0] = tl;
      for (let k = 1; k <= tree.trunkLength; k++) {
        L.pass(t.linkId(x, y, this.first), h, tl, occ, payload, wire);
        h = L.head + p.hopCycles;
        tl = L.tail + p.hopCycles;
        this.trunkHead[k] = h;
        this.trunkTail[k] = tl;
        if (this.first === AXIS_X) x = t.step(x, p.width);
        else y = t.step(y, p.height);
      }
      let release = 0; // back-pressure on the source: latest (tail absorbed − idle path latency)
      for (const k of tree.branchOffsets) {
        // Trunk router k, then down its branch.
        x = this.first === AXIS_X ? wrap(src.x + t.sign * k, p.width) : src.x;
        y = this.first === AXIS_X ? src.y : wrap(src.y + t.sign * k, p.height);
        h = this.trunkHead[k];
        tl = this.trunkTail[k];
        for (let m = 0; m <= tree.branchLength; m++) {
          const b = second === AXIS_Y ? y : x;
          if (b >= tree.lo && b <= tree.hi && (x !== src.x || y !== src.y)) {
            const node = t.node(x, y);
            A.pass(node, h + p.ejectCycles, tl + p.ejectCycles, wire * abs[node], payload, wire);
            const slot = (y - r.y0) * rw + (x - r.x0);
            if (A.tail > done[slot]) done[slot] = A.tail;
            const latest = A.tail - (p.injectCycles + (k + m) * p.hopCycles + p.ejectCycles);
            if (latest > release) release = latest;
          }
          if (m === tree.branchLength) break;
          L.pass(t.linkId(x, y, second), h, tl, occ, payload, wire);
          h = L.head + p.hopCycles;
          tl = L.tail + p.hopCycles;
          if (second === AXIS_Y) y = t.step(y, p.height);
          else x = t.step(x, p.width);
        }
      }
      this.injRes.holdUntil(srcNode, release);
    }
    const perDest: { dst: Coord; doneAt: number }[] = [];
    let doneAt = cycles(time);
    for (let y = r.y0; y <= r.y1; y++) {
      for (let x = r.x0; x <= r.x1; x++) {
        if (x === src.x && y === src.y) continue;
        const d = cycles(done[(y - r.y0) * rw + (x - r.x0)]);
        perDest.push({ dst: { x, y }, doneAt: d });
        if (d > doneAt) doneAt = d;
      }
    }
    return { doneAt, sentAt: cycles(this.injRes.free[srcNode]), perDest };
  }

  links(): LinkStats[] {
    const out: LinkStats[] = [];
    const L = this.linkRes;
    for (let id = 0; id < this.torus.linkCount; id++) {
      const ref = this.torus.link(id);
      out.push({ id, from: ref.from, to: ref.to, dir: ref.dir, bytes: L.bytes[id], packets: L.packets[id], busyCycles: cycles(L.busy[id]) });
    }
    return out;
  }

  portStats(): PortStats[] {
    const out: PortStats[] = [];
    const I = this.injRes;
    const A = this.absRes;
    for (let node = 0; node < this.torus.nodeCount; node++) {
      out.push({
        at: { x: node % this.params.width, y: Math.floor(node / this.params.width) },
        injectedBytes: I.bytes[node],
        injectedPackets: I.packets[node],
        injectBusyCycles: cycles(I.busy[node]),
        absorbedBytes: A.bytes[node],
        absorbedPackets: A.packets[node],
        absorbBusyCycles: cycles(A.busy[node]),
      });
    }
    return out;
  }

  /** Report every reservation (null to stop). For invariant tests and traces; costs a call per packet per resource. */
  observe(observer: NocObserver | null): void {
    const wrapKind = (kind: ResourceKind): ReservationObserver | null =>
      observer === null ? null : (i, s, e, pb, wb) => observer(kind, i, s, e, pb, wb);
    this.linkRes.observer = wrapKind('link');
    this.injRes.observer = wrapKind('inject');
    this.absRes.observer = wrapKind('absorb');
  }

  reset(): void {
    for (const res of Object.values(this.ctl)) res.reset();
    this.linkRes.reset();
    this.injRes.reset();
    this.absRes.reset();
    this.lastTime = -Infinity;
  }

  // One packet of a unicast; leaves its head/tail at the destination NIU in pktHead/pktTail.
  private sendPacket(sx: number, sy: number, dx: number, dy: number, payload: number, time: number): void {
    const p = this.params;
    const t = this.torus;
    const header = payload === 0;
    const L = header ? this.ctl.link : this.linkRes;
    const I = header ? this.ctl.inj : this.injRes;
    const A = header ? this.ctl.abs : this.absRes;
    const W = p.width;
    const H = p.height;
    const hop = p.hopCycles;
    const wire = wireBytes(payload, p.flitBytes);
    const occ = Math.ceil(wire / p.linkBytesPerCycle);
    const srcNode = sy * W + sx;
    I.pass(srcNode, time, time, wire * this.injCyclesPerByte[srcNode], payload, wire);
    let h = I.head + p.injectCycles;
    let tl = I.tail + p.injectCycles;
    let x = sx;
    let y = sy;
    const nx = t.distance(sx, dx, W);
    const ny = t.distance(sy, dy, H);
    for (let pass = 0; pass < 2; pass++) {
      if ((pass === 0) === (this.first === AXIS_X)) {
        for (let k = nx; k > 0; k--) {
          L.pass((y * W + x) * 2, h, tl, occ, payload, wire);
          h = L.head + hop;
          tl = L.tail + hop;
          x = t.step(x, W);
        }
      } else {
        for (let k = ny; k > 0; k--) {
          L.pass((y * W + x) * 2 + 1, h, tl, occ, payload, wire);
          h = L.head + hop;
          tl = L.tail + hop;
          y = t.step(y, H);
        }
      }
    }
    const dstNode = dy * W + dx;
    A.pass(dstNode, h + p.ejectCycles, tl + p.ejectCycles, wire * this.absCyclesPerByte[dstNode], payload, wire);
    this.pktHead = A.head;
    this.pktTail = A.tail;
    I.holdUntil(srcNode, A.tail - (p.injectCycles + (nx + ny) * hop + p.ejectCycles));
  }

  private checkCall(time: number, bytes: number): void {
    if (!(time >= this.lastTime) || !Number.isFinite(time))
      throw internal(`NoC${this.id} called at time ${time} after time ${this.lastTime}: calls must come in nondecreasing time order`);
    this.lastTime = time;
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

function wrap(v: number, n: number): number {
  return ((v % n) + n) % n;
}
