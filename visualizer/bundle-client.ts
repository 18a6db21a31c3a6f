// The report's browser code (./client/, d3 included) as one minified script, build/report-client.js.
// `npm run build` makes it; a report built from the sources remakes it when a client source is
// newer (esbuild is a development tool, loaded only then).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { PACKAGE_ROOT } from '../sim/package-root.ts';

export const CLIENT_BUNDLE = `${PACKAGE_ROOT}build/report-client.js`;
const CLIENT_DIR = `${PACKAGE_ROOT}visualizer/client/`;

function stale(): boolean {
  if (!existsSync(CLIENT_BUNDLE)) return true;
  if (!existsSync(CLIENT_DIR)) return false;
  const built = statSync(CLIENT_BUNDLE).mtimeMs;
  return readdirSync(CLIENT_DIR).some((f) => statSync(CLIENT_DIR + f).mtimeMs > built);
}

export async function bundleClient(): Promise<void> {
  const { build } = await import('esbuild');
  const r = await build({
    entryPoints: [`${CLIENT_DIR}main.ts`],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(`${PACKAGE_ROOT}build`, { recursive: true });
  writeFileSync(CLIENT_BUNDLE, r.outputFiles[0].text);
}

let text: Promise<string> | undefined;

// The bundle's text, rebuilt first if it is missing or older than its sources.
export function clientScript(): Promise<string> {
  text ??= (async () => {
    if (stale()) await bundleClient();
    return readFileSync(CLIENT_BUNDLE, 'utf8');
  })();
  text.catch(() => (text = undefined));
  return text;
}
