// Bad architecture presets given as --arch FILE.json (matmul) or arch show FILE.json.
import { presetToJson } from '../../sim/arch/index.ts';
import { teachPreset } from '../../sim/arch/presets/teach.ts';
import { Fixtures } from './fixtures.ts';
import { badInputs, scratch, type BadInputCase } from './harness.ts';

const f = new Fixtures(scratch('preset'));
const small = ['--m', '64', '--k', '64', '--n', '64', '--mode', 'timing'];

const presets: [name: string, path: string, message: RegExp][] = [
  ['a missing file', f.path('none.json'), /^cannot read .*none\.json: no such file or directory \(expected an architecture preset/],
  ['a directory', f.folder('dir.json'), /dir\.json: is a directory \(expected an architecture preset/],
  ['a link to /dev/zero', f.link('zero.json', '/dev/zero'), /zero\.json: is a character device, not a regular file/],
  ['a file over the size limit', f.sparse('huge.json', 20 << 20, '{'), /huge\.json: 20 MiB, more than the limit of 16 MiB for this input/],
  ['an empty file', f.file('empty.json', ''), /empty\.json: not valid JSON: Unexpected end of JSON input/],
  ['not JSON', f.file('text.json', 'name: mine\n'), /text\.json: not valid JSON: /],
  ['JSON cut short', f.file('cut.json', '{\n  "name": "x",\n  "grid": {'), /cut\.json: not valid JSON: /],
  ['a syntax error placed by line and column', f.file('comma.json', '{\n  "name": "x",\n}\n'), /comma\.json: not valid JSON: .* at line 3, column 1/],
  ['invalid UTF-8', f.file('latin1.json', new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])), /latin1\.json: not UTF-8 text/],
  ['a byte-order mark and then nonsense', f.file('bom-bad.json', '\uFEFF[1,'), /bom-bad\.json: not valid JSON/],
  ['an array', f.file('array.json', '[1, 2]'), /array\.json: expected a JSON object \(an architecture preset\), got an array of 2/],
  ['deep nesting', f.file('deep.json', '['.repeat(100_000) + ']'.repeat(100_000)), /deep\.json: expected a JSON object \(an architecture preset\), got an array of 1/],
  ['an unknown field', f.preset('unknown.json', (p) => (p.colour = 'red')), /unknown\.json: colour: unknown field \(expected one of name, /],
  ['a missing field', f.preset('noname.json', (p) => delete p.name), /noname\.json: name: expected a name of letters, digits, "_", "-" or "\.", got nothing/],
  ['a number that is a string', f.preset('hop.json', (p) => (p.noc.hopCycles = 'fast')), /hop\.json: noc\.hopCycles: expected a positive integer, got "fast"/],
  ['a negative clock', f.preset('clock.json', (p) => (p.clockHz = -1)), /clock\.json: clockHz: expected a positive number of Hz/],
  ['a zero-width grid', f.preset('width.json', (p) => (p.grid.width = 0)), /width\.json: grid\.width: expected an integer from 1 to 256, got 0/],
  ['a grid wider than 256', f.preset('wide.json', (p) => (p.grid.width = 300)), /wide\.json: grid\.width: expected an integer from 1 to 256, got 300/],
  ['a Tensix outside the grid', f.preset('outside.json', (p) => p.tensix.push({ x: 9, y: 1 })), /outside\.json: tensix\[4\]\.x: expected an integer x from 0 to 2 \(inside the 3x3 grid\), got 9/],
  ['two Tensix on one tile', f.preset('twice.json', (p) => p.tensix.push({ x: 1, y: 1 })), /twice\.json: tensix\[4\]: expected a free tile for a Tensix, got \(1,1\), already tensix\[0\]/],
  ['a DRAM endpoint on a Tensix', f.preset('dram-on.json', (p) => (p.dram.channels[0].endpoints = [{ x: 1, y: 1 }])), /dram-on\.json: dram\.channels\[0\]\.endpoints\[0\]: expected a free tile for a DRAM endpoint \(DRAM endpoints cannot sit on Tensix tiles\)/],
  ['DRAM channels out of order', f.preset('ids.json', (p) => (p.dram.channels[1].id = 5)), /ids\.json: dram\.channels\[1\]\.id: expected 1 \(channels are numbered in order from 0\), got 5/],
  ['a compute grid that does not fit', f.preset('cgrid.json', (p) => (p.computeGrids = [{ rows: 3, cols: 2 }])), /cgrid\.json: computeGrids\[0\]: expected at most 2x2 \(rows x cols of Tensix\), got 3x2/],
  ['no compute grid', f.preset('nogrid.json', (p) => (p.computeGrids = [])), /nogrid\.json: computeGrids: expected a non-empty array, got an array of 0/],
  ['L1 not a multiple of 16', f.preset('l1.json', (p) => (p.l1Bytes = 1000001)), /l1\.json: l1Bytes: expected a positive multiple of 16/],
  ['a harvested row with Tensix', f.preset('harvest.json', (p) => (p.harvestedRows = [1])), /harvest\.json: harvestedRows\[0\]: expected a row with no enabled Tensix, got 1, which has tensix\[0\] \(1,1\)/],
  ['cost regions with a gap', f.preset('gap.json', (p) => (p.riscv.regions = [p.riscv.regions[0]])), /gap\.json: riscv\.regions: expected regions covering every address from 0 to 0x100000000, got a gap at/],
  ['a packet size that is no multiple of the flit', f.preset('packet.json', (p) => (p.noc.maxPacketBytes = 100)), /packet\.json: noc\.maxPacketBytes: expected a positive multiple of noc\.flitBytes \(32\), got 100/],
];

const cases: BadInputCase[] = presets.flatMap(([name, path, message]): BadInputCase[] => [
  { name: `arch show: ${name}`, args: ['arch', 'show', path], code: 3, message },
  { name: `matmul --arch: ${name}`, args: ['matmul', '--arch', path, ...small], code: 3, message },
]);

// Valid, but a device of its default grid would need more memory than the simulator can have.
const huge = f.file('huge-grid.json', presetToJson(teachPreset(255)));
const memory = /huge-grid\.json: computeGrids\[0\]: a 255x255 grid of teach_255x255 \(65025 cores × [\d.]+ MiB\) needs [\d.]+ GiB of simulator memory, more than the 4 GiB a WebAssembly memory can address; use a smaller grid/;
cases.push(
  { name: 'matmul --arch: a valid 255x255 preset larger than the simulator memory', args: ['matmul', '--arch', huge, ...small], code: 3, message: memory },
  { name: 'sweep --arch: a valid 255x255 preset larger than the simulator memory', args: ['sweep', '--arch', huge, ...small.slice(0, 6)], code: 3, message: memory },
  { name: 'matmul --arch with --grid: the grid larger than the simulator memory', args: ['matmul', '--arch', huge, '--grid', '100x100', ...small], code: 3, message: /^--grid: a 100x100 grid of teach_255x255 \(10000 cores × [\d.]+ MiB\) needs [\d.]+ GiB of simulator memory/ },
);

badInputs('bad presets', cases);
