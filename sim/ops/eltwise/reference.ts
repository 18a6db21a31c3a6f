// Float64 references of element functions, as Hugging Face's activations define them.

// GPT-2's "gelu_new" (NewGELUActivation): the tanh approximation of GELU.
export function geluNewReference(v: number): number {
  return 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
}

// Llama's "silu" (nn.SiLU): v · sigmoid(v).
export function siluReference(v: number): number {
  return v / (1 + Math.exp(-v));
}
