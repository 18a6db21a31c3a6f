// The shipped JSON Schema of meshsim's outputs (schema/stats-v1.schema.json), compiled with Ajv.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync } from 'node:fs';
import { repoRoot } from './cli.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(JSON.parse(readFileSync(`${repoRoot}schema/stats-v1.schema.json`, 'utf8')));

// The schema's complaints about a document, or [] when it is valid.
export function schemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '(top)'} ${e.message}`);
}
