// Architecture presets: the built-in table, loading by name or JSON path, compute-grid selection,
// and the text behind `meshsim arch list` / `meshsim arch show NAME [--json]`.
import { badInput } from '../errors.ts';
import { coordKey, fmtCoord } from './coords.ts';
import { readUserJson } from '../io/read-file.ts';
import { gridProblem, logicalAxes, validatePreset } from './schema.ts';
import type { ArchPreset, Coord, GridSize } from './types.ts';
import { FIDELITIES } from './types.ts';
import { blackhole_p150 } from './presets/blackhole_p150.ts';
import { grayskull_e150 } from './presets/grayskull_e150.ts';
import { teach_2x2 } from './presets/teach_2x2.ts';
import { teach_4x4 } from './presets/teach_4x4.ts';
import { wormhole_n150 } from './presets/wormhole_n150.ts';
import { wormhole_n300 } from './presets/wormhole_n300.ts';

export type { ArchPreset, Coord, DramChannel, Fidelity, GridSize } from './types.ts';
export { gridProblem, logicalAxes, validatePreset } from './schema.ts';
export { DEFAULT_ARCH, readGrid } from './grid-text.ts';

export const PRESETS: Readonly<Record<string, ArchPreset>> = Object.freeze({
  wormhole_n150,
  wormhole_n300,
  blackhole_p150,
  grayskull_e150,
  teach_2x2,
  teach_4x4,
});

// Preset files are small; this bounds what a wrong path can make meshsim read.
const PRESET_MAX_BYTES = 16 << 20;

// Whether a preset name names a file (a .json name or a path) rather than a built-in preset.
export const isPresetPath = (name: string) => !Object.hasOwn(PRESETS, name) && (/\.json$/i.test(name) || /[/\\]/.test(name));

// A built-in preset by name, or a JSON preset file (checked by the schema). Returns a private copy.
export function loadArch(nameOrPath: string): ArchPreset {
  const builtin = Object.hasOwn(PRESETS, nameOrPath) ? PRESETS[nameOrPath] : undefined;
  if (builtin) return structuredClone(builtin);
  if (!isPresetPath(nameOrPath)) {
    throw badInput(`unknown architecture "${nameOrPath}"; known: ${Object.keys(PRESETS).join(', ')} (or a path to a .json preset)`);
  }
  const value = readUserJson(nameOrPath, { what: 'an architecture preset (JSON, see meshsim arch show NAME --json)', maxBytes: PRESET_MAX_BYTES });
  return validatePreset(value, nameOrPath);
}

// A compute grid that does not fit the preset is an input error naming where the grid came
// from: an option (`--grid`), a file and field (`spec.json: grid`).
export function checkGrid(preset: ArchPreset, grid: GridSize, where: string): void {
  const problem = gridProblem(preset, grid);
  if (problem) throw badInput(`${where}: ${grid.rows}x${grid.cols} does not fit ${preset.name}: expected ${problem.expected}, got ${problem.got}`);
}

// NoC coordinates of the compute grid's Tensix cores in logical order: row-major over the first
// `rows` Tensix rows and the first `cols` Tensix columns. Core i of the result is logical
// (row, col) = (floor(i / cols), i % cols). Without `grid`, the preset's default compute grid.
export function computeCores(preset: ArchPreset, grid: GridSize = preset.computeGrids[0]): Coord[] {
  checkGrid(preset, grid, 'compute grid');
  const axes = logicalAxes(preset);
  const out: Coord[] = [];
  for (const y of axes.rows.slice(0, grid.rows)) for (const x of axes.cols.slice(0, grid.cols)) out.push({ x, y });
  return out;
}

export type TileKind = 'tensix' | 'dram' | 'ethernet' | 'pcie' | 'arc' | 'router' | 'harvested' | 'empty';

// The kind of every tile, indexed [y][x].
export function tileMap(preset: ArchPreset): TileKind[][] {
  const map: TileKind[][] = Array.from({ length: preset.grid.height }, () => Array<TileKind>(preset.grid.width).fill('empty'));
  const set = (list: Coord[], kind: TileKind) => {
    for (const c of list) map[c.y][c.x] = kind;
  };
  set(preset.routerOnly, 'router');
  for (const y of preset.harvestedRows) for (const x of logicalAxes(preset).cols) map[y][x] = 'harvested';
  set(preset.dram.channels.flatMap((c) => c.endpoints), 'dram');
  set(preset.ethernet, 'ethernet');
  set(preset.pcie, 'pcie');
  set(preset.arc, 'arc');
  set(preset.tensix, 'tensix');
  return map;
}

// ---- text output ------------------------------------------------------------------------------

const fmtGrid = (g: GridSize) => `${g.rows}x${g.cols}`;

function fmtBytes(n: number): string {
  if (n % (1 << 30) === 0) return `${n / (1 << 30)} GiB`;
  if (n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} B`;
}

const fmtNum = (n: number, digits = 2) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));
const fmtClock = (hz: number) => `${fmtNum(hz / 1e9)} GHz`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

// `meshsim arch list`
export function formatArchList(): string {
  const rows = Object.values(PRESETS).map((p) => [
    p.name,
    `${p.grid.width}x${p.grid.height}`,
    String(p.tensix.length),
    p.computeGrids.map(fmtGrid).join(', '),
    String(p.dram.channels.length),
    fmtClock(p.clockHz),
    fmtBytes(p.l1Bytes),
    p.confidence,
  ]);
  return [
    table(['name', 'NoC grid (WxH)', 'Tensix', 'compute grids (RxC, first = default)', 'DRAM banks', 'clock', 'L1', 'confidence'], rows),
    '',
    'meshsim arch show NAME for details; --arch also takes a path to a .json preset (see arch show NAME --json).',
  ].join('\n');
}

const MAP_CHAR: Record<TileKind, string> = { tensix: 'T', dram: 'D', ethernet: 'E', pcie: 'P', arc: 'A', router: '.', harvested: 'x', empty: '.' };

// ASCII map of the grid, NoC0 coordinates, (0,0) top-left. Tensix outside the default compute
// grid are shown as lower-case t.
export function formatArchMap(preset: ArchPreset): string {
  const map = tileMap(preset);
  const inGrid = new Set(computeCores(preset).map(coordKey));
  const w = String(preset.grid.width - 1).length + 1;
  const yw = String(preset.grid.height - 1).length;
  const header = `${'y\\x'.padEnd(yw + 2)}${Array.from({ length: preset.grid.width }, (_, x) => String(x).padStart(w)).join('')}`;
  const lines = map.map((row, y) => {
    const cells = row.map((k, x) => (k === 'tensix' && !inGrid.has(coordKey({ x, y })) ? 't' : MAP_CHAR[k]).padStart(w)).join('');
    return `${String(y).padStart(yw)}  ${cells}`;
  });
  return [header, ...lines].join('\n');
}

// `meshsim arch show NAME`
export function formatArchShow(p: ArchPreset): string {
  const axes = logicalAxes(p);
  const perChannelGBs = (p.dram.bytesPerCyclePerChannel * p.clockHz) / 1e9;
  const n = p.noc;
  const out: string[] = [
    `${p.name} — ${p.description}`,
    `confidence: ${p.confidence}`,
    '',
    `clock            ${fmtClock(p.clockHz)}`,
    `NoC grid         ${p.grid.width} x ${p.grid.height} (width x height, 2D torus)`,
    `Tensix           ${p.tensix.length} enabled (${axes.rows.length} rows x ${axes.cols.length} cols)` +
      (p.harvestedRows.length ? `; harvested rows y = ${p.harvestedRows.join(', ')}` : ''),
    `compute grids    ${p.computeGrids.map((g, i) => `${fmtGrid(g)}${i === 0 ? ' (default)' : ''}`).join(', ')}  (rows x cols, for --grid)`,
    `L1 per Tensix    ${p.l1Bytes} B (${fmtBytes(p.l1Bytes)})`,
    `local data RAM   BRISC ${fmtBytes(p.localRamBytes.brisc)}, NCRISC ${fmtBytes(p.localRamBytes.ncrisc)}, TRISC ${fmtBytes(p.localRamBytes.trisc)} each`,
    `DRAM             ${p.dram.channels.length} banks of ${fmtBytes(p.dram.bankBytes)}; ${fmtNum(p.dram.bytesPerCyclePerChannel)} B/cycle peak per bank ` +
      `(${fmtNum(perChannelGBs, 1)} GB/s), efficiency ${p.dram.efficiency} → ${fmtNum(p.dram.bytesPerCyclePerChannel * p.dram.efficiency)} B/cycle; ` +
      `access ${p.dram.accessLatencyCycles} cycles`,
    `NoC              ${fmtNum(n.linkBytesPerCycle)} B/cycle per link, ${n.hopCycles} cycles/hop, inject ${n.injectCycles} + eject ${n.ejectCycles} cycles, ` +
      `packets ≤ ${n.maxPacketBytes} B in ${n.flitBytes} B flits, NIU ${fmtNum(n.injectionBytesPerCycle)} in / ${fmtNum(n.absorptionBytesPerCycle)} out B/cycle, ` +
      `command ${n.commandCycles} cycles, L1 access ${n.l1AccessCycles} cycles`,
    `tile matmul      ${FIDELITIES.map((f) => `${f} ${p.tile.matmulCyclesPerTile[f]}`).join(', ')} cycles per 32x32x32`,
    `RISC-V           mul ${p.riscv.mul}, div ${p.riscv.divFast} or ${p.riscv.divMin}–${p.riscv.divMax}, mispredict ${p.riscv.mispredict} cycles; loads ` +
      p.riscv.regions.map((r) => `${r.what} ${r.loadLatency}`).join(', '),
    `other tiles      Ethernet ${p.ethernet.length}, PCIe ${p.pcie.map(fmtCoord).join(' ') || '-'}, ARC ${p.arc.map(fmtCoord).join(' ') || '-'}, router-only ${p.routerOnly.length}`,
    '',
    table(
      ['bank', 'controller', 'endpoints (first = addressed)'],
      p.dram.channels.map((c) => [String(c.id), String(c.controller), c.endpoints.map(fmtCoord).join(' ')]),
    ),
    '',
    formatArchMap(p),
    '',
    'T Tensix in the default compute grid, t other Tensix, x harvested, D DRAM, E Ethernet, P PCIe, A ARC, . router-only or empty',
  ];
  return out.join('\n');
}

// ---- JSON ---------------------------------------------------------------------------------------

// Compact, readable JSON: containers that fit on one line stay on one line, and long lists of small
// items (coordinates) are packed several to a line.
function pretty(v: unknown, indent: string, width: number): string {
  const flat = JSON.stringify(v);
  if (typeof v !== 'object' || v === null || indent.length + flat.length <= width) return flat;
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    const items = v.map((e) => pretty(e, inner, width));
    if (items.every((s) => !s.includes('\n') && s.length <= 24)) {
      const lines: string[] = [];
      let line = '';
      for (const s of items) {
        if (line && inner.length + line.length + s.length + 2 > width) {
          lines.push(line);
          line = '';
        }
        line += (line ? ' ' : '') + s + ',';
      }
      lines.push(line.slice(0, -1));
      return `[\n${lines.map((l) => inner + l).join('\n')}\n${indent}]`;
    }
    return `[\n${items.map((s) => inner + s).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(v as Record<string, unknown>).map(([k, e]) => `${inner}${JSON.stringify(k)}: ${pretty(e, inner, width)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

// The preset as a JSON file a user can edit and load back with --arch path.json.
export function presetToJson(preset: ArchPreset): string {
  const p = preset;
  const doc = {
    $comment: `meshsim architecture preset, from "${p.name}". Edit and load with --arch FILE.json. Sources for the built-in numbers: sim/arch/presets/*.ts.`,
    // the order of types.ts
    name: p.name, description: p.description, confidence: p.confidence, clockHz: p.clockHz, grid: p.grid,
    tensix: p.tensix, harvestedRows: p.harvestedRows, computeGrids: p.computeGrids, l1Bytes: p.l1Bytes,
    localRamBytes: p.localRamBytes, dram: p.dram, ethernet: p.ethernet, pcie: p.pcie, arc: p.arc,
    routerOnly: p.routerOnly, noc: p.noc, riscv: p.riscv, tile: p.tile,
  } satisfies Record<keyof ArchPreset | '$comment', unknown>;
  return pretty(doc, '', 110) + '\n';
}
