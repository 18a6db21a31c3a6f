// Rotary position embedding in float64 (Llama / GPT-NeoX style, Hugging Face's layout), the
// meaning the rotary program is checked against and the layer reference composes.
//
// ropeTables: cos and sin of position · inv_freq, each [positions.length, headDim] row-major, the
// headDim / 2 frequencies repeated over both halves (HF: emb = cat(freqs, freqs)). inv_freq[i] =
// theta^(−2i / headDim); with `scaling` (config.json's rope_scaling, rope_type "llama3") the
// frequencies are rescaled as transformers' _compute_llama3_parameters (modeling_rope_utils.py)
// defines it: wavelengths shorter than original_max_position_embeddings / high_freq_factor are
// kept, longer than original_max_position_embeddings / low_freq_factor divided by `factor`, and
// those between interpolated smoothly. llama3 has no attention factor (cos and sin are not scaled).
//
// rotaryReference: x·cos + rotate_half(x)·sin for each row of x [rows, headDim], row i using table
// row i, with rotate_half(x) = [−x[d/2:], x[:d/2]].

export interface Llama3RopeScaling {
  factor: number;
  low_freq_factor: number;
  high_freq_factor: number;
  original_max_position_embeddings: number;
}

export function ropeInverseFrequencies(headDim: number, theta: number, scaling?: Llama3RopeScaling): Float64Array {
  if (!Number.isInteger(headDim) || headDim < 2 || headDim % 2 !== 0) throw new RangeError(`ropeInverseFrequencies: head_dim ${headDim}, expected a positive even number`);
  const half = headDim / 2;
  const inv = Float64Array.from({ length: half }, (_, i) => 1 / theta ** ((2 * i) / headDim));
  if (!scaling) return inv;
  const { factor, low_freq_factor: low, high_freq_factor: high, original_max_position_embeddings: context } = scaling;
  const lowFreqWavelen = context / low;
  const highFreqWavelen = context / high;
  return inv.map((f) => {
    const wavelen = (2 * Math.PI) / f;
    if (wavelen < highFreqWavelen) return f;
    if (wavelen > lowFreqWavelen) return f / factor;
    const smooth = (context / wavelen - low) / (high - low);
    return (1 - smooth) * (f / factor) + smooth * f;
  });
}

export function ropeTables(headDim: number, positions: ArrayLike<number>, theta: number, scaling?: Llama3RopeScaling): { cos: Float64Array; sin: Float64Array } {
  const inv = ropeInverseFrequencies(headDim, theta, scaling);
  const half = headDim / 2;
  const cos = new Float64Array(positions.length * headDim);
  const sin = new Float64Array(positions.length * headDim);
  for (let p = 0; p < positions.length; p++) {
    for (let i = 0; i < half; i++) {
      const angle = positions[p] * inv[i];
      const [c, s] = [Math.cos(angle), Math.sin(angle)];
      cos[p * headDim + i] = cos[p * headDim + half + i] = c;
      sin[p * headDim + i] = sin[p * headDim + half + i] = s;
    }
  }
  return { cos, sin };
}

export function rotaryReference(x: ArrayLike<number>, rows: number, headDim: number, cos: ArrayLike<number>, sin: ArrayLike<number>): Float64Array {
  const n = rows * headDim;
  if (x.length !== n || cos.length < n || sin.length < n) throw new RangeError(`rotaryReference: x has ${x.length} values and the tables ${cos.length} and ${sin.length}, expected ${n} each ([${rows}, ${headDim}])`);
  const half = headDim / 2;
  const out = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const o = r * headDim;
    for (let c = 0; c < headDim; c++) {
      const rotated = c < half ? -x[o + c + half] : x[o + c - half];
      out[o + c] = x[o + c] * cos[o + c] + rotated * sin[o + c];
    }
  }
  return out;
}
