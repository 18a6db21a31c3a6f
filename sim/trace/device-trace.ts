// Connects a device's parts to what records them: the span recorder (trace.json, the report) and
// the NoC event log (--export-noc-trace). The engine and the command handlers call these hooks;
// each is a no-op for what is not being recorded.
import type { CoreHart, TensixCore, Wait } from '../core/tensix-core.ts';
import type { Coord } from '../arch/types.ts';
import type { Network, Rect } from '../noc/network.ts';
import { firstAxis, multicastTree, treeLinks } from '../noc/routing.ts';
import type { Dram } from '../dram/dram.ts';
import { arg } from '../engine/checks.ts';
import { Cmd } from '../core/mmio.ts';
import type { NocEventType, NocTraceLog } from './noc-trace.ts';
import type { SpanArgs, TraceRecorder } from './recorder.ts';
import { waitName } from '../engine/waits.ts';

// Tracks of a core, in the order they appear: reader, compute and its stages, writer.
export const CORE_TRACK_ORDER = ['ncrisc', 'trisc', 'unpack', 'math', 'pack', 'brisc'];

function waitArgs(w: Wait): SpanArgs {
  switch (w.kind) {
    case 'cb_reserve_back':
    case 'cb_wait_front':
      return { cb: w.cb.config.index, pages: w.pages };
    case 'semaphore':
      return { address: `0x${w.addr.toString(16)}`, value: w.value };
    default:
      return { noc: w.noc };
  }
}

// The operands of the compute command the hart is applying (its command block), for the slices
// of the tile-engine stages it started.
function computeArgs(h: CoreHart): SpanArgs {
  switch (h.hart.mmio.value) {
    case Cmd.MATMUL_TILES:
      return { in0_cb: arg(h, 0), in1_cb: arg(h, 1), in0_tile: arg(h, 2), in1_tile: arg(h, 3), dst: arg(h, 4) };
    case Cmd.MATMUL_BLOCK:
      return { in0_cb: arg(h, 0), in1_cb: arg(h, 1), in0_tile: arg(h, 2), in1_tile: arg(h, 3), dst: arg(h, 4), ct_dim: arg(h, 6), rt_dim: arg(h, 7), kt_dim: arg(h, 8) };
    case Cmd.BINARY_TILES:
      return { cb_a: arg(h, 2), cb_b: arg(h, 3), tile_a: arg(h, 4), tile_b: arg(h, 5), dst: arg(h, 6) };
    case Cmd.COPY_TILE:
    case Cmd.TRANSPOSE_WH_TILE:
      return { cb: arg(h, 0), tile: arg(h, 1), dst: arg(h, 2) };
    case Cmd.REDUCE_TILE:
      return { cb: arg(h, 0), scaler_cb: arg(h, 1), tile: arg(h, 2), dst: arg(h, 4) };
    case Cmd.SFPU_TILE:
      return { dst: arg(h, 1) };
    case Cmd.PACK_TILE:
      return { dst: arg(h, 0), out_cb: arg(h, 1), out_tile: arg(h, 2) };
    default:
      return {};
  }
}

const xy = (c: Coord) => `(${c.x},${c.y})`;

export class DeviceTrace {
  private readonly order = new Map<TensixCore, number>();

  constructor(
    readonly spans: TraceRecorder | undefined,
    readonly noc: NocTraceLog | undefined,
    private readonly nocs: Network[],
  ) {}

  // Registers the tracks of every core (row-major over the grid) and hooks the counters.
  attach(cores: TensixCore[], dram: Dram): void {
    const r = this.spans;
    if (!r) return;
    cores.forEach((core, i) => {
      this.order.set(core, i);
      CORE_TRACK_ORDER.forEach((name, order) => r.track(core.name, name, i, order));
      core.tileEngine.observe = (stage, name, start, end) => {
        r.span(r.track(core.name, stage), 'tile', name, start, end, computeArgs(core.hart('trisc')));
        if (stage === 'math') r.count(core.name, `${core.name} FPU busy`, 'cycles', start, end, end - start);
      };
    });
    for (const net of this.nocs) {
      const names = net.links().map((l) => `NoC${net.id} link ${xy(l.from)}→${xy(l.to)}`);
      net.observe((kind, index, start, end, payload) => {
        if (kind === 'link') r.count('NoC links', names[index], 'bytes', start, end, payload);
      });
    }
    dram.timing.forEach((bank, i) => {
      bank.observe = (start, end, bytes) => r.count('DRAM banks', `DRAM bank ${i}`, 'bytes', start, end, bytes);
    });
  }

  private hartTrack(h: CoreHart): number {
    return this.spans!.track(h.core.name, h.processor);
  }

  waitBegan(h: CoreHart, w: Wait, now: number): void {
    this.spans?.beginWait(this.hartTrack(h), waitName(w), now, waitArgs(w));
  }

  waitEnded(h: CoreHart, now: number): void {
    this.spans?.endWait(this.hartTrack(h), now);
  }

  kernelEnded(h: CoreHart): void {
    this.spans?.span(this.hartTrack(h), 'kernel', h.kernel, h.startedAt, h.hart.cycles, { instructions: h.hart.instructions });
  }

  zone(h: CoreHart, name: string, start: number, end: number): void {
    this.spans?.span(this.hartTrack(h), 'zone', name, start, end);
  }

  // A NoC command as tt-metal's NoC trace logs it.
  nocEvent(h: CoreHart, type: NocEventType, noc: number, now: number, bytes = 0, dst?: Coord, rect?: Rect): void {
    this.noc?.add(h, type, noc, now - h.startedAt, bytes, dst, rect);
  }

  // Data of `bytes` arriving at `at` over [start, end), issued by `h` at `issuedAt`.
  arrival(h: CoreHart, at: TensixCore, noc: number, op: string, bytes: number, from: Coord, start: number, end: number, issuedAt: number): void {
    const r = this.spans;
    if (!r) return;
    const name = `${op} ${bytes} B from ${xy(from)}`;
    r.arrival(at.name, this.order.get(at) ?? 0, noc, name, start, end, { bytes, src: xy(from), dst: xy(at.xy), issuer: h.name }, this.hartTrack(h), issuedAt);
  }

  // A multicast's bytes per window on its tree, and the tree itself (for the report's strokes).
  multicast(h: CoreHart, noc: number, rect: Rect, bytes: number, start: number, end: number): void {
    const r = this.spans;
    if (!r) return;
    const src = h.core.xy;
    const name = `NoC${noc} multicast ${xy(src)}→${xy({ x: rect.x0, y: rect.y0 })}-${xy({ x: rect.x1, y: rect.y1 })}`;
    if (!r.multicastTrees.has(name)) {
      const net = this.nocs[noc];
      const links = treeLinks(net.torus, multicastTree(net.torus, firstAxis(net.id), src, rect), src).map((l) => l.id);
      r.multicastTrees.set(name, { name, noc, src, rect, links });
    }
    r.count('NoC multicast trees', name, 'bytes', start, end, bytes);
  }
}
