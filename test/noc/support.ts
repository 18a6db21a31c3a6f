// Shared fixtures of the NoC tests: Wormhole-like parameters, a seeded PRNG, a reservation
// recorder, and transfers whose results land in a box once the NoC has run.
import type { NocParams } from '../../sim/noc/params.ts';
import type { Coord, MulticastTransfer, Network, Rect, ResourceKind, Transfer } from '../../sim/noc/network.ts';

/** WH numbers of hardware.md §5, with NIU ports as fast as a link unless a test says otherwise. */
export function whParams(over: Partial<NocParams> = {}): NocParams {
  return {
    width: 10,
    height: 12,
    linkBytesPerCycle: 32,
    hopCycles: 9,
    injectCycles: 5,
    ejectCycles: 5,
    maxPacketBytes: 8192,
    flitBytes: 32,
    injectionBytesPerCycle: 32,
    absorptionBytesPerCycle: 32,
    ...over,
  };
}

export { mulberry32 as rng } from '../../sim/random.ts';

export function randInt(r: () => number, n: number): number {
  return Math.floor(r() * n);
}

export interface Interval {
  start: number;
  end: number;
  payload: number;
  wire: number;
}

/** Records every reservation of a network, per resource. */
export class Recorder {
  readonly byResource = new Map<string, Interval[]>();

  constructor(net: Network) {
    net.observe((kind, index, start, end, payload, wire) => {
      const key = `${kind}:${index}`;
      let list = this.byResource.get(key);
      if (!list) this.byResource.set(key, (list = []));
      list.push({ start, end, payload, wire });
    });
  }

  get(kind: ResourceKind, index: number): Interval[] {
    return this.byResource.get(`${kind}:${index}`) ?? [];
  }

  /** Every (kind, index, intervals) recorded. */
  *entries(): Generator<[ResourceKind, number, Interval[]]> {
    for (const [key, list] of this.byResource) {
      const [kind, index] = key.split(':');
      yield [kind as ResourceKind, Number(index), list];
    }
  }
}

/** Where a transfer's result lands when the NoC has run its events (net.advance); sentAt is known at once. */
export interface Box<T> {
  sentAt: number;
  result?: T;
}

export function issue(net: Network, src: Coord, dst: Coord, bytes: number, time: number): Box<Transfer> {
  const box: Box<Transfer> = { sentAt: 0 };
  box.sentAt = net.unicast(src, dst, bytes, time, (t) => (box.result = { firstByteAt: t.firstByteAt, doneAt: t.doneAt, sentAt: t.sentAt }));
  return box;
}

export function issueMulticast(net: Network, src: Coord, rect: Rect, bytes: number, time: number): Box<MulticastTransfer> {
  const box: Box<MulticastTransfer> = { sentAt: 0 };
  box.sentAt = net.multicast(src, rect, bytes, time, () => {}, (m) => (box.result = { doneAt: m.doneAt, sentAt: m.sentAt, perDest: m.perDest }));
  return box;
}

/** One unicast, run until the NoC is idle. */
export function transfer(net: Network, src: Coord, dst: Coord, bytes: number, time: number): Transfer {
  const box = issue(net, src, dst, bytes, time);
  net.advance(Infinity);
  return box.result!;
}

/** One multicast, run until the NoC is idle. */
export function multicastTransfer(net: Network, src: Coord, rect: Rect, bytes: number, time: number): MulticastTransfer {
  const box = issueMulticast(net, src, rect, bytes, time);
  net.advance(Infinity);
  return box.result!;
}
