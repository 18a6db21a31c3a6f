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
