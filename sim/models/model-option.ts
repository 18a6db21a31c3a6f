// The --model option: a built-in name, or the path of a config.json (or of a model folder holding
// one). Built-in configs are the files their publishers ship, kept under ./configs/.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { badInput, within } from '../errors.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { readUserText } from '../io/read-file.ts';
import { parseModelConfig, type ModelConfig } from './config.ts';

import { BUILTIN_MODELS, isBuiltinModel } from './builtin-models.ts';

export { BUILTIN_MODELS, isBuiltinModel, type BuiltinModel } from './builtin-models.ts';

export function loadModelConfig(nameOrPath: string): ModelConfig {
  if (isBuiltinModel(nameOrPath)) {
    // From the package root: the compiled CLI (dist/) has no copy of the JSON files.
    const text = readFileSync(join(PACKAGE_ROOT, 'sim/models/configs', `${nameOrPath}.json`), 'utf8');
    return parseModelConfig(JSON.parse(text), `${nameOrPath} (built-in)`);
  }
  const path = configPath(nameOrPath);
  const text = within('--model', () => readUserText(path, { what: 'a Hugging Face config.json', maxBytes: 16 << 20 }));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw badInput(`${path}: not valid JSON (${(e as Error).message})`);
  }
  return parseModelConfig(json, path);
}

function configPath(nameOrPath: string): string {
  try {
    return statSync(nameOrPath).isDirectory() ? join(nameOrPath, 'config.json') : nameOrPath;
  } catch {
    throw badInput(`--model: ${JSON.stringify(nameOrPath)} is neither a built-in model (${BUILTIN_MODELS.join(', ')}) nor an existing file or folder`);
  }
}
