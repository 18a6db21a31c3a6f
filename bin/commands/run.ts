// meshsim run: a transformer layer of a Hugging Face model split across the mesh — its cycles, the
// per-op table, DRAM and NoC totals, the check against the float64 reference — written as
// stats.json, trace.json and report.html (and, in functional mode, output.npy and the KV cache).
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_ARCH } from '../../sim/arch/grid-text.ts';
import { LAYER_STRATEGIES } from '../../sim/models/layer/plan.ts';
import { BUILTIN_MODELS } from '../../sim/models/builtin-models.ts';
import { deviceRunOptions, examples, grid, oneOf, positiveInt } from '../options.ts';
import { lazy } from './lazy.ts';

export function runCommand(cli: Command): void {
  const cmd = cli
    .command('run')
    .description('run a transformer layer (GPT-2 or Llama, from a Hugging Face config) split across the mesh: cycles, per-op table, check against float64')
    .option('--model <name|config.json>', `built-in model (${BUILTIN_MODELS.join(', ')}) or a Hugging Face config.json / model folder`, 'gpt2')
    .option('--weights <file>', '.safetensors checkpoint (or model.safetensors.index.json); seeded random weights without')
    .option('--layer <n>', 'which decoder layer (0-based)', positiveIntOrZero, 0)
    .option('--layers <all|n>', 'the whole model: the first n decoder layers (all: every one) with the embedding, final norm and LM head')
    .option('--logits <rows>', 'with --layers in prefill: the LM head over every row (all, as Hugging Face) or the last token\'s only (last, as a server computes the first token)', oneOf(['all', 'last'] as const), 'all')
    .option('--phase <phase>', 'prefill (the whole prompt) or decode (one new token per user)', oneOf(['prefill', 'decode'] as const), 'prefill')
    .option('--seq <n>', 'prefill: prompt length', positiveInt(1 << 20), 128)
    .option('--batch <n>', 'users (default 1 in prefill, 32 in decode, as tt-metal\'s demos)', positiveInt(1 << 12))
    .option('--kv-len <n>', 'decode: positions already in the KV cache', positiveInt(1 << 20), 128)
    .option('--arch <preset>', 'architecture preset name or JSON file', DEFAULT_ARCH)
    .option('--grid <RxC>', 'compute grid, rows x columns (default: the preset\'s)', grid)
    .option('--strategy <preset>', `whole-layer partitioning: ${LAYER_STRATEGIES.join(', ')}`, oneOf(LAYER_STRATEGIES), '2d')
    .option('--op-strategy <list>', 'override single ops: attention=heads|flash|split-L|single, qkv|out|up|down|attn|mlp|matmul=2d-mcast|1d-in0|1d-in1|dram-sharded|reuse|dp')
    .option('--weights-dtype <formats>', 'weight format: bf16, bfp8_b, bfp4_b, or per group (attn=bfp8_b,mlp=bfp4_b)', 'bf16')
    .option('--mode <mode>', 'functional (real values, checked) or timing (no values)', oneOf(['functional', 'timing'] as const), 'functional')
    .option('--input <x.npy>', 'hidden states [batch, seq, hidden] (float32/float64); seeded without')
    .option('--kv-cache <dir>', 'decode: k_cache.npy and v_cache.npy [batch, kv_heads, positions, head_dim] (as prefill writes them)')
    .option('--seed <n>', 'seed of the random weights and inputs', positiveInt(2 ** 31), 1);
  deviceRunOptions(cmd);
  cmd.option('--no-out', 'write nothing (by default the run is written to ./meshsim-out)');
  examples(cmd, [
    'meshsim run',
    'meshsim run --model llama-3.2-1b --phase decode --kv-len 1024 --mode timing --strategy dram-sharded',
    'meshsim run --strategy auto --mode timing --json | jq .summary.cycles',
    'meshsim run --model path/to/config.json --weights model.safetensors --layer 3 --input x.npy --out runs/l3',
  ]);
  cmd.action(lazy(async () => (await import('./run-action.ts')).run));
}

function positiveIntOrZero(text: string): number {
  if (!/^\s*\d+\s*$/.test(text)) throw new InvalidArgumentError('expected a whole number from 0');
  return Number(text);
}
