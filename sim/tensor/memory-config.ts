// Where a tensor lives, after ttnn's MemoryConfig: interleaved over the DRAM banks, width-sharded
// over the DRAM banks (one shard per bank, as tt-metal's DRAM-sharded matmul weights), or sharded
// over the L1 of a range of cores (height, width or block sharding, with a shard shape per core and
// the order in which shards are dealt to the cores).
import type { CoreRange } from '../host/program.ts';

export type ShardLayout = 'height' | 'width' | 'block';
export type ShardOrientation = 'row-major' | 'col-major';

export interface ShardSpec {
  layout: ShardLayout;
  cores: CoreRange; // logical cores (x = column, y = row of the compute grid), inclusive
  shape: [number, number]; // rows × columns of one shard, in values (multiples of 32)
  // row-major: shards go to the cores row by row (height / width), and a block shard's row of
  // shards runs along a row of cores; col-major: column by column, and block rows run down columns.
  orientation: ShardOrientation;
}

export type MemoryConfig =
  | { kind: 'dram-interleaved' }
  | { kind: 'dram-sharded'; shardCols: number } // columns (values, a multiple of 32) per DRAM bank
  | { kind: 'l1-sharded'; shard: ShardSpec };

export const DRAM_INTERLEAVED: MemoryConfig = { kind: 'dram-interleaved' };

export function shardedL1(layout: ShardLayout, cores: CoreRange, shape: [number, number], orientation: ShardOrientation = 'row-major'): MemoryConfig {
  return { kind: 'l1-sharded', shard: { layout, cores, shape, orientation } };
}

// Where a tensor lives, as the summaries say it: "DRAM interleaved", "L1 height-sharded on 8×8 cores".
export function describeMemory(m: MemoryConfig): string {
  switch (m.kind) {
    case 'dram-interleaved':
      return 'DRAM interleaved';
    case 'dram-sharded':
      return `DRAM width-sharded (${m.shardCols} columns a bank)`;
    case 'l1-sharded': {
      const { layout, cores: r, shape } = m.shard;
      return `L1 ${layout}-sharded on ${r.end.y - r.start.y + 1}×${r.end.x - r.start.x + 1} cores (shards ${shape[0]}×${shape[1]})`;
    }
  }
}
