// Runs the meshsim command line as a user would, in a child process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export function meshsim(args: string[], timeoutMs = 60_000, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [`${repoRoot}bin/meshsim.mjs`, ...args], { cwd: repoRoot, timeout: timeoutMs, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, code: r.status };
}
