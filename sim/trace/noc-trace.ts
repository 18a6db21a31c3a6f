// --export-noc-trace: the run's NoC commands in tt-metal's NoC trace JSON, the format tt-npe reads
// (tt-npe tt_npe/doc/noc_trace_format.md): one flat array of events, sorted by source (sx, sy),
// then processor, then timestamp; each with proc, sx/sy, noc, type, vc, num_bytes, timestamp
// (cycles from the kernel's start) and either dx/dy (unicast) or the multicast rectangle.
// Coordinates are NoC0 (physical) tile coordinates.
import type { Coord } from '../arch/types.ts';
import type { CoreHart } from '../core/tensix-core.ts';
import type { Rect } from '../noc/network.ts';

export type NocEventType = 'READ' | 'WRITE' | 'WRITE_MULTICAST' | 'SEMAPHORE_INC' | 'READ_BARRIER_START' | 'WRITE_BARRIER_START' | 'SEMAPHORE_WAIT';

export interface NocTraceEvent {
  proc: 'BRISC' | 'NCRISC' | 'TRISC_0';
  sx: number;
  sy: number;
  noc: 'NOC_0' | 'NOC_1';
  type: NocEventType;
  vc: number;
  num_bytes: number;
  timestamp: number;
  dx?: number;
  dy?: number;
  mcast_start_x?: number;
  mcast_start_y?: number;
  mcast_end_x?: number;
  mcast_end_y?: number;
}

const PROC = { brisc: 'BRISC', ncrisc: 'NCRISC', trisc: 'TRISC_0' } as const;

export class NocTraceLog {
  private readonly byHart = new Map<CoreHart, NocTraceEvent[]>();
  events = 0;
  dropped = 0;

  constructor(readonly maxEvents: number) {}

  add(h: CoreHart, type: NocEventType, noc: number, timestamp: number, bytes: number, dst?: Coord, rect?: Rect): void {
    if (this.events >= this.maxEvents) {
      this.dropped++;
      return;
    }
    this.events++;
    const e: NocTraceEvent = { proc: PROC[h.processor], sx: h.core.xy.x, sy: h.core.xy.y, noc: noc === 0 ? 'NOC_0' : 'NOC_1', type, vc: -1, num_bytes: bytes, timestamp };
    if (dst) Object.assign(e, { dx: dst.x, dy: dst.y });
    if (rect) Object.assign(e, { mcast_start_x: rect.x0, mcast_start_y: rect.y0, mcast_end_x: rect.x1, mcast_end_y: rect.y1 });
    let list = this.byHart.get(h);
    if (!list) this.byHart.set(h, (list = []));
    list.push(e); // a hart issues in time order
  }

  toJson(): NocTraceEvent[] {
    const harts = [...this.byHart].sort(([a], [b]) => a.core.xy.x - b.core.xy.x || a.core.xy.y - b.core.xy.y || (PROC[a.processor] < PROC[b.processor] ? -1 : 1));
    return harts.flatMap(([, events]) => events);
  }
}
