// L1 buffers: memory the host allocates on a set of cores, living across programs until freed
// (tt-metal's L1 buffers, which sharded tensors use). As tt-metal's allocator does, L1 is
// allocated in lockstep — a buffer has the same address on every core — and from the top down,
// so that each program's circular buffers, placed from the bottom up, can be checked against the
// lowest L1 buffer on each core.
import type { Coord } from '../arch/types.ts';
import { L1_ALLOC_BASE } from '../core/mmio.ts';
import { badInput } from '../errors.ts';
import { RangeAllocator } from '../memory/range-allocator.ts';
import { coreKey } from './program.ts';

export interface L1Buffer {
  id: number;
  address: number; // the same on every core of the buffer
  bytesPerCore: number;
  cores: Coord[]; // logical cores holding it
  label: string; // what it holds, for messages
}

const ALIGN = 32; // [BHGUIDE] L1 alignment is 16 B; 32 keeps every tile on a NoC flit boundary

export class L1Buffers {
  private readonly space: RangeAllocator;
  private readonly live: L1Buffer[] = [];
  private nextId = 0;

  constructor(private readonly l1Bytes: number, private readonly describeCore: (c: Coord) => string) {
    this.space = new RangeAllocator(L1_ALLOC_BASE, l1Bytes);
  }

  allocate(cores: Coord[], bytesPerCore: number, label: string): L1Buffer {
    if (!(Number.isInteger(bytesPerCore) && bytesPerCore > 0)) throw badInput(`L1 buffer for ${label}: ${bytesPerCore} bytes per core, expected a positive whole number`);
    const address = this.space.allocate(bytesPerCore, ALIGN, 'top');
    if (address === undefined) {
      const core = this.describeCore(cores[0]);
      throw badInput(
        `L1 buffer for ${label} does not fit: it needs ${bytesPerCore} bytes on each of ${cores.length} cores (first ${core}), ` +
          `and the largest free range of L1 is ${this.space.largestFree()} of ${this.l1Bytes - L1_ALLOC_BASE} bytes`,
      );
    }
    const buffer = { id: this.nextId++, address, bytesPerCore, cores: [...cores], label };
    this.live.push(buffer);
    return buffer;
  }

  free(buffer: L1Buffer): void {
    const i = this.live.indexOf(buffer);
    if (i < 0) throw badInput(`L1 buffer for ${buffer.label} is not allocated (freed twice?)`);
    this.live.splice(i, 1);
    this.space.release(buffer.address, buffer.bytesPerCore);
  }

  // The lowest live L1 buffer on a core, which circular buffers must stay below.
  lowestOn(core: Coord): L1Buffer | undefined {
    const key = coreKey(core);
    let lowest: L1Buffer | undefined;
    for (const b of this.live) if ((!lowest || b.address < lowest.address) && b.cores.some((c) => coreKey(c) === key)) lowest = b;
    return lowest;
  }

  isLive(buffer: L1Buffer): boolean {
    return this.live.includes(buffer);
  }
}
