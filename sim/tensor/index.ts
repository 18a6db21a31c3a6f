// Tensors on the device (after ttnn): shapes, formats, memory configs, storage, host transfers.
export { Tensor, type TensorStorage } from './tensor.ts';
export { TensorLayout, tileGridOf, type TileGrid, type TileHome } from './layout.ts';
export { DRAM_INTERLEAVED, describeMemory, shardedL1, type MemoryConfig, type ShardLayout, type ShardOrientation, type ShardSpec } from './memory-config.ts';
export { fromDevice, toDevice, writeTensor } from './host.ts';
