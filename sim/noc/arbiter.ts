// Round-robin arbitration of a resource between the input ports of its router, per packet.
//
// A router output (a link, or the NIU absorption port) can be wanted by packets from the local NIU
// and from the inbound link of each axis. Packets from one input port wait in arrival order
// (same VC: "one waits", [ISA-WH] NoC/RoutingPaths.md); when the resource frees, the next input
// port after the one served last that has a packet waiting gets it, so flows entering through
// different ports take turns packet by packet instead of the earliest train keeping the link.
// The 16 VCs of a port and flit-level interleaving are not modelled (README "limits of the model").
import { ExitCode, MeshsimError } from '../errors.ts';

export const PORT_LOCAL = 0; // from this tile's NIU
export const PORT_X = 1; // from the inbound X link (add the axis: PORT_LOCAL + 1 + axis)
export const PORT_Y = 2; // from the inbound Y link
export const INPUT_PORTS = 3;

/** Anything that can wait in a queue: it links to the next waiter of its port. */
export interface Waiter<T> {
  next: T | null;
}

export class RoundRobin<T extends Waiter<T>> {
  private readonly first: (T | null)[];
  private readonly last: (T | null)[];
  private readonly served: Uint8Array; // input port granted last, per resource
  private readonly waiting: Int32Array; // packets waiting, per resource

  constructor(readonly count: number) {
    this.first = new Array<T | null>(count * INPUT_PORTS).fill(null);
    this.last = new Array<T | null>(count * INPUT_PORTS).fill(null);
    this.served = new Uint8Array(count);
    this.waiting = new Int32Array(count);
  }

  isEmpty(r: number): boolean {
    return this.waiting[r] === 0;
  }

  enqueue(r: number, port: number, p: T): void {
    const q = r * INPUT_PORTS + port;
    p.next = null;
    const tail = this.last[q];
    if (tail === null) this.first[q] = p;
    else tail.next = p;
    this.last[q] = p;
    this.waiting[r]++;
  }

  /** Records a grant made without queueing, so the turn moves on from that port. */
  servedPort(r: number, port: number): void {
    this.served[r] = port;
  }

  /** The waiter whose turn it is (the resource must have one). */
  take(r: number): T {
    const base = r * INPUT_PORTS;
    let port = this.served[r];
    for (let k = 0; k < INPUT_PORTS; k++) {
      port = port + 1 === INPUT_PORTS ? 0 : port + 1;
      const p = this.first[base + port];
      if (p !== null) {
        this.first[base + port] = p.next;
        if (p.next === null) this.last[base + port] = null;
        p.next = null;
        this.served[r] = port;
        this.waiting[r]--;
        return p;
      }
    }
    throw new MeshsimError(`NoC arbiter: resource ${r} has no packet waiting`, ExitCode.internal);
  }

  reset(): void {
    this.first.fill(null);
    this.last.fill(null);
    this.served.fill(0);
    this.waiting.fill(0);
  }
}
