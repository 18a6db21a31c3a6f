// The --weights-dtype option: the data format the device keeps each weight matrix in. One format
// for all ("bfp8_b"), or one per group ("attn=bfp8_b,mlp=bfp4_b") as tt-metal's model performance
// configs set a PrecisionSetting per TensorGroup (models/tt_transformers/tt/model_config.py).
// Groups: wqkv, wo, ff1_3 (c_fc, gate and up), ff2 (mlp c_proj, down); attn = wqkv + wo,
// mlp = ff1_3 + ff2. Groups not named stay bf16. Norm weights and biases are not in any group.
import { ExitCode, MeshsimError } from '../errors.ts';
import { WEIGHT_GROUPS, type WeightGroup } from './tensor-names.ts';

export const WEIGHT_DTYPES = ['bf16', 'bfp8_b', 'bfp4_b'] as const;
export type WeightDtype = (typeof WEIGHT_DTYPES)[number];
export type WeightDtypes = Readonly<Record<WeightGroup, WeightDtype>>;

const GROUP_NAMES: Readonly<Record<string, readonly WeightGroup[]>> = {
  attn: ['wqkv', 'wo'],
  mlp: ['ff1_3', 'ff2'],
  ...Object.fromEntries(WEIGHT_GROUPS.map((g) => [g, [g]])),
};

export function parseWeightsDtype(text: string, option = '--weights-dtype'): WeightDtypes {
  const fail = (message: string): never => {
    throw new MeshsimError(`${option} ${JSON.stringify(text)}: ${message}`, ExitCode.usage);
  };
  const format = (v: string): WeightDtype => ((WEIGHT_DTYPES as readonly string[]).includes(v) ? (v as WeightDtype) : fail(`${JSON.stringify(v)} is not a weight format (expected ${WEIGHT_DTYPES.join(', ')})`));
  if (!text.includes('=')) {
    const f = format(text.trim());
    return Object.fromEntries(WEIGHT_GROUPS.map((g) => [g, f])) as Record<WeightGroup, WeightDtype>;
  }
  const out: Record<string, WeightDtype> = {};
  for (const part of text.split(',')) {
    const [name, value, ...rest] = part.split('=').map((s) => s.trim());
    if (value === undefined || rest.length > 0 || name === '') fail(`expected group=format pairs separated by commas, got ${JSON.stringify(part)}`);
    const groups = GROUP_NAMES[name] ?? fail(`unknown group ${JSON.stringify(name)} (expected ${Object.keys(GROUP_NAMES).join(', ')})`);
    for (const g of groups) {
      if (out[g] !== undefined) fail(`${g} is set twice`);
      out[g] = format(value);
    }
  }
  return Object.fromEntries(WEIGHT_GROUPS.map((g) => [g, out[g] ?? 'bf16'])) as Record<WeightGroup, WeightDtype>;
}
