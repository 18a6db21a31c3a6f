#!/usr/bin/env node
// Entry point. Runs the compiled CLI (dist/, made by `npm run build`) when it is at least as new
// as every TypeScript source; in a checkout whose sources were edited since, runs them through
// tsx instead (a development dependency), so what runs is always what the sources say.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const compiled = new URL('dist/bin/cli.js', root);

function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = new URL(e.isDirectory() ? `${e.name}/` : e.name, dir);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function compiledIsCurrent() {
  if (process.env.MESHSIM_FROM_SOURCES === '1' || !existsSync(compiled)) return false;
  const built = statSync(compiled).mtimeMs;
  return ['bin/', 'sim/', 'visualizer/'].every((d) => newestSource(new URL(d, root)) <= built);
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
