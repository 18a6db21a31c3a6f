// The built-in models' names, apart from their loading so that the command line can list them
// without loading the config parsers.
// tiny: a Llama-style teaching model sized for the teach_2x2 preset (README "Model input").
export const BUILTIN_MODELS = ['gpt2', 'llama-3.2-1b', 'llama-3.1-8b', 'tiny'] as const;
export type BuiltinModel = (typeof BUILTIN_MODELS)[number];

export function isBuiltinModel(name: string): name is BuiltinModel {
  return (BUILTIN_MODELS as readonly string[]).includes(name);
}
