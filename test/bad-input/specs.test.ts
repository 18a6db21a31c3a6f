// Bad program specs (meshsim program spec.json) and the kernels they name: each mistake is one
// line naming the spec file and the field, whether the parser or the device finds it.
import { Fixtures } from './fixtures.ts';
import { badInputs, scratch, type BadInputCase } from './harness.ts';
import { tools } from '../support/tools.ts';

const f = new Fixtures(scratch('spec'));
const hello = (cores = '0,0', extra: Record<string, unknown> = {}) => ({ kernel: 'dataflow/hello_core', processor: 'brisc', cores, ...extra });
const minimal = (edit: Record<string, unknown> = {}) => ({ grid: '2x2', kernels: [hello()], ...edit });

// [name, spec file, exit code, message]. Every message starts with the spec's path, then the field.
const specs: [string, string, number, RegExp][] = [
  ['a missing spec', f.path('none.json'), 3, /^cannot read .*none\.json: no such file or directory \(expected a program spec/],
  ['a spec that is a directory', f.folder('dir.json'), 3, /dir\.json: is a directory/],
  ['a spec linked to /dev/zero', f.link('zero.json', '/dev/zero'), 3, /zero\.json: is a character device, not a regular file/],
  ['a spec that is not JSON', f.file('text.json', 'kernels: []'), 3, /text\.json: not valid JSON/],
  ['a spec that is an array', f.file('array.json', '[]'), 3, /array\.json: expected an object, got an array of 0/],
  ['an unknown field', f.spec('unknown.json', (s) => (s.colour = 1)), 3, /unknown\.json: colour: unknown field/],
  ['no kernels', f.spec('nokernels.json', (s) => (s.kernels = [])), 3, /nokernels\.json: kernels: expected a non-empty array/],
  ['bad cores', f.spec('cores.json', (s) => (s.kernels[0].cores = 'everywhere')), 3, /cores\.json: kernels\[0\]\.cores: expected cores as "C,R" or "C0,R0-C1,R1"/],
  ['a reversed core range', f.spec('range.json', (s) => (s.kernels[0].cores = '1,1-0,0')), 3, /range\.json: kernels\[0\]\.cores: "1,1-0,0": the range must go from the top-left core to the bottom-right one/],
  ['both source and kernel', f.spec('both.json', (s) => (s.kernels[0].source = 'x.c')), 3, /both\.json: kernels\[0\]: expected exactly one of "source" \(a C or C\+\+ file\) and "kernel"/],
  ['an unknown processor', f.spec('proc.json', (s) => (s.kernels[0].processor = 'trisc0')), 3, /proc\.json: kernels\[0\]\.processor: expected one of brisc, ncrisc, trisc, got "trisc0"/],
  ['a NoC that does not exist', f.spec('noc.json', (s) => (s.kernels[0].noc = 2)), 3, /noc\.json: kernels\[0\]\.noc: expected a NoC, 0 or 1, got 2/],
  ['an unknown math fidelity', f.spec('fid.json', (s) => (s.kernels[1].mathFidelity = 'HiFi5')), 3, /fid\.json: kernels\[1\]\.mathFidelity: expected one of LoFi, HiFi2, HiFi3, HiFi4/],
  ['too many runtime args', f.spec('args.json', (s) => (s.kernels[0].args = Array(65).fill(0))), 3, /args\.json: kernels\[0\]\.args: 65 runtime args, at most 64/],
  ['a negative runtime arg', f.spec('neg.json', (s) => (s.kernels[0].args[0] = -1)), 3, /neg\.json: kernels\[0\]\.args\[0\]: expected a 32-bit unsigned integer, got -1/],
  ['a runtime arg past 32 bits', f.spec('big-arg.json', (s) => (s.kernels[0].args[0] = 2 ** 32)), 3, /big-arg\.json: kernels\[0\]\.args\[0\]: expected a 32-bit unsigned integer/],
  ['a bad reference', f.spec('ref.json', (s) => (s.kernels[0].args[2] = 'address of a')), 3, /ref\.json: kernels\[0\]\.args\[2\]: expected a number or a reference/],
  ['a reference to no buffer', f.spec('nobuf.json', (s) => (s.kernels[0].args[2] = 'buffer:d')), 3, /nobuf\.json: kernels\[0\]\.args\[2\]: no buffer "d" \(buffers: a, b, c\)/],
  ['a reference to an undeclared semaphore', f.spec('nosem.json', (s) => (s.kernels[0].args[0] = 'semaphore:3')), 3, /nosem\.json: kernels\[0\]\.args\[0\]: semaphore 3 is not declared \(0 semaphores\)/],
  ['a NoC reference to a core outside the grid', f.spec('nocref.json', (s) => (s.kernels[0].args[0] = 'noc_x:5,0')), 3, /nocref\.json: kernels\[0\]\.args\[0\]: core \(5,0\) \(column 5, row 0\) is outside the 2x2 compute grid \(rows x columns\)/],
  ['a bad coreArgs key', f.spec('corekey.json', (s) => (s.kernels[0].coreArgs = { zero: [1] })), 3, /corekey\.json: kernels\[0\]\.coreArgs\["zero"\]: expected a core "C,R"/],
  ['coreArgs for a core the kernel is not on', f.spec('coreargs.json', (s) => (s.kernels[3].coreArgs = { '0,1': [1] })), 3, /coreargs\.json: kernels\[3\]\.coreArgs\["0,1"\]: runtime args for core \(0,1\), where kernel .*hello_core.* does not run/],
  ['a buffer name with a path', f.spec('bufname.json', (s) => (s.buffers['../x'] = { bytes: 64, pageBytes: 64 })), 3, /bufname\.json: buffers\["\.\.\/x"\]: expected a buffer name of letters, digits/],
  ['a buffer name with a space', f.spec('space.json', (s) => (s.buffers['my buf'] = { bytes: 64, pageBytes: 64 })), 3, /space\.json: buffers\["my buf"\]: expected a buffer name/],
  ['a buffer of no bytes', f.spec('bytes.json', (s) => (s.buffers.a.bytes = 0)), 3, /bytes\.json: buffers\.a\.bytes: expected a positive integer, got 0/],
  ['a buffer page of half a byte', f.spec('page.json', (s) => (s.buffers.a.pageBytes = 0.5)), 3, /page\.json: buffers\.a\.pageBytes: expected a positive integer, got 0\.5/],
  ['an unknown init', f.spec('init.json', (s) => (s.buffers.a.init = 'noise')), 3, /init\.json: buffers\.a\.init: expected one of zeros, random, random_bf16, ramp, got "noise"/],
  ['an init file that is not a path', f.spec('initfile.json', (s) => (s.buffers.a.init = { file: 5 })), 3, /initfile\.json: buffers\.a\.init\.file: expected a string, got 5/],
  ['a circular buffer index past 31', f.spec('cbindex.json', (s) => (s.circularBuffers[0].index = 40)), 3, /cbindex\.json: circularBuffers\[0\]\.index: expected an integer from 0 to 31, got 40/],
  ['a circular buffer page of 10 bytes', f.spec('cbpage.json', (s) => (s.circularBuffers[0].pageBytes = 10)), 3, /cbpage\.json: circularBuffers\[0\]\.pageBytes: expected a page size, a multiple of 16 bytes, got 10/],
  ['a circular buffer of no pages', f.spec('cbpages.json', (s) => (s.circularBuffers[0].pages = 0)), 3, /cbpages\.json: circularBuffers\[0\]\.pages: expected a positive integer, got 0/],
  ['an unknown circular buffer format', f.spec('cbformat.json', (s) => (s.circularBuffers[0].format = 'int8')), 3, /cbformat\.json: circularBuffers\[0\]\.format: expected one of fp32, bf16, bfp8_b, bfp4_b|cbformat\.json: circularBuffers\[0\]\.format: expected one of/],
  ['17 semaphores', f.spec('sems.json', (s) => (s.semaphores = Array.from({ length: 17 }, () => ({ cores: '0,0' })))), 3, /sems\.json: semaphores\[16\]: more than 16 semaphores/],
  ['a negative semaphore value', f.spec('seminit.json', (s) => (s.semaphores = [{ cores: '0,0', initial: -1 }])), 3, /seminit\.json: semaphores\[0\]\.initial: expected an integer from 0 to 4294967295, got -1/],
  ['an unknown mode', f.spec('mode.json', (s) => (s.mode = 'fast')), 3, /mode\.json: mode: expected one of functional, timing, got "fast"/],
  ['a cycle limit of 0', f.spec('maxcycles.json', (s) => (s.maxCycles = 0)), 3, /maxcycles\.json: maxCycles: expected a positive integer, got 0/],
  ['a grid that is not RxC', f.spec('grid.json', (s) => (s.grid = '2 by 2')), 3, /grid\.json: grid: expected ROWSxCOLS such as 8x8, got "2 by 2"/],
  ['a grid over 256', f.spec('grid300.json', (s) => (s.grid = '300x300')), 3, /grid300\.json: grid: expected at most 256 rows and columns/],
  ['a grid larger than the preset', f.spec('grid20.json', (s) => (s.grid = '20x20')), 3, /grid20\.json: grid: 20x20 does not fit wormhole_n150: expected at most 9x8/],
  ['a dump of no buffer', f.spec('dump.json', (s) => (s.dump = ['d'])), 3, /dump\.json: dump\[0\]: "d" is not a buffer \(buffers: a, b, c\)/],
  ['a dump in timing mode', f.spec('dumptiming.json', (s) => (s.mode = 'timing')), 3, /dumptiming\.json: dump: timing mode moves no bytes, so the dumped buffers would hold no results; expected "mode": "functional", or no "dump"/],
  ['a kernel name with a path out of kernels/build', f.spec('kpath.json', (s) => (s.kernels[0].kernel = '../../../etc/passwd')), 3, /kpath\.json: kernels\[0\]\.kernel: expected a built kernel name such as "dataflow\/reader_interleaved", got "\.\.\/\.\.\/\.\.\/etc\/passwd"/],
  ['a kernel with no build', f.spec('nobuild.json', (s) => (s.kernels[0].kernel = 'dataflow/nope')), 3, /nobuild\.json: kernels\[0\]\.kernel: kernel dataflow\/nope has no build for ncrisc: expected kernels\/build\/dataflow\/nope\.ncrisc\.elf/],
  ['an unknown arch name', f.spec('arch.json', (s) => (s.arch = 'wormhole')), 3, /arch\.json: arch: unknown architecture "wormhole"/],
  ['an arch file missing beside the spec', f.spec('sub/archfile.json', (s) => (s.arch = 'mine.json')), 3, /sub\/archfile\.json: arch: cannot read .*\/sub\/mine\.json: no such file or directory/],
  ['a kernel on a core outside the grid', f.spec('outside.json', (s) => (s.kernels[3].cores = '2,0')), 3, /outside\.json: kernels\[3\]\.cores: core \(2,0\) \(column 2, row 0\) is outside the 2x2 compute grid \(rows x columns\): expected a column from 0 to 1 and a row from 0 to 1/],
  ['two kernels for one processor of a core', f.spec('twice.json', (s) => s.kernels.push(hello('1,1'))), 3, /twice\.json: kernels\[4\]\.cores: two kernels for the brisc of core \(1,1\) .* \(the other: .*twice\.json: kernels\[3\]\.cores\)/],
  ['circular buffers that do not fit in L1', f.spec('cbfit.json', (s) => (s.circularBuffers[1].pages = 1000)), 3, /cbfit\.json: circularBuffers\[1\]: circular buffers on core \(0,0\) .* do not fit in L1: cb 1 \(1000 × 2048 bytes\) ends at \d+/],
  ['a circular buffer configured twice', f.spec('cbtwice.json', (s) => s.circularBuffers.push({ ...s.circularBuffers[0] })), 3, /cbtwice\.json: circularBuffers\[3\]: circular buffer 0 is configured twice on core \(0,0\)/],
  ['a circular buffer on a core outside the grid', f.spec('cbout.json', (s) => (s.circularBuffers[0].cores = '0,5')), 3, /cbout\.json: circularBuffers\[0\]: core \(0,5\) \(column 0, row 5\) is outside the 2x2 compute grid/],
  ['a semaphore on a core outside the grid', f.spec('semout.json', (s) => (s.semaphores = [{ cores: '3,3' }])), 3, /semout\.json: semaphores\[0\]\.cores: core \(3,3\) .* is outside the 2x2 compute grid/],
  ['a buffer larger than DRAM', f.spec('dram.json', (s) => (s.buffers.a = { bytes: 2 ** 40, pageBytes: 2048 })), 3, /dram\.json: buffers\.a: DRAM buffer of 1099511627776 bytes does not fit/],
  ['a huge random buffer (over the memory limit)', f.spec('random.json', (s) => (s.buffers.a = { bytes: 2 ** 40, pageBytes: 2048, init: 'random' })), 3, /random\.json: buffers\.a \(1 TiB, init "random"\) needs about 2 TiB of host memory, over the limit of [\d.]+ [GM]iB \(MESHSIM_MAX_MEMORY\); use smaller buffers/],
  ['an init file missing beside the spec', f.spec('sub/initmissing.json', (s) => (s.buffers.a.init = { file: 'a.bin' })), 3, /^cannot read .*\/sub\/a\.bin: no such file or directory \(expected the initial contents of buffers\.a in .*initmissing\.json, at most 16 KiB\)/],
  ['an init file that is a directory', f.spec('initdir.json', (s) => (s.buffers.a.init = { file: f.folder('initdir') })), 3, /initdir: is a directory \(expected the initial contents of buffers\.a/],
  ['an init file linked to /dev/zero', f.spec('initzero.json', (s) => (s.buffers.a.init = { file: f.link('zero.bin', '/dev/zero') })), 3, /zero\.bin: is a character device, not a regular file/],
  ['an init file larger than its buffer', f.spec('initbig.json', (s) => (s.buffers.a.init = { file: f.file('big.bin', new Uint8Array(20000)) })), 3, /big\.bin: 19\.5 KiB, more than the limit of 16 KiB for this input \(expected the initial contents of buffers\.a/],
  ['a run past its cycle limit', f.spec('limit.json', (s) => (s.maxCycles = 500)), 5, /run passed the cycle limit of 500 cycles/],
  ['a deadlock', f.spec('deadlock.json', () => {}, minimal({ semaphores: [{ cores: '0,0', initial: 0 }], kernels: [{ kernel: 'dataflow/semaphore_wait', processor: 'ncrisc', cores: '0,0', args: [0, 1] }] })), 6, /deadlock at cycle \d+: .*ncrisc at pc 0x[0-9a-f]+ waits in noc_semaphore_wait/],
  ['a C source that does not exist', f.spec('nosource.json', () => {}, minimal({ kernels: [{ source: 'mine.c', processor: 'brisc', cores: '0,0' }] })), 3, /nosource\.json: kernels\[0\]\.source: cannot read .*\/mine\.c: no such file or directory \(expected a C or C\+\+ kernel source\)/],
];

// Kernel debug prints come before the error of a run that had started.
const cases: BadInputCase[] = specs.map(([name, path, code, message]) => ({ name, args: ['program', path], code, message, lastLine: code > 3 }));
if (tools.gcc) {
  f.file('broken.c', '#include "dataflow_api.h"\nvoid kernel_main(void) { this is not C; }\n');
  cases.push({
    name: 'a C source that does not compile (gcc\'s first error in the one line)',
    args: ['program', f.spec('broken.json', () => {}, minimal({ kernels: [{ source: 'broken.c', processor: 'brisc', cores: '0,0' }] }))],
    code: 3, maxMs: 60_000,
    message: /broken\.json: kernels\[0\]\.source: compiling .*broken\.c for brisc failed \(riscv64-unknown-elf-gcc\): .*broken\.c:2: unknown type name 'this' \(and 1 more\)$/,
  });
} else {
  console.warn('skipping the bad-input case of a C source that does not compile: it needs riscv64-unknown-elf-gcc, which is not installed (.ci/run installs it)');
}

badInputs('bad program specs and kernels', cases);
