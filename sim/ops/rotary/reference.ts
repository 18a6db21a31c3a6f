// Float64 reference of rotary position embeddings as Hugging Face's Llama applies them: inverse
// frequencies θ^(−2i/d) (i < d/2), optionally rescaled as llama3 does (modeling_rope_utils.py,
// _compute_llama3_parameters), angles repeated over both halves of the head, and
// x · cos + rotate_half(x) · sin with rotate_half(x) = (−x₂, x₁).

// The rope_scaling object of a llama3 config.json, with its own field names.
export interface Llama3RopeScaling {
  rope_type?: 'llama3';
  factor: number;
  low_freq_factor: number;
  high_freq_factor: number;
  original_max_position_embeddings: number;
}

export function ropeInverseFrequencies(headDim: number, theta: number, scaling?: Llama3RopeScaling): Float64Array {
  if (!Number.isInteger(headDim) || headDim < 2 || headDim % 2 !== 0) throw new Error(`rotary: head dimension ${headDim} is not a positive even number`);
  const half = headDim / 2;
  const inv = new Float64Array(half);
  for (let i = 0; i < half; i++) inv[i] = 1 / theta ** ((2 * i) / headDim);
  if (!scaling) return inv;
  const { factor, low_freq_factor: low, high_freq_factor: high, original_max_position_embeddings: context } = scaling;
  const lowFreqWavelen = context / low;
  const highFreqWavelen = context / high;
  for (let i = 0; i < half; i++) {
    const wavelen = (2 * Math.PI) / inv[i];
    if (wavelen > lowFreqWavelen) {
      inv[i] /= factor; // low frequencies: interpolated by the full factor
    } else if (wavelen >= highFreqWavelen) {
      const smooth = (context / wavelen - low) / (high - low); // medium: a blend of the two
      inv[i] = (1 - smooth) * (inv[i] / factor) + smooth * inv[i];
    } // high frequencies unchanged
  }
  return inv;
}

// cos and sin tables [positions.length, headDim]: row p holds the angles of positions[p], the
// half-width frequencies repeated over both halves as HF's cat((freqs, freqs)).
export function ropeTables(headDim: number, positions: ArrayLike<number>, theta: number, scaling?: Llama3RopeScaling): { cos: Float64Array; sin: Float64Array } {
  const inv = ropeInverseFrequencies(headDim, theta, scaling);
  const half = headDim / 2;
  const cos = new Float64Array(positions.length * headDim);
  const sin = new Float64Array(positions.length * headDim);
  for (let p = 0; p < positions.length; p++) {
    for (let i = 0; i < half; i++) {
      const angle = positions[p] * inv[i];
      const c = Math.cos(angle), s = Math.sin(angle);
      cos[p * headDim + i] = cos[p * headDim + half + i] = c;
      sin[p * headDim + i] = sin[p * headDim + half + i] = s;
    }
  }
  return { cos, sin };
}

// Rotates each row of x [rows, headDim]. The tables hold P rows; row r of x uses table row r mod P,
// so a [batch, heads, seq, headDim] tensor takes the tables of its seq positions as they are.
export function rotaryReference(x: ArrayLike<number>, rows: number, headDim: number, cos: ArrayLike<number>, sin: ArrayLike<number>): Float64Array {
  const tableRows = cos.length / headDim;
  if (x.length !== rows * headDim || headDim % 2 !== 0 || !Number.isInteger(tableRows) || tableRows < 1 || sin.length !== cos.length) {
    throw new Error(`rotaryReference: x has ${x.length} values, cos ${cos.length}, sin ${sin.length}; expected ${rows}×${headDim} and whole rows of ${headDim} (even)`);
  }
  const half = headDim / 2;
  const y = new Float64Array(rows * headDim);
  for (let r = 0; r < rows; r++) {
    const o = r * headDim;
    const t = (r % tableRows) * headDim;
    for (let i = 0; i < half; i++) {
      const x1 = x[o + i], x2 = x[o + half + i];
      y[o + i] = x1 * cos[t + i] - x2 * sin[t + i];
      y[o + half + i] = x2 * cos[t + half + i] + x1 * sin[t + half + i];
    }
  }
  return y;
}
