// Loading presets by name or path, --grid, and the text of `arch list` / `arch show`.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRESETS, checkGrid, computeCores, formatArchList, formatArchShow, loadArch, presetToJson, readGrid, type GridSize } from '../../sim/arch/index.ts';
import { ExitCode, MeshsimError } from '../../sim/errors.ts';

const tmp = mkdtempSync(join(tmpdir(), 'meshsim-arch-'));

function userError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MeshsimError);
    expect((e as MeshsimError).exitCode).toBe(ExitCode.badInput);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('no error');
}

describe('loadArch', () => {
  it('loads a built-in by name, as a private copy', () => {
    const a = loadArch('wormhole_n150');
    expect(a).toEqual(PRESETS.wormhole_n150);
    a.tensix.pop();
    expect(PRESETS.wormhole_n150.tensix).toHaveLength(72);
  });

  it('names the known presets when the name is unknown', () => {
    expect(userError(() => loadArch('wormhole'))).toBe(
      'unknown architecture "wormhole"; known: wormhole_n150, wormhole_n300, blackhole_p150, grayskull_e150, teach_2x2, teach_4x4 (or a path to a .json preset)',
    );
    expect(userError(() => loadArch('toString'))).toMatch(/^unknown architecture "toString"/);
  });

  it('loads a JSON preset written by arch show --json, edited', () => {
    const path = join(tmp, 'mine.json');
    const doc = JSON.parse(presetToJson(PRESETS.teach_4x4));
    doc.name = 'mine';
    doc.noc.hopCycles = 3;
    writeFileSync(path, JSON.stringify(doc));
    const p = loadArch(path);
    expect(p.name).toBe('mine');
    expect(p.noc.hopCycles).toBe(3);
  });

  it('loads a preset saved with a UTF-8 byte-order mark', () => {
    const path = join(tmp, 'bom.json');
    writeFileSync(path, '\uFEFF' + presetToJson(PRESETS.teach_2x2));
    expect(loadArch(path)).toEqual(PRESETS.teach_2x2);
  });

  it('one-line errors for missing, unparsable and invalid files', () => {
    expect(userError(() => loadArch(join(tmp, 'none.json')))).toBe(`cannot read ${join(tmp, 'none.json')}: no such file or directory (expected an architecture preset (JSON, see meshsim arch show NAME --json))`);
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '{ "name": ');
    expect(userError(() => loadArch(bad))).toMatch(new RegExp(`^${bad.replace(/[.\\]/g, '\\$&')}: not valid JSON: `));
    const invalid = join(tmp, 'invalid.json');
    const doc = JSON.parse(presetToJson(PRESETS.teach_2x2));
    doc.noc.linkBytesPerCycle = 'fast';
    writeFileSync(invalid, JSON.stringify(doc));
    expect(userError(() => loadArch(invalid))).toBe(`${invalid}: noc.linkBytesPerCycle: expected a positive number, got "fast"`);
  });
});

describe('readGrid, checkGrid and computeCores', () => {
  const grid = (text: string) => readGrid(text) as GridSize;

  it('reads ROWSxCOLS', () => {
    expect(readGrid('8x8')).toEqual({ rows: 8, cols: 8 });
    expect(readGrid('10X13')).toEqual({ rows: 10, cols: 13 });
    expect(readGrid(' 2 x 4 ')).toEqual({ rows: 2, cols: 4 });
  });

  it('says why anything else is not a grid', () => {
    expect(readGrid('8by8')).toBe('expected ROWSxCOLS such as 8x8, got "8by8"');
    expect(readGrid('8x')).toBe('expected ROWSxCOLS such as 8x8, got "8x"');
    expect(readGrid('')).toBe('expected ROWSxCOLS such as 8x8, got ""');
    expect(readGrid('-1x8')).toBe('expected ROWSxCOLS such as 8x8, got "-1x8"');
    expect(readGrid('0x8')).toBe('expected at least 1 row and 1 column, got "0x8"');
    expect(readGrid('1000x8')).toBe('expected at most 256 rows and columns, got "1000x8"');
  });

  it('selects any grid that fits, and explains one that does not, naming where it came from', () => {
    const p = PRESETS.wormhole_n150;
    expect(computeCores(p, grid('9x8'))).toHaveLength(72);
    expect(computeCores(p, grid('2x3'))).toEqual([
      { x: 1, y: 1 }, { x: 2, y: 1 }, { x: 3, y: 1 },
      { x: 1, y: 2 }, { x: 2, y: 2 }, { x: 3, y: 2 },
    ]);
    expect(userError(() => checkGrid(p, grid('10x8'), '--grid'))).toBe('--grid: 10x8 does not fit wormhole_n150: expected at most 9x8 (rows x cols of Tensix), got 10x8');
    expect(userError(() => checkGrid(p, grid('10x8'), 'spec.json: grid'))).toMatch(/^spec\.json: grid: 10x8 does not fit/);
    expect(computeCores(PRESETS.blackhole_p150, grid('10x11')).map((c) => c.x).slice(0, 11)).toEqual([1, 2, 3, 4, 5, 6, 7, 10, 11, 12, 13]);
  });
});

describe('arch list / arch show', () => {
  it('lists every preset with its grid, Tensix count, compute grids and DRAM banks', () => {
    const text = formatArchList();
    for (const p of Object.values(PRESETS)) expect(text).toContain(p.name);
    expect(text).toMatch(/wormhole_n150\s+10x12\s+72\s+8x8\s+12\s/);
    expect(text).toMatch(/blackhole_p150\s+17x12\s+140\s+10x13, 10x11\s+8\s/);
  });

  it('shows a preset with its map', () => {
    const text = formatArchShow(PRESETS.wormhole_n150);
    const lines = text.split('\n');
    expect(lines).toContain(' 0   D E E E E D E E E E');
    expect(lines).toContain(' 3   P T T T T D T T T T');
    expect(lines).toContain('10   A t t t t D t t t t');
    expect(lines).toContain('11   D x x x x D x x x x');
    expect(text).toContain('12 banks of 1 GiB');
    const teach = formatArchShow(PRESETS.teach_2x2).split('\n');
    expect(teach).toEqual(expect.arrayContaining(['y\\x 0 1 2', '0   P . .', '1   D T T', '2   D T T']));
  });
});
