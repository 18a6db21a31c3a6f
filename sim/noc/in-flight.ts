// Packets in flight and the transfers they belong to. A packet is drawn from a pool when it is
// injected and returned when its last event is done, so a long run allocates only as many as are
// ever in flight at once.
import type { Waiter } from './arbiter.ts';
import type { Coord } from './topology.ts';

/** Times at the destination NIU, and when the source NIU finished sending. Integer cycles. */
export interface Transfer {
  firstByteAt: number; // head of the first packet taken in by the destination NIU
  doneAt: number; // tail of the last packet absorbed
  sentAt: number; // tail of the last packet left the source NIU (the source buffer may be reused)
}

export interface MulticastTransfer {
  doneAt: number; // the last receiver's doneAt
  sentAt: number;
  perDest: { dst: Coord; doneAt: number }[]; // the receivers, row-major over the rectangle (never the source)
}

// What a packet is doing: following a unicast route, running along a multicast trunk, down a
// multicast branch, or being absorbed by one multicast receiver.
export const UNICAST = 0;
export const TRUNK = 1;
export const BRANCH = 2;
export const LEAF = 3;
export const NO_RECEIVERS = 4; // a multicast to nobody: only its completion

/** Progress of one unicast transfer; handed to its callback when done. */
export class TransferState implements Transfer {
  firstByteAt = 0;
  doneAt = 0;
  sentAt = 0;
  constructor(readonly done: ((t: Transfer) => void) | null) {}
}

/** A multicast's rectangle and tree, and its receivers' progress; handed to its callback when done. */
export class MulticastState implements MulticastTransfer {
  doneAt = 0;
  sentAt = 0;
  readonly receiverDoneAt: number[]; // per rectangle slot, row-major; NaN where no receiver

  constructor(
    readonly src: Coord,
    readonly x0: number,
    readonly y0: number,
    readonly width: number, // of the rectangle
    readonly height: number,
    readonly firstLo: number, // range of the rectangle along the first axis of the route
    readonly firstHi: number,
    readonly secondLo: number, // and along the second
    readonly secondHi: number,
    readonly branchLength: number,
    public receiversLeft: number,
    readonly arrived: (x: number, y: number, doneAt: number) => void,
    readonly done: (m: MulticastTransfer) => void,
  ) {
    this.receiverDoneAt = new Array<number>(width * height).fill(NaN);
  }

  get perDest(): { dst: Coord; doneAt: number }[] {
    const out: { dst: Coord; doneAt: number }[] = [];
    for (let slot = 0; slot < this.receiverDoneAt.length; slot++) {
      const doneAt = this.receiverDoneAt[slot];
      if (doneAt === doneAt) out.push({ dst: { x: this.x0 + (slot % this.width), y: this.y0 + Math.floor(slot / this.width) }, doneAt });
    }
    return out;
  }
}

export class Packet implements Waiter<Packet> {
  kind = UNICAST;
  cls = 0; // virtual-channel class: 0 data, 1 header-only
  x = 0; // router the packet is at (or leaves from)
  y = 0;
  axis = 0; // axis of the link it wants next
  left = 0; // links left on that axis
  after = 0; // unicast: links on the other axis after the turn
  port = 0; // input port it entered the router by (arbiter.ts)
  head = 0; // head and tail ready at the resource it wants
  tail = 0;
  resource = 0;
  payload = 0;
  wire = 0;
  linkCycles = 0; // occupancy on a link
  first = false; // the first / last packet of its transfer
  last = false;
  unicast: TransferState | null = null; // the transfer it belongs to
  multicast: MulticastState | null = null;
  next: Packet | null = null;
  constructor(readonly id: number) {}

  /** Takes over where another packet is (a multicast copy at a branch point). */
  copyFrom(p: Packet): void {
    this.cls = p.cls;
    this.x = p.x;
    this.y = p.y;
    this.port = p.port;
    this.head = p.head;
    this.tail = p.tail;
    this.payload = p.payload;
    this.wire = p.wire;
    this.linkCycles = p.linkCycles;
    this.first = p.first;
    this.last = p.last;
    this.unicast = p.unicast;
    this.multicast = p.multicast;
  }
}

export class PacketPool {
  readonly byId: Packet[] = [];
  private readonly spare: Packet[] = [];

  take(kind: number): Packet {
    const p = this.spare.pop() ?? this.create();
    p.kind = kind;
    return p;
  }

  give(p: Packet): void {
    p.unicast = null;
    p.multicast = null;
    p.next = null;
    this.spare.push(p);
  }

  reset(): void {
    this.spare.length = 0;
    for (const p of this.byId) this.give(p);
  }

  private create(): Packet {
    const p = new Packet(this.byId.length);
    this.byId.push(p);
    return p;
  }
}
