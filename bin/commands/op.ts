// meshsim op NAME: one op of the registry (sim/ops/registry.ts) on seeded inputs, with the summary,
// stats and trace of meshsim matmul; meshsim op --list names them.
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_ARCH } from '../../sim/arch/grid-text.ts';
import type { GridSize } from '../../sim/arch/types.ts';
import { DATA_FORMATS, type DataFormat } from '../../sim/compute/format-names.ts';
import type { Mode } from '../../sim/host/device.ts';
import { deviceRunOptions, examples, grid, oneOf, positiveInt, type DeviceRunOptions } from '../options.ts';
import { lazy } from './lazy.ts';

// `--shape 128x768`, `1x12x128x128`.
function shapeOption(text: string): number[] {
  const dims = text.split('x').map((d) => (/^\s*\d+\s*$/.test(d) ? Number(d) : NaN));
  if (!dims.every((d) => Number.isSafeInteger(d) && d >= 1 && d <= 1 << 20)) throw new InvalidArgumentError('expected dimensions separated by x, each a whole number from 1, e.g. 128x768');
  return dims;
}

export interface OpOptions extends DeviceRunOptions {
  list?: boolean;
  shape?: number[];
  strategy?: string;
  dtype: DataFormat;
  mode: Mode;
  arch: string;
  grid?: GridSize;
  seed: number;
}

export function opCommand(cli: Command): void {
  const cmd = cli
    .command('op')
    .description('run one op (matmul, layernorm, attention, rotary, eltwise, KV cache, conversions, ...) on seeded inputs on the mesh, checked against its float64 reference, and summarise it as meshsim matmul does')
    .argument('[name]', 'the op (meshsim op --list names them)')
    .option('--list', 'list the ops, their strategies and what --shape means')
    .option('--shape <dims>', "the input's shape, e.g. 128x768 (default: the op's shape in a GPT-2-small prefill, Llama's for rotary)", shapeOption)
    .option('--strategy <name>', "the op's program factory (default: the op's choice)")
    .option('--dtype <format>', `format of the seeded inputs: ${DATA_FORMATS.join(', ')}`, oneOf(DATA_FORMATS), 'bf16')
    .option('--arch <preset>', 'architecture preset name or JSON file', DEFAULT_ARCH)
    .option('--grid <RxC>', "compute grid, rows x columns (default: the preset's)", grid)
    .option('--mode <mode>', 'functional (real values, checked) or timing (no values)', oneOf(['functional', 'timing'] as const), 'functional')
    .option('--seed <n>', 'seed of the random inputs', positiveInt(2 ** 31), 1);
  deviceRunOptions(cmd);
  examples(cmd, ['meshsim op --list', 'meshsim op add --shape 128x768 --grid 4x4', 'meshsim op softmax --shape 1x12x128x128 --mode timing --json | jq .summary.cycles']);
  cmd.action(lazy(async () => (await import('./op-action.ts')).op));
}
