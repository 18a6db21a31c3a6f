import { describe, expect, it } from 'vitest';
import { parseWeightsDtype } from '../../sim/models/weights-dtype.ts';
import { thrown } from './models-helpers.ts';

describe('--weights-dtype', () => {
  it('one format for every weight group', () => {
    expect(parseWeightsDtype('bfp8_b')).toEqual({ wqkv: 'bfp8_b', wo: 'bfp8_b', ff1_3: 'bfp8_b', ff2: 'bfp8_b' });
  });

  it('per group, with attn and mlp standing for their groups; unnamed groups stay bf16', () => {
    expect(parseWeightsDtype('attn=bfp8_b,mlp=bfp4_b')).toEqual({ wqkv: 'bfp8_b', wo: 'bfp8_b', ff1_3: 'bfp4_b', ff2: 'bfp4_b' });
    expect(parseWeightsDtype('ff1_3=bfp4_b, wo=bfp8_b')).toEqual({ wqkv: 'bf16', wo: 'bfp8_b', ff1_3: 'bfp4_b', ff2: 'bf16' });
  });

  it.each([
    ['fp8', '--weights-dtype "fp8": "fp8" is not a weight format (expected bf16, bfp8_b, bfp4_b)'],
    ['ffn=bf16', '--weights-dtype "ffn=bf16": unknown group "ffn" (expected attn, mlp, wqkv, wo, ff1_3, ff2)'],
    ['attn=bf16,wqkv=bfp8_b', '--weights-dtype "attn=bf16,wqkv=bfp8_b": wqkv is set twice'],
    ['mlp=bfp4_b,', '--weights-dtype "mlp=bfp4_b,": expected group=format pairs separated by commas, got ""'],
    ['mlp=bfp4_b=bf16', '--weights-dtype "mlp=bfp4_b=bf16": expected group=format pairs separated by commas, got "mlp=bfp4_b=bf16"'],
    ['attn=fp32', '--weights-dtype "attn=fp32": "fp32" is not a weight format (expected bf16, bfp8_b, bfp4_b)'],
  ])('%s is a usage error (exit 2) saying what was expected', (text, message) => {
    const e = thrown(() => parseWeightsDtype(text));
    expect(e.message).toBe(message);
    expect(e.exitCode).toBe(2);
  });
});
