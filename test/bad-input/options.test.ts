// Malformed option values exit 2 in every command, with one line naming the option; a value that
// is well formed but wrong for the input exits 3.
import { badInputs, type BadInputCase } from './harness.ts';
import { HELLO } from './fixtures.ts';

const usage = (name: string, args: string[], message: RegExp): BadInputCase => ({ name, args, code: 2, message });
const invalid = (option: string) => new RegExp(`option '${option.replace(/[<>]/g, '.')}' argument .* is invalid: expected`);

const cases: BadInputCase[] = [
  usage('an unknown command', ['frobnicate'], /unknown command 'frobnicate'/),
  usage('an unknown option', ['matmul', '--colour', 'red'], /unknown option '--colour'/),
  usage('an extra argument', ['disasm', HELLO, 'more.elf'], /too many arguments for 'disasm'/),
  usage('a missing argument', ['exec'], /missing required argument 'prog\.elf'/),
  usage('an option without its value', ['matmul', '--m'], /option '--m <rows>' argument missing/),
  usage('matmul --m abc', ['matmul', '--m', 'abc'], /option '--m <rows>' argument 'abc' is invalid: expected a whole number from 1 to 65536/),
  usage('matmul --m 0', ['matmul', '--m', '0'], invalid('--m <rows>')),
  usage('matmul --m 1.5', ['matmul', '--m', '1.5'], invalid('--m <rows>')),
  usage('matmul --m 0x40', ['matmul', '--m', '0x40'], invalid('--m <rows>')),
  usage('matmul --k past its range', ['matmul', '--k', '70000'], /'70000' is invalid: expected a whole number from 1 to 65536/),
  usage('matmul --n empty', ['matmul', '--n', ''], invalid('--n <cols>')),
  usage('matmul --dtype', ['matmul', '--dtype', 'int8'], /'int8' is invalid: expected one of fp32, bf16, bfp8_b, bfp4_b|expected one of/),
  usage('matmul --fidelity', ['matmul', '--fidelity', 'hifi4'], /'hifi4' is invalid: expected one of LoFi, HiFi2, HiFi3, HiFi4/),
  usage('matmul --mode', ['matmul', '--mode', 'fast'], /'fast' is invalid: expected one of functional, timing/),
  usage('matmul --strategy', ['matmul', '--strategy', '1d'], /'1d' is invalid: expected one of auto, dp, reuse, 2d-mcast/),
  usage('matmul --seed -1', ['matmul', '--seed', '-1'], invalid('--seed <n>')),
  usage('matmul --grid 8by8', ['matmul', '--grid', '8by8'], /option '--grid <RxC>' argument '8by8' is invalid: expected ROWSxCOLS such as 8x8, got "8by8"/),
  usage("matmul --grid ''", ['matmul', '--grid', ''], /argument '' is invalid: expected ROWSxCOLS such as 8x8, got ""/),
  usage('matmul --grid 0x8', ['matmul', '--grid', '0x8'], /expected at least 1 row and 1 column, got "0x8"/),
  usage('matmul --grid 300x300', ['matmul', '--grid', '300x300'], /expected at most 256 rows and columns, got "300x300"/),
  usage('sweep --m abc', ['sweep', '--m', 'abc'], /option '--m <list>' argument 'abc' is invalid: "abc": expected a whole number from 1 to 65536/),
  usage('sweep --m with an empty item', ['sweep', '--m', '64,,128'], /'64,,128' is invalid: expected a comma-separated list without empty items/),
  usage('sweep --grid with a bad item', ['sweep', '--grid', '2x2,zz'], /'2x2,zz' is invalid: "zz": expected ROWSxCOLS/),
  usage('sweep --strategy with a bad item', ['sweep', '--strategy', 'dp,best'], /"best": expected one of auto, dp, reuse, 2d-mcast/),
  usage('sweep --dtype with a bad item', ['sweep', '--dtype', 'bf16,fp8'], /"fp8": expected one of/),
  usage('sweep --workers 0', ['sweep', '--workers', '0'], /option '--workers <n>' argument '0' is invalid: expected a whole number from 1 to 64/),
  usage('sweep --shard 4/4', ['sweep', '--shard', '4/4'], /option '--shard <i\/N>' argument '4\/4' is invalid: expected I\/N with N from 1 and I from 0 to N-1/),
  usage('sweep --shard 1of4', ['sweep', '--shard', '1of4'], /'1of4' is invalid: expected I\/N/),
  usage('sweep --shard 0/0', ['sweep', '--shard', '0/0'], /'0\/0' is invalid: expected I\/N/),
  usage('sweep --point-timeout 0', ['sweep', '--point-timeout', '0'], /option '--point-timeout <seconds>' argument '0' is invalid: expected a number of seconds above 0/),
  usage('sweep --out and --resume of different directories', ['sweep', '--m', '64', '--out', '/tmp/a', '--resume', '/tmp/b'], /--out \/tmp\/a and --resume \/tmp\/b: expected one directory/),
  usage('sweep merge without directories', ['sweep', 'merge'], /missing required argument 'dir'/),
  usage('exec --max-instructions lots', ['exec', HELLO, '--max-instructions', 'lots'], /option '--max-instructions <n>' argument 'lots' is invalid/),
  usage('exec --memory 0', ['exec', HELLO, '--memory', '0'], /option '--memory <MiB>' argument '0' is invalid: expected a whole number from 1 to 1024/),
  usage('exec --memory 2048', ['exec', HELLO, '--memory', '2048'], /'2048' is invalid: expected a whole number from 1 to 1024/),
  usage('arch show --grid bad beside --json', ['arch', 'show', 'wormhole_n150', '--json', '--grid', 'bad'], /option '--grid <RxC>' argument 'bad' is invalid/),
  usage("arch show --grid ''", ['arch', 'show', 'wormhole_n150', '--grid', ''], /argument '' is invalid: expected ROWSxCOLS/),
  usage('arch show --grid with --json', ['arch', 'show', 'wormhole_n150', '--json', '--grid', '4x4'], /--grid lists a compute grid as text and --json prints the preset file: use one of them/),
  usage('arch show without a name', ['arch', 'show'], /missing required argument 'name'/),
  usage('report without a directory', ['report'], /missing required argument 'dir'/),
  usage('program without a spec', ['program'], /missing required argument 'spec\.json'/),
  usage('kernels build with an argument', ['kernels', 'build', 'extra'], /too many arguments for 'build'/),
  usage('MESHSIM_MAX_MEMORY that is not a size', ['matmul', '--m', '64', '--k', '64', '--n', '64'], /MESHSIM_MAX_MEMORY="lots": expected a size such as 4GiB, 512MiB or 1048576/),
  // Well formed, wrong for the input: exit 3.
  { name: 'matmul --grid larger than the preset', args: ['matmul', '--grid', '20x20'], code: 3, message: /^--grid: 20x20 does not fit wormhole_n150: expected at most 9x8 \(rows x cols of Tensix\), got 20x20$/ },
  { name: 'matmul --grid with a harvested row', args: ['matmul', '--arch', 'wormhole_n150', '--grid', '10x8'], code: 3, message: /^--grid: 10x8 does not fit wormhole_n150/ },
  { name: 'matmul --arch unknown', args: ['matmul', '--arch', 'wormhole'], code: 3, message: /^unknown architecture "wormhole"; known: wormhole_n150, .* \(or a path to a \.json preset\)$/ },
  { name: 'matmul: a block of C too large for L1', args: ['matmul', '--m', '6400', '--k', '32', '--n', '6400', '--grid', '1x1', '--strategy', 'reuse', '--mode', 'timing'], code: 3, message: /^matmul reuse: a 200×200-tile block of C per core needs \d+ bytes of L1/ },
  { name: 'matmul: buffers larger than DRAM (timing)', args: ['matmul', '--m', '65536', '--k', '65536', '--n', '65536', '--mode', 'timing'], code: 3, message: /^matmul 65536×65536×65536: B: DRAM buffer of 8589934592 bytes does not fit/ },
  { name: 'matmul: functional values over the memory limit', args: ['matmul', '--m', '65536', '--k', '65536', '--n', '65536'], code: 3, message: /^functional matmul 65536×65536×65536 bf16 needs about [\d.]+ GiB of host memory, over the limit of [\d.]+ [GM]iB \(MESHSIM_MAX_MEMORY\); --mode timing moves no values$/ },
  { name: 'matmul: functional values over a MESHSIM_MAX_MEMORY set low', args: ['matmul', '--m', '1024', '--k', '1024', '--n', '1024'], env: { MESHSIM_MAX_MEMORY: '1MiB' }, code: 3, message: /^functional matmul 1024×1024×1024 bf16 needs about [\d.]+ MiB of host memory, over the limit of 1 MiB/ },
  { name: 'arch show --grid larger than the preset', args: ['arch', 'show', 'teach_2x2', '--grid', '3x3'], code: 3, message: /^--grid: 3x3 does not fit teach_2x2/ },
  { name: 'arch show of an unknown name', args: ['arch', 'show', 'nope'], code: 3, message: /^unknown architecture "nope"/ },
  { name: 'sweep --arch unknown', args: ['sweep', '--arch', 'wormhole_n150,nope'], code: 3, message: /^unknown architecture "nope"/ },
  { name: 'sweep --grid larger than one of the presets', args: ['sweep', '--arch', 'wormhole_n150,teach_2x2', '--grid', '4x4'], code: 3, message: /^--grid 4x4 with --arch teach_2x2: 4x4 does not fit teach_2x2/ },
];
cases.find((c) => c.name === 'MESHSIM_MAX_MEMORY that is not a size')!.env = { MESHSIM_MAX_MEMORY: 'lots' };

badInputs('malformed and wrong options', cases);
