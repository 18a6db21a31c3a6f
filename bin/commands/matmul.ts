// meshsim matmul and meshsim report: a matmul on the mesh, its summary, stats, trace and report.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_ARCH } from '../../sim/arch/grid-text.ts';
import { FIDELITIES } from '../../sim/arch/types.ts';
import { DATA_FORMATS } from '../../sim/compute/format-names.ts';
import { MATMUL_ACTIVATIONS, MATMUL_STRATEGIES } from '../../sim/ops/matmul/types.ts';
import { jsonOption } from '../json.ts';
import { deviceRunOptions, examples, grid, oneOf, positiveInt } from '../options.ts';
import { lazy } from './lazy.ts';

export function matmulCommands(cli: Command): void {
  const matmul = cli
    .command('matmul')
    .description('run C = A @ B (seeded random A, B) on the mesh and summarise cycles, throughput and the bottleneck')
    .option('--m <rows>', 'rows of A and C', positiveInt(1 << 16), 512)
    .option('--k <depth>', 'columns of A, rows of B', positiveInt(1 << 16), 512)
    .option('--n <cols>', 'columns of B and C', positiveInt(1 << 16), 512)
    .option('--dtype <format>', `format of A and B: ${DATA_FORMATS.join(', ')}`, oneOf(DATA_FORMATS), 'bf16')
    .option('--weight-dtype <format>', 'format of B alone (the weights), e.g. bfp8_b (default: --dtype)', oneOf(DATA_FORMATS))
    .option('--out-dtype <format>', `format of C: ${DATA_FORMATS.join(', ')}`, oneOf(DATA_FORMATS), 'bf16')
    .option('--bias', 'add a seeded bias row to every row of C, fused into the pack (row broadcast)')
    .option('--activation <name>', `apply an activation to C, fused: ${MATMUL_ACTIVATIONS.join(', ')}`, oneOf(MATMUL_ACTIVATIONS))
    .option('--fidelity <fidelity>', `math fidelity: ${FIDELITIES.join(', ')}`, oneOf(FIDELITIES), 'HiFi4')
    .option('--fp32-acc', 'accumulate in fp32 in Dst (4 tiles per half)')
    .option('--arch <preset>', 'architecture preset name or JSON file', DEFAULT_ARCH)
    .option('--grid <RxC>', 'compute grid, rows x columns (default: the preset\'s)', grid)
    .option('--mode <mode>', 'functional (real values, checked) or timing (no values)', oneOf(['functional', 'timing'] as const), 'functional')
    .option('--strategy <name>', `how the work is split over the cores: ${MATMUL_STRATEGIES.join(', ')}`, oneOf(MATMUL_STRATEGIES), 'auto')
    .option('--seed <n>', 'seed of the random inputs', positiveInt(2 ** 31), 1)
    .option('--in0-block-w <tiles>', 'program config override: K tiles per block (in0_block_w)', positiveInt(1 << 11))
    .option('--per-core <MxN>', 'program config override: tiles of C per core (per_core_M x per_core_N)', tilePair('MxN'))
    .option('--subblock <HxW>', 'program config override: output sub-block in tiles (out_subblock_h x out_subblock_w)', tilePair('HxW'));
  deviceRunOptions(matmul);
  examples(matmul, [
    'meshsim matmul --arch blackhole_p150 --strategy 2d-mcast --out runs/bh && meshsim report runs/bh',
    'meshsim matmul --m 4096 --k 4096 --n 4096 --mode timing --json | jq .summary.tflops',
    'meshsim matmul --m 128 --k 768 --n 3072 --fidelity HiFi2 --weight-dtype bfp8_b --bias --activation gelu_new',
  ]);
  matmul.action(lazy(async () => (await import('./matmul-action.ts')).matmul));

  const report = cli
    .command('report')
    .description('write a self-contained HTML report (mesh and NoC heat map over time, timelines, utilisation) of a run directory')
    .argument('<dir>', 'directory written by meshsim matmul or meshsim program --out (stats.json, trace.json)')
    .option('-o, --output <file>', 'the HTML file to write (default: <dir>/report.html)');
  jsonOption(report, 'where the report went and its size');
  examples(report, ['meshsim matmul --out runs/mm && meshsim report runs/mm', 'meshsim report runs/mm -o /tmp/mm.html']);
  report.action(lazy(async () => (await import('./matmul-action.ts')).report));
}

// "4x2": two whole numbers of tiles (malformed: exit 2; whether they fit the shape is the op's check, exit 3).
function tilePair(what: string) {
  return (text: string): [number, number] => {
    const m = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(text);
    const pair = m ? [Number(m[1]), Number(m[2])] : [];
    if (pair.length !== 2 || pair.some((v) => !Number.isSafeInteger(v) || v < 1)) throw new InvalidArgumentError(`expected ${what}, two whole numbers of tiles from 1, e.g. 4x2`);
    return pair as [number, number];
  };
}
