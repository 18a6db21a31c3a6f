// What the command handlers act on: the device's NoCs, DRAM, tiles and the event engine.
import type { ArchPreset } from '../arch/types.ts';
import type { CoreHart } from '../core/tensix-core.ts';
import type { Dram } from '../dram/dram.ts';
import type { Network } from '../noc/network.ts';
import type { Engine } from './engine.ts';
import type { TileMap } from './tiles.ts';

export interface Fabric {
  preset: ArchPreset;
  functional: boolean; // timing mode moves no bytes except semaphore words
  nocs: Network[];
  dram: Dram;
  engine: Engine;
  tiles: TileMap;
  print(h: CoreHart, text: string): void;
}
