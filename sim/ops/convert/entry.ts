// `meshsim op interleaved_to_sharded|sharded_to_interleaved`: a seeded tensor of --shape moved
// between DRAM interleaved and L1 sharded (sim/tensor/convert.ts), read back and checked equal to
// what was placed (exact: only values move). Strategy height-, width- or block-sharded: the
// sharding, over as many cores of the grid as the tile matrix allows (shards of whole tiles, the
// last ones partly empty). sharded_to_interleaved's input is placed sharded by a host transfer.
import type { Device } from '../../host/device.ts';
import type { CoreRange } from '../../host/program.ts';
import { interleavedToSharded, shardedToInterleaved } from '../../tensor/convert.ts';
import { fromDevice } from '../../tensor/host.ts';
import { tileGridOf } from '../../tensor/layout.ts';
import { DRAM_INTERLEAVED, shardedL1, type MemoryConfig } from '../../tensor/memory-config.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { compare, seededTensor, strategyOf, type OpEntry } from '../op-entry.ts';

const SHARDINGS = ['height-sharded', 'width-sharded', 'block-sharded'];

// The first `count` cores of the grid, row by row, as a rectangle.
function coresFor(device: Device, count: number): CoreRange {
  const cols = Math.min(count, device.grid.cols);
  return { start: { x: 0, y: 0 }, end: { x: cols - 1, y: Math.ceil(count / cols) - 1 } };
}

function memoryFor(device: Device, shape: readonly number[], sharding: string): MemoryConfig {
  const { height, width } = tileGridOf(shape);
  const cores = device.grid.rows * device.grid.cols;
  if (sharding === 'block-sharded') {
    const [rows, cols] = [Math.min(height, device.grid.rows), Math.min(width, device.grid.cols)];
    return shardedL1('block', { start: { x: 0, y: 0 }, end: { x: cols - 1, y: rows - 1 } }, [Math.ceil(height / rows) * 32, Math.ceil(width / cols) * 32]);
  }
  // Height: shards of whole tile rows, full width; width: of whole tile columns, full height.
  const tiles = sharding === 'height-sharded' ? height : width;
  const per = Math.ceil(tiles / cores);
  const range = coresFor(device, Math.ceil(tiles / per));
  return sharding === 'height-sharded' ? shardedL1('height', range, [per * 32, width * 32]) : shardedL1('width', range, [height * 32, per * 32]);
}

function convertEntry(name: string, describe: string, convert: (x: Tensor, memory: MemoryConfig) => Tensor, sharded: 'input' | 'output'): OpEntry {
  return {
    name,
    strategies: SHARDINGS,
    describe: `${describe}; shape [..., rows, cols]`,
    prefillShape: [1, 128, 768], // GPT-2 small's residual stream at seq 128
    run(device, shape, o) {
      const memory = memoryFor(device, shape, strategyOf(this, o.strategy));
      const x = seededTensor(device, shape, o, 1, 'x', 1, sharded === 'input' ? memory : DRAM_INTERLEAVED);
      const output = convert(x, memory);
      if (device.mode !== 'functional') return { output };
      return { output, check: compare(fromDevice(output), fromDevice(x), { rel: 0, abs: 0 }) };
    },
  };
}

export const CONVERT_ENTRIES: readonly OpEntry[] = [
  convertEntry('interleaved_to_sharded', 'a DRAM-interleaved tensor into L1 shards (each shard\'s core reads its tiles)', interleavedToSharded, 'output'),
  convertEntry('sharded_to_interleaved', 'an L1-sharded tensor out to DRAM interleaved (each shard\'s core writes its tiles)', (x) => shardedToInterleaved(x), 'input'),
];
