// A tensor on the device, after ttnn's Tensor: a shape, a data format, a memory config and the
// storage behind it (a DRAM buffer, or an L1 buffer on the cores of its shards). Storage lives
// across programs until deallocate(), as tt-metal's buffers do.
import { describeMemory, type MemoryConfig } from './memory-config.ts';
import { TensorLayout } from './layout.ts';
import type { DataFormat } from '../compute/formats.ts';
import type { DramBuffer } from '../dram/dram.ts';
import type { Device } from '../host/device.ts';
import type { L1Buffer } from '../host/l1-buffers.ts';
import { badInput } from '../errors.ts';

export type TensorStorage = { dram: DramBuffer } | { l1: L1Buffer };

export class Tensor {
  readonly layout: TensorLayout;
  readonly storage: TensorStorage;
  private live = true;

  // Allocates the storage; `name` says what the tensor is in messages ("attention Q", "weights").
  constructor(
    readonly device: Device,
    readonly shape: readonly number[],
    readonly dtype: DataFormat,
    readonly memory: MemoryConfig,
    readonly name = 'tensor',
  ) {
    this.layout = new TensorLayout(shape, dtype, memory, device.dram.banks, name);
    const { tileBytes } = this.layout;
    if (memory.kind === 'l1-sharded') {
      this.storage = { l1: device.allocateL1(this.layout.shardTiles!.cores, this.layout.shardBytes, name) };
    } else {
      this.storage = { dram: device.createBuffer(this.layout.pages * tileBytes, tileBytes, this.layout.pagesPerBank) };
    }
  }

  get rows(): number {
    return this.shape[this.shape.length - 2] ?? 1;
  }

  get cols(): number {
    return this.shape[this.shape.length - 1];
  }

  // Product of the leading dims (the matrices stacked in the tile matrix).
  get batch(): number {
    return this.layout.grid.batch;
  }

  get dram(): DramBuffer {
    if (!('dram' in this.storage)) throw badInput(`${this.name} is in L1 (${describeMemory(this.memory)}), not in DRAM`);
    return this.storage.dram;
  }

  get l1(): L1Buffer {
    if (!('l1' in this.storage)) throw badInput(`${this.name} is in DRAM (${describeMemory(this.memory)}), not in L1`);
    return this.storage.l1;
  }

  get where(): string {
    return describeMemory(this.memory);
  }

  get isAllocated(): boolean {
    return this.live;
  }

  deallocate(): void {
    if (!this.live) return;
    this.live = false;
    if ('dram' in this.storage) this.device.freeBuffer(this.storage.dram);
    else this.device.freeL1(this.storage.l1);
  }

  toString(): string {
    return `${this.name} [${this.shape.join(', ')}] ${this.dtype}, ${this.where}`;
  }
}
