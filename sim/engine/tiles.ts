// What sits at each NoC coordinate of the chip, and which cores are active in this run.
import { tileMap, type TileKind } from '../arch/index.ts';
import type { ArchPreset, Coord } from '../arch/types.ts';
import type { TensixCore } from '../core/tensix-core.ts';

// How a tile that is not an active core is named in messages.
const NAMES: Record<TileKind, string> = {
  tensix: 'Tensix core outside the compute grid',
  dram: 'DRAM tile',
  ethernet: 'Ethernet tile',
  pcie: 'PCIe tile',
  arc: 'ARC tile',
  router: 'router-only tile',
  harvested: 'harvested Tensix tile',
  empty: 'tile with nothing behind its router',
};

export class TileMap {
  private readonly cores: (TensixCore | undefined)[]; // by NoC0 tile, row-major over the grid: looked up per NoC transfer
  private readonly kinds: TileKind[][];
  // multicastReceivers() answers, by rectangle and sender: a kernel multicasts to the same few
  // rectangles over and over.
  private readonly receivers = new Map<number, readonly TensixCore[] | string>();

  constructor(private readonly preset: ArchPreset, active: TensixCore[]) {
    this.kinds = tileMap(preset);
    this.cores = new Array<TensixCore | undefined>(preset.grid.width * preset.grid.height).fill(undefined);
    for (const c of active) this.cores[c.xy.y * preset.grid.width + c.xy.x] = c;
  }

  coreAt(xy: Coord): TensixCore | undefined {
    const { width, height } = this.preset.grid;
    return xy.x < width && xy.y < height ? this.cores[xy.y * width + xy.x] : undefined;
  }

  describe(xy: Coord): string {
    const { width, height } = this.preset.grid;
    if (xy.x >= width || xy.y >= height) return `outside the ${width}×${height} grid`;
    return `a ${NAMES[this.kinds[xy.y][xy.x]]}`;
  }

  // Active cores that receive a multicast to the rectangle, or why the rectangle is not allowed.
  // Receivers can only be Tensix tiles ([ISA-WH] NoC/README.md); a whole row or column of other
  // tiles inside the rectangle (Wormhole's DRAM column x=5, the Ethernet row y=6) is passed over,
  // as the 8×8 worker grid's rectangles on the real chip do. A Tensix outside the compute grid
  // would be written to, so it makes the rectangle an error.
  multicastReceivers(r: { x0: number; y0: number; x1: number; y1: number }, sender: TensixCore): readonly TensixCore[] | string {
    const key = (((r.x0 * 256 + r.y0) * 256 + r.x1) * 256 + r.y1) * 65536 + sender.xy.y * 256 + sender.xy.x;
    let found = this.receivers.get(key);
    if (found === undefined) this.receivers.set(key, (found = this.findReceivers(r, sender)));
    return found;
  }

  private findReceivers(r: { x0: number; y0: number; x1: number; y1: number }, sender: TensixCore): TensixCore[] | string {
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
        if (core) {
          if (core !== sender) receivers.push(core);
        } else if (this.kinds[y][x] === 'tensix' || (columnHasCore(x) && rowHasCore(y))) {
          return `${name} includes (${x},${y}), ${this.describe({ x, y })}: multicast receivers must all be active Tensix cores`;
        }
      }
    }
    return receivers;
  }
}
