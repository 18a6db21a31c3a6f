// User preset JSON: every way of getting it wrong is one line naming the field.
import { describe, expect, it } from 'vitest';
import { PRESETS, presetToJson, validatePreset } from '../../sim/arch/index.ts';
import { ExitCode, MeshsimError } from '../../sim/errors.ts';

type Json = Record<string, any>;

const base = (): Json => JSON.parse(presetToJson(PRESETS.wormhole_n150));

function rejects(edit: (p: Json) => unknown, message: string | RegExp): void {
  const p = base();
  const replaced = edit(p);
  const value = replaced === undefined ? p : replaced;
  let error: unknown;
  try {
    validatePreset(value, 'my.json');
  } catch (e) {
    error = e;
  }
  expect(error, `accepted; expected ${message}`).toBeInstanceOf(MeshsimError);
  const err = error as MeshsimError;
  expect(err.exitCode).toBe(ExitCode.badInput);
  expect(err.message).not.toContain('\n');
  expect(err.message).toMatch(/^my\.json: /);
  if (typeof message === 'string') expect(err.message).toBe(message);
  else expect(err.message).toMatch(message);
}

describe('validatePreset', () => {
  it('accepts an edited preset, ignores "$" keys, and returns Tensix in row-major order', () => {
    const p = base();
    p.name = 'my_chip';
    p.tensix.reverse();
    p.noc.$comment = 'notes are fine';
    const v = validatePreset(p, 'my.json');
    expect(v.name).toBe('my_chip');
    expect(v.tensix).toEqual(PRESETS.wormhole_n150.tensix);
    expect(Object.keys(v.noc)).not.toContain('$comment');
  });

  it('types and ranges', () => {
    rejects((p) => { p.noc.linkBytesPerCycle = 'fast'; }, 'my.json: noc.linkBytesPerCycle: expected a positive number, got "fast"');
    rejects((p) => { delete p.noc.hopCycles; }, 'my.json: noc.hopCycles: expected a positive integer, got nothing');
    rejects((p) => { p.noc.hopCycles = 2.5; }, 'my.json: noc.hopCycles: expected a positive integer, got 2.5');
    rejects((p) => { p.noc.hopCycle = 9; }, /^my\.json: noc\.hopCycle: unknown field \(expected one of linkBytesPerCycle, hopCycles, /);
    rejects((p) => { p.noc.maxPacketBytes = 1000; }, 'my.json: noc.maxPacketBytes: expected a positive multiple of noc.flitBytes (32), got 1000');
    rejects((p) => { p.dram.efficiency = 1.5; }, 'my.json: dram.efficiency: expected a fraction above 0, at most 1, got 1.5');
    rejects((p) => { p.noc.l1AccessCycles = '8'; }, 'my.json: noc.l1AccessCycles: expected a non-negative integer, got "8"');
    rejects((p) => { p.dram.accessLatencyCycles = -1; }, 'my.json: dram.accessLatencyCycles: expected a non-negative integer, got -1');
    rejects((p) => { p.confidence = 'sure'; }, 'my.json: confidence: expected one of "high", "medium", "low", got "sure"');
    rejects((p) => { p.clockHz = null; }, 'my.json: clockHz: expected a positive number of Hz (e.g. 1e9), got null');
    rejects((p) => { p.name = ''; }, /^my\.json: name: expected a name of letters/);
    rejects((p) => { p.l1Bytes = 1000; }, /^my\.json: l1Bytes: expected a positive multiple of 16/);
    rejects((p) => { p.localRamBytes.trisc = 0; }, /^my\.json: localRamBytes\.trisc: expected a positive multiple of 4/);
    rejects((p) => { p.tile.matmulCyclesPerTile.HiFi4 = '64'; }, 'my.json: tile.matmulCyclesPerTile.HiFi4: expected a positive integer, got "64"');
    rejects(() => [], 'my.json: expected a JSON object (an architecture preset), got an array of 0');
    rejects((p) => { p.dram = 'ddr'; }, 'my.json: dram: expected an object, got "ddr"');
    rejects((p) => { p.computeGrids = []; }, 'my.json: computeGrids: expected a non-empty array, got an array of 0');
    rejects((p) => { p.computeGrids[0].rows = 0; }, 'my.json: computeGrids[0].rows: expected an integer from 1 to 256, got 0');
  });

  it('coordinates', () => {
    rejects((p) => { p.tensix[3] = [1, 2]; }, 'my.json: tensix[3]: expected a coordinate {"x": X, "y": Y}, got an array of 2');
    rejects((p) => { p.tensix[0].x = 10; }, 'my.json: tensix[0].x: expected an integer x from 0 to 9 (inside the 10x12 grid), got 10');
    rejects((p) => { p.ethernet[2].y = -1; }, /^my\.json: ethernet\[2\]\.y: expected an integer y from 0 to 11/);
    rejects((p) => { p.harvestedRows = [12]; }, 'my.json: harvestedRows[0]: expected a row from 0 to 11, got 12');
  });

  it('one tile per coordinate', () => {
    rejects((p) => { p.ethernet.push({ x: 0, y: 3 }); }, 'my.json: pcie[0]: expected a free tile for a PCIe tile, got (0,3), already ethernet[16]');
    rejects((p) => { p.tensix.push({ x: 1, y: 1 }); }, 'my.json: tensix[72]: expected a free tile for a Tensix, got (1,1), already tensix[0]');
    rejects((p) => { p.routerOnly.push({ x: 3, y: 11 }); }, 'my.json: routerOnly[4]: expected a free tile for a router-only tile, got (3,11), already a harvested Tensix (harvestedRows[0])');
  });

  it('DRAM endpoints: not on Tensix, shared only within a controller, numbered in order', () => {
    rejects((p) => { p.dram.channels[0].endpoints[0] = { x: 1, y: 1 }; },
      'my.json: dram.channels[0].endpoints[0]: expected a free tile for a DRAM endpoint (DRAM endpoints cannot sit on Tensix tiles), got (1,1), already tensix[0]');
    rejects((p) => { p.dram.channels[2].endpoints[0] = { x: 0, y: 0 }; },
      'my.json: dram.channels[2].endpoints[0]: expected an endpoint of controller 1, got (0,0), already dram.channels[0].endpoints[1] of controller 0');
    rejects((p) => { p.dram.channels[1].id = 5; }, 'my.json: dram.channels[1].id: expected 1 (channels are numbered in order from 0), got 5');
    rejects((p) => { p.dram.channels[1].endpoints = []; }, 'my.json: dram.channels[1].endpoints: expected a non-empty array, got an array of 0');
  });

  it('harvested rows and compute grids against the Tensix set', () => {
    rejects((p) => { p.harvestedRows = [5]; }, 'my.json: harvestedRows[0]: expected a row with no enabled Tensix, got 5, which has tensix[32] (1,5)');
    rejects((p) => { p.computeGrids = [{ rows: 10, cols: 8 }]; }, 'my.json: computeGrids[0]: expected at most 9x8 (rows x cols of Tensix), got 10x8');
    rejects((p) => { p.tensix = p.tensix.filter((t: Json) => !(t.x === 3 && t.y === 2)); },
      'my.json: computeGrids[0]: expected a full rectangle of Tensix, got 8x8, which lacks a Tensix at (3,2)');
  });

  it('RISC-V costs', () => {
    rejects((p) => { p.riscv.divMax = 3; }, 'my.json: riscv.divMax: expected at least divMin (6), got 3');
    rejects((p) => { p.riscv.regions[0].loadLatency = 300; }, 'my.json: riscv.regions[0].loadLatency: expected an integer from 1 to 255, got 300');
    rejects((p) => { p.riscv.regions[0].start = 100; }, /^my\.json: riscv\.regions\[0\]\.start: expected an address that is a multiple of 0x10000/);
    rejects((p) => { p.riscv.regions.pop(); }, 'my.json: riscv.regions: expected regions covering every address from 0 to 0x100000000, got a gap at 0xffb20000');
  });
});
