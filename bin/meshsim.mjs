#!/usr/bin/env node
// Entry point. Runs the bundled CLI (dist/cli/, made by `npm run build`) while none of the sources
// it was built from changed since the build began; in a checkout whose sources were edited since,
// runs them through tsx instead (a development dependency), so what runs is always what the
// sources say. The build's manifest names those sources, so this checks only them (one stat
// each) instead of walking the source folders: a new file matters only once an import of it is
// added to one of them.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const compiled = new URL('dist/cli/cli.js', root);

function compiledIsCurrent() {
  if (process.env.MESHSIM_FROM_SOURCES === '1') return false;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('dist/cli/sources.json', root), 'utf8'));
  } catch {
    return false; // not built, or a build that stopped part-way
  }
  return Object.values(manifest.outputs).every((sources) => sources.every((s) => {
    const stat = statSync(new URL(s, root), { throwIfNoEntry: false });
    return stat !== undefined && stat.mtimeMs < manifest.builtAt; // a tie may be an edit in the build's first tick
  }));
}

let entry = compiled;
if (!compiledIsCurrent()) {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write('meshsim: the compiled CLI (dist/) is missing or older than its sources, and tsx is not installed to run them: run npm run build\n');
    process.exit(70);
  }
  register();
  entry = new URL('./cli.ts', import.meta.url);
}
const { main } = await import(entry.href);
await main(process.argv);
