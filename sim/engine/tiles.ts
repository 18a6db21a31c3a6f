// What sits at each NoC coordinate of the chip, and which cores are active in this run.
import type { ArchPreset, Coord } from '../arch/types.ts';
import type { TensixCore } from '../core/tensix-core.ts';

type Kind = 'Tensix core outside the compute grid' | 'DRAM tile' | 'Ethernet tile' | 'PCIe tile' | 'ARC tile' | 'router-only tile' | 'harvested Tensix tile';

export class TileMap {
  private readonly cores = new Map<number, TensixCore>();
  private readonly kinds = new Map<number, Kind>();

  constructor(private readonly preset: ArchPreset, active: TensixCore[]) {
    const key = (c: Coord) => c.y * 256 + c.x;
    const mark = (tiles: Coord[], kind: Kind) => tiles.forEach((c) => this.kinds.set(key(c), kind));
    mark(preset.tensix, 'Tensix core outside the compute grid');
    mark(preset.dram.channels.flatMap((ch) => ch.endpoints), 'DRAM tile');
    mark(preset.ethernet, 'Ethernet tile');
    mark(preset.pcie, 'PCIe tile');
    mark(preset.arc, 'ARC tile');
    mark(preset.routerOnly, 'router-only tile');
    const columns = new Set(preset.tensix.map((t) => t.x));
    for (const y of preset.harvestedRows) for (const x of columns) this.kinds.set(key({ x, y }), 'harvested Tensix tile');
    for (const c of active) this.cores.set(key(c.xy), c);
  }

  coreAt(xy: Coord): TensixCore | undefined {
    return this.cores.get(xy.y * 256 + xy.x);
  }

  describe(xy: Coord): string {
    const { width, height } = this.preset.grid;
    if (xy.x >= width || xy.y >= height) return `outside the ${width}×${height} grid`;
    return `a ${this.kinds.get(xy.y * 256 + xy.x) ?? 'tile with nothing behind its router'}`;
  }

  // Active cores that receive a multicast to the rectangle, or why the rectangle is not allowed.
  // Receivers can only be Tensix tiles ([ISA-WH] NoC/README.md); a whole row or column of other
  // tiles inside the rectangle (Wormhole's DRAM column x=5, the Ethernet row y=6) is passed over,
  // as the 8×8 worker grid's rectangles on the real chip do. A Tensix outside the compute grid
  // would be written to, so it makes the rectangle an error.
  multicastReceivers(r: { x0: number; y0: number; x1: number; y1: number }, sender: TensixCore): TensixCore[] | string {
    const name = `rectangle (${r.x0},${r.y0})-(${r.x1},${r.y1})`;
    const { width, height } = this.preset.grid;
    if (r.x0 > r.x1 || r.y0 > r.y1) return `${name}: start must be the top-left corner (x0 ≤ x1, y0 ≤ y1)`;
    if (r.x1 >= width || r.y1 >= height) return `${name} reaches outside the ${width}×${height} grid`;
    const receivers: TensixCore[] = [];
    const columnHasCore = (x: number) => { for (let y = r.y0; y <= r.y1; y++) if (this.coreAt({ x, y })) return true; return false; };
    const rowHasCore = (y: number) => { for (let x = r.x0; x <= r.x1; x++) if (this.coreAt({ x, y })) return true; return false; };
    for (let y = r.y0; y <= r.y1; y++) {
      for (let x = r.x0; x <= r.x1; x++) {
        const core = this.coreAt({ x, y });
        const kind = this.kinds.get(y * 256 + x);
        if (core) {
          if (core !== sender) receivers.push(core);
        } else if (kind === 'Tensix core outside the compute grid' || (columnHasCore(x) && rowHasCore(y))) {
          return `${name} includes (${x},${y}), ${this.describe({ x, y })}: multicast receivers must all be active Tensix cores`;
        }
      }
    }
    return receivers;
  }
}
