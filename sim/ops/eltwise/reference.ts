// Float64 references of the element-wise functions, as functions of one number (no device).

// GPT-2's gelu_new (Hugging Face NewGELUActivation): the tanh approximation
// 0.5·v·(1 + tanh(√(2/π)·(v + 0.044715·v³))).
export function geluNewReference(v: number): number {
  return 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
}

// Llama's SiLU: v·sigmoid(v).
export function siluReference(v: number): number {
  return v / (1 + Math.exp(-v));
}

// The exact GELU, x·Φ(x) = 0.5·x·(1 + erf(x/√2)) (Hugging Face "gelu"), with erf from Abramowitz
// and Stegun 7.1.26 (absolute error below 1.5e-7, far under bf16's resolution).
export function geluReference(v: number): number {
  const z = Math.abs(v) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return 0.5 * v * (1 + Math.sign(v) * erf);
}

export function reluReference(v: number): number {
  return Math.max(0, v);
}
