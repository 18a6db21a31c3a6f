// An L1 buffer sharded over a set of cores (tt-metal: a Buffer of BufferType::L1 with a shard
// spec): one shard per core, at the same address on each, allocated from the top of L1 down so
// circular buffers (allocated from the bottom) and L1 buffers meet only when L1 is full. A buffer
// lives on the device across programs; a circular buffer can be placed on it (tt-metal:
// CircularBufferConfig::set_globally_allocated_address), so a kernel sees the host's data in the CB.
import type { Coord } from '../arch/types.ts';
import { badInput } from '../errors.ts';

export interface L1Buffer {
  address: number; // the same on every core of the shard set
  cores: Coord[]; // shard i on cores[i]
  shardBytes: number;
  pageBytes: number;
}

const L1_BUFFER_ALIGNMENT = 32; // as tt-metal's L1 allocator aligns buffers ([BHGUIDE]: L1 alignment 16; DRAM 32)

// Top-down allocation, one floor for the whole device (as tt-metal's L1 allocator keeps one
// address range for all Tensix cores).
export class L1Allocator {
  readonly buffers: L1Buffer[] = [];
  private floorAddr: number;

  constructor(l1Bytes: number, private readonly lowest: number) {
    this.floorAddr = l1Bytes;
  }

  // The lowest address an L1 buffer uses: circular buffers must end below it.
  get floor(): number {
    return this.floorAddr;
  }

  allocate(cores: Coord[], shardBytes: number, pageBytes: number): L1Buffer {
    if (!Number.isInteger(shardBytes) || shardBytes < 1) throw badInput(`L1 buffer shard of ${shardBytes} bytes: expected a positive whole number`);
    if (!Number.isInteger(pageBytes) || pageBytes < 1 || shardBytes % pageBytes !== 0) {
      throw badInput(`L1 buffer page size ${pageBytes}: expected a positive whole number that divides the ${shardBytes}-byte shard`);
    }
    const address = Math.floor((this.floorAddr - shardBytes) / L1_BUFFER_ALIGNMENT) * L1_BUFFER_ALIGNMENT;
    if (address < this.lowest) throw badInput(`L1 buffer shard of ${shardBytes} bytes does not fit: ${this.floorAddr - this.lowest} bytes of L1 left above the kernels and semaphores`);
    this.floorAddr = address;
    const buffer = { address, cores: [...cores], shardBytes, pageBytes };
    this.buffers.push(buffer);
    return buffer;
  }
}
