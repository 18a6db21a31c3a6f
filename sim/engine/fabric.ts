// What the command handlers act on: the device's NoCs, DRAM, tiles and the event engine.
import type { ArchPreset } from '../arch/types.ts';
import type { CoreHart } from '../core/tensix-core.ts';
import type { Dram } from '../dram/dram.ts';
import type { Network } from '../noc/network.ts';
import type { Engine } from './engine.ts';
import type { TileMap } from './tiles.ts';
import type { DeviceTrace } from '../trace/device-trace.ts';

export interface Fabric {
  preset: ArchPreset;
  functional: boolean; // timing mode moves no bytes except semaphore words
  nocs: Network[];
  dram: Dram;
  engine: Engine;
  tiles: TileMap;
  trace?: DeviceTrace; // what records the run, if anything
  print(h: CoreHart, text: string): void;
}
