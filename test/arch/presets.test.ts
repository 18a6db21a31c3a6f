// The built-in architecture presets against the facts in ../shared/hardware.md.
import { describe, expect, it } from 'vitest';
import { PRESETS, computeCores, presetToJson, tileMap, validatePreset } from '../../sim/arch/index.ts';
import type { ArchPreset, Coord } from '../../sim/arch/types.ts';

const key = (c: Coord) => `${c.x}-${c.y}`;
const keys = (cs: Coord[]) => cs.map(key);
const sorted = (cs: string[]) => [...cs].sort();
const tensixSet = (p: ArchPreset) => new Set(keys(p.tensix));

describe('built-in presets', () => {
  it('are the six named in the design', () => {
    expect(Object.keys(PRESETS)).toEqual(['wormhole_n150', 'wormhole_n300', 'blackhole_p150', 'grayskull_e150', 'teach_2x2', 'teach_4x4']);
    for (const [name, p] of Object.entries(PRESETS)) expect(p.name).toBe(name);
  });

  for (const p of Object.values(PRESETS)) {
    it(`${p.name} passes its own schema and round-trips through JSON`, () => {
      expect(validatePreset(structuredClone(p), p.name)).toEqual(p);
      expect(validatePreset(JSON.parse(presetToJson(p)), `${p.name}.json`)).toEqual(p);
    });

    it(`${p.name}: Tensix in row-major order; every compute grid is Tensix cores`, () => {
      expect([...p.tensix].sort((a, b) => a.y - b.y || a.x - b.x)).toEqual(p.tensix);
      for (const g of p.computeGrids) {
        const cores = computeCores(p, g);
        expect(cores).toHaveLength(g.rows * g.cols);
        expect(new Set(keys(cores)).size).toBe(cores.length);
        for (const c of cores) expect(tensixSet(p).has(key(c))).toBe(true);
      }
    });
  }
});

describe('wormhole_n150', () => {
  const p = PRESETS.wormhole_n150;

  it('72 Tensix on a 10x12 grid, row y=11 harvested, 8x8 compute grid at 1 GHz', () => {
    expect(p.grid).toEqual({ width: 10, height: 12 });
    expect(p.tensix).toHaveLength(72);
    expect(p.harvestedRows).toEqual([11]);
    expect(p.computeGrids[0]).toEqual({ rows: 8, cols: 8 });
    expect(p.clockHz).toBe(1e9);
    expect(p.l1Bytes).toBe(1_499_136);
    for (const t of p.tensix) {
      expect([1, 2, 3, 4, 6, 7, 8, 9]).toContain(t.x);
      expect([1, 2, 3, 4, 5, 7, 8, 9, 10]).toContain(t.y);
    }
  });

  it('the default compute grid: logical row-major over the first 8 Tensix rows and columns', () => {
    const cores = computeCores(p);
    expect(cores).toHaveLength(64);
    expect(cores[0]).toEqual({ x: 1, y: 1 });
    expect(cores[4]).toEqual({ x: 6, y: 1 }); // column x=5 is DRAM
    expect(cores[8]).toEqual({ x: 1, y: 2 });
    expect(cores[40]).toEqual({ x: 1, y: 7 }); // row y=6 is Ethernet
    expect(cores[63]).toEqual({ x: 9, y: 9 });
    expect(cores.some((c) => c.y === 10)).toBe(false);
  });

  it('DRAM: 12 banks on the 6 controllers and 18 endpoints of hardware.md §1.2', () => {
    const controllers = [
      ['0-0', '0-1', '0-11'], ['0-5', '0-6', '0-7'], ['5-0', '5-1', '5-11'],
      ['5-2', '5-9', '5-10'], ['5-3', '5-4', '5-8'], ['5-5', '5-6', '5-7'],
    ];
    expect(p.dram.channels).toHaveLength(12);
    for (const ch of p.dram.channels) {
      expect(ch.controller).toBe(Math.floor(ch.id / 2));
      expect(sorted(keys(ch.endpoints))).toEqual(sorted(controllers[ch.controller]));
    }
    // tt-metal's bank → endpoint (dram_views worker_endpoint)
    expect(p.dram.channels.map((c) => key(c.endpoints[0]))).toEqual(['0-11', '0-1', '0-5', '0-7', '5-1', '5-11', '5-2', '5-9', '5-8', '5-3', '5-5', '5-7']);
    expect(p.dram.bytesPerCyclePerChannel * p.dram.efficiency).toBeCloseTo(22.3, 1); // [ISA-WH] DRAMTile measured
  });

  it('Ethernet at y=0 and y=6, PCIe (0,3), ARC (0,10), router-only (0,2) (0,4) (0,8) (0,9); every tile placed', () => {
    expect(sorted(keys(p.ethernet))).toEqual(sorted([0, 6].flatMap((y) => [1, 2, 3, 4, 6, 7, 8, 9].map((x) => `${x}-${y}`))));
    expect(keys(p.pcie)).toEqual(['0-3']);
    expect(keys(p.arc)).toEqual(['0-10']);
    expect(sorted(keys(p.routerOnly))).toEqual(sorted(['0-2', '0-4', '0-8', '0-9']));
    expect(tileMap(p).flat()).not.toContain('empty');
    expect(tileMap(p)[11].filter((k) => k === 'harvested')).toHaveLength(8);
  });
});

describe('wormhole_n300 (one chip)', () => {
  const p = PRESETS.wormhole_n300;
  it('64 Tensix, rows y=10 and y=11 harvested, same DRAM as n150', () => {
    expect(p.tensix).toHaveLength(64);
    expect(p.harvestedRows).toEqual([10, 11]);
    expect(p.dram).toEqual(PRESETS.wormhole_n150.dram);
    expect(p.computeGrids).toEqual([{ rows: 7, cols: 8 }, { rows: 8, cols: 8 }]);
  });
});

describe('blackhole_p150', () => {
  const p = PRESETS.blackhole_p150;
  it('17x12 grid, 140 Tensix, compute grids 13x10 and 11x10 (rows 10), 1.35 GHz', () => {
    expect(p.grid).toEqual({ width: 17, height: 12 });
    expect(p.tensix).toHaveLength(140);
    expect(p.computeGrids).toEqual([{ rows: 10, cols: 13 }, { rows: 10, cols: 11 }]);
    expect(p.clockHz).toBe(1.35e9);
    expect(computeCores(p).some((c) => c.x === 16)).toBe(false);
    expect(tileMap(p).flat()).not.toContain('empty');
  });

  it('DRAM: 8 banks of three endpoints in columns 0 and 9, preferred endpoint first (hardware.md §1.3)', () => {
    const banks = [
      ['0-0', '0-1', '0-11'], ['0-2', '0-10', '0-3'], ['0-9', '0-4', '0-8'], ['0-5', '0-7', '0-6'],
      ['9-0', '9-1', '9-11'], ['9-2', '9-10', '9-3'], ['9-9', '9-4', '9-8'], ['9-5', '9-7', '9-6'],
    ];
    expect(p.dram.channels.map((c) => sorted(keys(c.endpoints)))).toEqual(banks.map(sorted));
    expect(p.dram.channels.map((c) => key(c.endpoints[0]))).toEqual(['0-11', '0-3', '0-8', '0-6', '9-11', '9-3', '9-8', '9-6']);
    expect(p.dram.bytesPerCyclePerChannel).toBeCloseTo(47.4, 1);
    expect(p.riscv.mispredict).toBe(5);
  });
});

describe('grayskull_e150 and the teaching presets', () => {
  it('grayskull: 120 Tensix, 8 DRAM endpoints of hardware.md §1.1, low confidence', () => {
    const p = PRESETS.grayskull_e150;
    expect(p.confidence).toBe('low');
    expect(p.tensix).toHaveLength(120);
    expect(p.dram.channels.map((c) => keys(c.endpoints))).toEqual(['1-0', '1-6', '4-0', '4-6', '7-0', '7-6', '10-0', '10-6'].map((k) => [k]));
  });

  it('teach_2x2 and teach_4x4: n x n Tensix on an (n+1) x (n+1) grid, DRAM in column 0', () => {
    for (const [p, n] of [[PRESETS.teach_2x2, 2], [PRESETS.teach_4x4, 4]] as const) {
      expect(p.grid).toEqual({ width: n + 1, height: n + 1 });
      expect(p.tensix).toHaveLength(n * n);
      expect(computeCores(p)).toHaveLength(n * n);
      expect(p.dram.channels.flatMap((c) => c.endpoints).every((e) => e.x === 0)).toBe(true);
      expect(p.noc.hopCycles).toBe(10);
      expect(p.l1Bytes).toBe(1 << 20);
    }
  });
});
