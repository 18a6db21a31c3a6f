// Validation of architecture presets read from JSON: every field's type and range, then the
// geometry (tiles inside the grid, one tile per coordinate, DRAM endpoints off the Tensix tiles,
// compute grids that fit). A failure is one line naming the field:
//   my.json: noc.linkBytesPerCycle: expected a positive number, got "fast"
// Keys starting with "$" (e.g. "$comment") are ignored, so a JSON file can carry notes and sources.
import { Checker, join } from '../checker.ts';
import type { MemoryRegionCost, RiscvCostModel } from '../riscv/costs.ts';
import { byRowMajor, coordKey, fmtCoord } from './coords.ts';
import { FIDELITIES } from './types.ts';
import type { ArchPreset, Confidence, Coord, DramChannel, GridSize } from './types.ts';

const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];
export const MAX_GRID = 256; // NoC grid width and height, compute grid rows and columns
const L1_WINDOW_END = 0xffb0_0000; // the hart address map puts local RAM and MMIO above L1
const LOCAL_RAM_MAX = 0x1_0000; // 64 KiB window at 0xFFB0_0000
const ADDRESS_TOP = 0x1_0000_0000;
const COST_PAGE = 0x1_0000; // the cost table is 64 KiB-granular (sim/riscv/costs.ts)

interface Grid {
  width: number;
  height: number;
}

function coord(c: Checker, v: unknown, path: string, grid: Grid): Coord {
  const o = c.object(v, path, ['x', 'y'], 'a coordinate {"x": X, "y": Y}');
  const inside = `x from 0 to ${grid.width - 1}`;
  const x = c.number(o.x, join(path, 'x'), { int: true, min: 0, max: grid.width - 1 }, `an integer ${inside} (inside the ${grid.width}x${grid.height} grid)`);
  const y = c.number(o.y, join(path, 'y'), { int: true, min: 0, max: grid.height - 1 }, `an integer y from 0 to ${grid.height - 1} (inside the ${grid.width}x${grid.height} grid)`);
  return { x, y };
}

function coords(c: Checker, v: unknown, path: string, grid: Grid, minLength = 0): Coord[] {
  return c.array(v, path, minLength).map((e, i) => coord(c, e, `${path}[${i}]`, grid));
}

function gridSize(c: Checker, v: unknown, path: string): GridSize {
  const o = c.object(v, path, ['rows', 'cols'], 'a grid {"rows": R, "cols": C}');
  return { rows: c.positiveInt(o.rows, join(path, 'rows'), MAX_GRID), cols: c.positiveInt(o.cols, join(path, 'cols'), MAX_GRID) };
}

function riscvCosts(c: Checker, v: unknown, path: string): RiscvCostModel {
  const keys = ['mul', 'divFast', 'divMin', 'divMax', 'divBitsAdd', 'mispredict', 'regions'] as const;
  const o = c.object(v, path, keys);
  const cycles = (k: string) => c.positiveInt(o[k], join(path, k), 1000);
  const model: RiscvCostModel = {
    mul: cycles('mul'),
    divFast: cycles('divFast'),
    divMin: cycles('divMin'),
    divMax: cycles('divMax'),
    divBitsAdd: c.count(o.divBitsAdd, join(path, 'divBitsAdd'), 64),
    mispredict: cycles('mispredict'),
    regions: [],
  };
  if (model.divMax < model.divMin) c.expect(join(path, 'divMax'), `at least divMin (${model.divMin})`, model.divMax);
  const regionsPath = join(path, 'regions');
  model.regions = c.array(o.regions, regionsPath, 1).map((r, i): MemoryRegionCost => {
    const p = `${regionsPath}[${i}]`;
    const ro = c.object(r, p, ['what', 'start', 'end', 'loadLatency', 'storeInterval']);
    const page = { int: true, min: 0, max: ADDRESS_TOP, multipleOf: COST_PAGE };
    const pageWhat = 'an address that is a multiple of 0x10000, up to 0x100000000';
    const start = c.number(ro.start, join(p, 'start'), page, pageWhat);
    const end = c.number(ro.end, join(p, 'end'), page, pageWhat);
    if (end <= start) c.expect(join(p, 'end'), `an address above start (0x${start.toString(16)})`, end, `0x${end.toString(16)}`);
    return {
      what: c.string(ro.what, join(p, 'what')),
      start,
      end,
      loadLatency: c.positiveInt(ro.loadLatency, join(p, 'loadLatency'), 255),
      storeInterval: c.positiveInt(ro.storeInterval, join(p, 'storeInterval'), 255),
    };
  });
  // The regions together must give every address a cost.
  const spans = model.regions.map((r) => [r.start, r.end]).sort((a, b) => a[0] - b[0]);
  let covered = 0;
  for (const [s, e] of spans) {
    if (s > covered) break;
    covered = Math.max(covered, e);
  }
  if (covered < ADDRESS_TOP) c.fail(regionsPath, `expected regions covering every address from 0 to 0x100000000, got a gap at 0x${covered.toString(16)}`);
  return model;
}

const TOP_KEYS = [
  'name', 'description', 'confidence', 'clockHz', 'grid', 'tensix', 'harvestedRows', 'computeGrids', 'l1Bytes',
  'localRamBytes', 'dram', 'ethernet', 'pcie', 'arc', 'routerOnly', 'noc', 'riscv', 'tile',
] as const;

// Checks `value` (parsed JSON) as an architecture preset; `source` names it in errors (a file path).
// Returns a fresh preset with the Tensix list in row-major order.
export function validatePreset(value: unknown, source: string): ArchPreset {
  const c = new Checker(source);
  const o = c.object(value, '', TOP_KEYS, 'a JSON object (an architecture preset)');

  const name = c.string(o.name, 'name', /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a name of letters, digits, "_", "-" or "."');
  const description = c.string(o.description, 'description');
  if (!CONFIDENCES.includes(o.confidence as Confidence)) c.expect('confidence', `one of ${CONFIDENCES.map((s) => `"${s}"`).join(', ')}`, o.confidence);
  const confidence = o.confidence as Confidence;
  const clockHz = c.number(o.clockHz, 'clockHz', { above: 0, max: 1e11 }, 'a positive number of Hz (e.g. 1e9)');

  const go = c.object(o.grid, 'grid', ['width', 'height']);
  const grid = { width: c.positiveInt(go.width, 'grid.width', MAX_GRID), height: c.positiveInt(go.height, 'grid.height', MAX_GRID) };

  const tensix = coords(c, o.tensix, 'tensix', grid, 1);
  const harvestedRows = c.array(o.harvestedRows, 'harvestedRows').map((v, i) =>
    c.number(v, `harvestedRows[${i}]`, { int: true, min: 0, max: grid.height - 1 }, `a row from 0 to ${grid.height - 1}`),
  );
  const computeGrids = c.array(o.computeGrids, 'computeGrids', 1).map((v, i) => gridSize(c, v, `computeGrids[${i}]`));

  const l1Bytes = c.number(o.l1Bytes, 'l1Bytes', { int: true, min: 16, max: L1_WINDOW_END, multipleOf: 16 }, `a positive multiple of 16 up to ${L1_WINDOW_END} bytes`);
  const lo = c.object(o.localRamBytes, 'localRamBytes', ['brisc', 'ncrisc', 'trisc']);
  const ram = (k: 'brisc' | 'ncrisc' | 'trisc') =>
    c.number(lo[k], `localRamBytes.${k}`, { int: true, min: 4, max: LOCAL_RAM_MAX, multipleOf: 4 }, `a positive multiple of 4 up to ${LOCAL_RAM_MAX} bytes`);
  const localRamBytes = { brisc: ram('brisc'), ncrisc: ram('ncrisc'), trisc: ram('trisc') };

  const dO = c.object(o.dram, 'dram', ['channels', 'bytesPerCyclePerChannel', 'efficiency', 'accessLatencyCycles', 'bankBytes']);
  const channels = c.array(dO.channels, 'dram.channels', 1).map((v, i): DramChannel => {
    const p = `dram.channels[${i}]`;
    const co = c.object(v, p, ['id', 'controller', 'endpoints']);
    const id = c.number(co.id, `${p}.id`, { int: true, min: i, max: i }, `${i} (channels are numbered in order from 0)`);
    return { id, controller: c.count(co.controller, `${p}.controller`), endpoints: coords(c, co.endpoints, `${p}.endpoints`, grid, 1) };
  });
  const dram = {
    channels,
    bytesPerCyclePerChannel: c.positive(dO.bytesPerCyclePerChannel, 'dram.bytesPerCyclePerChannel'),
    efficiency: c.number(dO.efficiency, 'dram.efficiency', { above: 0, max: 1 }, 'a fraction above 0, at most 1'),
    accessLatencyCycles: c.count(dO.accessLatencyCycles, 'dram.accessLatencyCycles'),
    bankBytes: c.positiveInt(dO.bankBytes, 'dram.bankBytes'),
  };

  const ethernet = coords(c, o.ethernet, 'ethernet', grid);
  const pcie = coords(c, o.pcie, 'pcie', grid);
  const arc = coords(c, o.arc, 'arc', grid);
  const routerOnly = coords(c, o.routerOnly, 'routerOnly', grid);

  const nO = c.object(o.noc, 'noc', [
    'linkBytesPerCycle', 'hopCycles', 'injectCycles', 'ejectCycles', 'maxPacketBytes', 'flitBytes', 'injectionBytesPerCycle', 'absorptionBytesPerCycle',
    'commandCycles', 'l1AccessCycles',
  ]);
  const flitBytes = c.positiveInt(nO.flitBytes, 'noc.flitBytes', 4096);
  const noc = {
    linkBytesPerCycle: c.positive(nO.linkBytesPerCycle, 'noc.linkBytesPerCycle'),
    hopCycles: c.positiveInt(nO.hopCycles, 'noc.hopCycles'),
    injectCycles: c.count(nO.injectCycles, 'noc.injectCycles'),
    ejectCycles: c.count(nO.ejectCycles, 'noc.ejectCycles'),
    maxPacketBytes: c.number(nO.maxPacketBytes, 'noc.maxPacketBytes', { int: true, min: flitBytes, multipleOf: flitBytes }, `a positive multiple of noc.flitBytes (${flitBytes})`),
    flitBytes,
    injectionBytesPerCycle: c.positive(nO.injectionBytesPerCycle, 'noc.injectionBytesPerCycle'),
    absorptionBytesPerCycle: c.positive(nO.absorptionBytesPerCycle, 'noc.absorptionBytesPerCycle'),
    commandCycles: c.count(nO.commandCycles, 'noc.commandCycles'),
    l1AccessCycles: c.count(nO.l1AccessCycles, 'noc.l1AccessCycles'),
  };

  const riscv = riscvCosts(c, o.riscv, 'riscv');

  const tO = c.object(o.tile, 'tile', ['matmulCyclesPerTile']);
  const mO = c.object(tO.matmulCyclesPerTile, 'tile.matmulCyclesPerTile', FIDELITIES);
  const matmulCyclesPerTile = {} as Record<(typeof FIDELITIES)[number], number>;
  for (const f of FIDELITIES) matmulCyclesPerTile[f] = c.positiveInt(mO[f], `tile.matmulCyclesPerTile.${f}`);

  const preset: ArchPreset = {
    name, description, confidence, clockHz, grid,
    tensix: [...tensix].sort(byRowMajor),
    harvestedRows, computeGrids, l1Bytes, localRamBytes, dram, ethernet, pcie, arc, routerOnly, noc, riscv,
    tile: { matmulCyclesPerTile },
  };
  checkGeometry(c, preset, tensix);
  return preset;
}

// One kind of tile per coordinate; harvested rows hold no enabled Tensix; DRAM endpoints are shared
// only by banks of one controller; every compute grid is a full rectangle of Tensix.
function checkGeometry(c: Checker, p: ArchPreset, tensixAsGiven: Coord[]): void {
  const owner = new Map<string, string>(); // coordinate → field path of the tile placed there
  const place = (at: Coord, path: string, kind: string) => {
    const key = coordKey(at);
    const first = owner.get(key);
    if (first !== undefined) {
      const onTensix = first.startsWith('tensix[') && kind === 'a DRAM endpoint' ? ' (DRAM endpoints cannot sit on Tensix tiles)' : '';
      c.expect(path, `a free tile for ${kind}${onTensix}`, at, `${fmtCoord(at)}, already ${first}`);
    }
    owner.set(key, path);
  };
  tensixAsGiven.forEach((t, i) => place(t, `tensix[${i}]`, 'a Tensix'));

  const tensixColumns = [...new Set(p.tensix.map((t) => t.x))].sort((a, b) => a - b);
  p.harvestedRows.forEach((y, i) => {
    const path = `harvestedRows[${i}]`;
    if (p.harvestedRows.indexOf(y) !== i) c.expect(path, 'each row once', y, `${y} again`);
    const enabled = tensixAsGiven.findIndex((t) => t.y === y);
    if (enabled >= 0) c.expect(path, 'a row with no enabled Tensix', y, `${y}, which has tensix[${enabled}] ${fmtCoord(tensixAsGiven[enabled])}`);
    for (const x of tensixColumns) place({ x, y }, `a harvested Tensix (${path})`, 'a harvested Tensix');
  });

  const endpointOf = new Map<string, { controller: number; path: string }>();
  p.dram.channels.forEach((ch, i) => {
    ch.endpoints.forEach((e, j) => {
      const path = `dram.channels[${i}].endpoints[${j}]`;
      const key = coordKey(e);
      const seen = endpointOf.get(key);
      if (seen === undefined) {
        place(e, path, 'a DRAM endpoint');
        endpointOf.set(key, { controller: ch.controller, path });
      } else if (seen.path.startsWith(`dram.channels[${i}].`)) {
        c.expect(path, 'each endpoint once per channel', e, `${fmtCoord(e)} again`);
      } else if (seen.controller !== ch.controller) {
        c.expect(path, `an endpoint of controller ${ch.controller}`, e, `${fmtCoord(e)}, already ${seen.path} of controller ${seen.controller}`);
      }
    });
  });

  const lists: [string, Coord[], string][] = [
    ['ethernet', p.ethernet, 'an Ethernet tile'],
    ['pcie', p.pcie, 'a PCIe tile'],
    ['arc', p.arc, 'an ARC tile'],
    ['routerOnly', p.routerOnly, 'a router-only tile'],
  ];
  for (const [field, list, kind] of lists) list.forEach((t, i) => place(t, `${field}[${i}]`, kind));

  p.computeGrids.forEach((g, i) => {
    const problem = gridProblem(p, g);
    if (problem) c.expect(`computeGrids[${i}]`, problem.expected, g, problem.got);
  });
}

// NoC y of each logical Tensix row and NoC x of each logical Tensix column, in order.
export function logicalAxes(p: Pick<ArchPreset, 'tensix'>): { rows: number[]; cols: number[] } {
  const asc = (a: number, b: number) => a - b;
  return {
    rows: [...new Set(p.tensix.map((t) => t.y))].sort(asc),
    cols: [...new Set(p.tensix.map((t) => t.x))].sort(asc),
  };
}

// Why `g` does not fit the preset's Tensix set, or undefined if it does.
export function gridProblem(p: Pick<ArchPreset, 'tensix'>, g: GridSize): { expected: string; got: string } | undefined {
  const axes = logicalAxes(p);
  const got = `${g.rows}x${g.cols}`;
  if (g.rows > axes.rows.length || g.cols > axes.cols.length) {
    return { expected: `at most ${axes.rows.length}x${axes.cols.length} (rows x cols of Tensix)`, got };
  }
  const present = new Set(p.tensix.map(coordKey));
  for (const y of axes.rows.slice(0, g.rows)) {
    for (const x of axes.cols.slice(0, g.cols)) {
      if (!present.has(coordKey({ x, y }))) return { expected: 'a full rectangle of Tensix', got: `${got}, which lacks a Tensix at ${fmtCoord({ x, y })}` };
    }
  }
  return undefined;
}
