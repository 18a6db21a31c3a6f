// Whole-layer partitioning strategies: a preset names the program factory of every op of the
// layer and where the activations live between ops, so a user compares splits of one layer by name
// (`--strategy sharded`) and overrides single ops (`--op-strategy attention=heads,mlp=1d-in0`).
import { ExitCode, MeshsimError } from '../../errors.ts';

export const LAYER_STRATEGIES = ['auto', '2d', 'rows', 'heads', 'sharded', 'dram-sharded'] as const;
export type LayerStrategy = (typeof LAYER_STRATEGIES)[number];
export type LayerPreset = Exclude<LayerStrategy, 'auto'>;
export type Phase = 'prefill' | 'decode';

export const MATMUL_FACTORIES = ['2d-mcast', '1d-in0', '1d-in1', 'dram-sharded', 'reuse', 'dp'] as const;
export type MatmulFactory = (typeof MATMUL_FACTORIES)[number];
const ATTENTION_PREFILL = ['heads', 'flash'] as const;
const ATTENTION_DECODE = ['split-L', 'single'] as const;

// The matmuls of a layer by role: qkv (c_attn / q,k,v_proj), out (attn c_proj / o_proj),
// up (c_fc / gate_proj and up_proj), down (mlp c_proj / down_proj).
export const MATMUL_ROLES = ['qkv', 'out', 'up', 'down'] as const;
export type MatmulRole = (typeof MATMUL_ROLES)[number];

export interface LayerPlan {
  preset: LayerPreset;
  matmul: Record<MatmulRole, MatmulFactory>;
  attention: string; // 'heads' | 'flash' in prefill, 'split-L' | 'single' in decode
  // Where the residual stream lives between ops: DRAM interleaved, or L1 height-sharded over the
  // grid's cores (norms and the residual adds then run in place, matmuls read it re-interleaved).
  residual: 'dram' | 'l1-sharded';
  why: string; // what the preset does, for the summary
}

const all = (f: MatmulFactory): Record<MatmulRole, MatmulFactory> => ({ qkv: f, out: f, up: f, down: f });

// The presets. 2d: tt-metal's 2D-multicast matmuls (a block of the output per core, A along rows,
// B down columns), activations in DRAM. rows: data-parallel over token rows (1D, in1 = weights
// multicast to every row block). heads: head-parallel attention with width-split 1D matmuls (in0
// multicast), as tt-metal's decode-style layers. sharded: the 2d matmuls, but the residual stream
// stays height-sharded in L1 between ops. dram-sharded: decode matmuls read weights width-sharded
// over the DRAM banks, one reader core per bank, as tt-metal's Llama decode.
export function presetPlan(preset: LayerPreset, phase: Phase): LayerPlan {
  const prefill = phase === 'prefill';
  switch (preset) {
    case '2d':
      return { preset, matmul: all('2d-mcast'), attention: prefill ? 'flash' : 'split-L', residual: 'dram', why: 'matmuls 2D-multicast, activations DRAM-interleaved between ops' };
    case 'rows':
      return { preset, matmul: all('1d-in1'), attention: prefill ? 'flash' : 'split-L', residual: 'dram', why: 'data-parallel over token rows: each core a block of rows, weights multicast (1D in1)' };
    case 'heads':
      return { preset, matmul: all('1d-in0'), attention: prefill ? 'heads' : 'single', residual: 'dram', why: 'head-parallel attention, matmuls 1D with activations multicast (in0), each core a block of columns' };
    case 'sharded':
      return { preset, matmul: all('2d-mcast'), attention: prefill ? 'flash' : 'split-L', residual: 'l1-sharded', why: 'residual stream height-sharded in L1 between ops (norms and adds in place), matmuls 2D-multicast' };
    case 'dram-sharded':
      if (prefill) throw new MeshsimError('--strategy dram-sharded is a decode strategy (weights width-sharded over the DRAM banks for one row of tokens); use it with --phase decode', ExitCode.usage);
      return { preset, matmul: all('dram-sharded'), attention: 'split-L', residual: 'dram', why: 'decode matmuls DRAM-sharded: weights width-sharded over the DRAM banks, one reader core per bank' };
  }
}

// The presets `auto` tries for a phase.
export function candidatePresets(phase: Phase): LayerPreset[] {
  return phase === 'prefill' ? ['2d', 'rows', 'heads', 'sharded'] : ['2d', 'rows', 'heads', 'sharded', 'dram-sharded'];
}

// --op-strategy "attention=heads,mlp=1d-in0": groups mlp (up, down), attn (qkv, out), matmul (all
// four) or one role; attention takes the attention factories of the phase.
export function applyOpStrategies(plan: LayerPlan, text: string | undefined, phase: Phase): LayerPlan {
  if (!text) return plan;
  const fail = (message: string): never => {
    throw new MeshsimError(`--op-strategy ${JSON.stringify(text)}: ${message}`, ExitCode.usage);
  };
  const groups: Record<string, readonly MatmulRole[]> = { matmul: MATMUL_ROLES, attn: ['qkv', 'out'], mlp: ['up', 'down'], ...Object.fromEntries(MATMUL_ROLES.map((r) => [r, [r]])) };
  const out: LayerPlan = { ...plan, matmul: { ...plan.matmul } };
  for (const part of text.split(',')) {
    const [name, value, ...rest] = part.split('=').map((s) => s.trim());
    if (!name || value === undefined || rest.length) fail(`expected op=strategy pairs separated by commas, got ${JSON.stringify(part)}`);
    if (name === 'attention') {
      const known: readonly string[] = phase === 'prefill' ? ATTENTION_PREFILL : ATTENTION_DECODE;
      if (!known.includes(value)) fail(`attention in ${phase} runs ${known.join(' or ')}, not ${JSON.stringify(value)}`);
      out.attention = value;
    } else if (groups[name]) {
      if (!(MATMUL_FACTORIES as readonly string[]).includes(value)) fail(`${name}: ${JSON.stringify(value)} is not a matmul strategy (expected ${MATMUL_FACTORIES.join(', ')})`);
      for (const role of groups[name]) out.matmul[role] = value as MatmulFactory;
    } else {
      fail(`unknown op ${JSON.stringify(name)} (expected attention, ${Object.keys(groups).join(', ')})`);
    }
  }
  return out;
}
