// npm run bench:report [-- --screenshot FILE.png] — the report of the 4096³ HiFi2 matmul (timing
// mode, wormhole_n150 8×8): runs it and `meshsim report`, then opens report.html in headless
// Chromium and times navigation until the page says it has drawn (body[data-ready], set after the
// first render) and the next frame, median of a few loads in fresh pages. Saves a screenshot of
// the whole page as it opens (header, mesh, overview strip, the first cores' timelines). Prints
// one JSON object last; the targets are under 5 MB and under 2 s.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../', import.meta.url));
const TARGET_BYTES = 5e6;
const TARGET_SECONDS = 2;
const LOADS = 3;

const at = process.argv.indexOf('--screenshot');
const screenshot = resolve(at > 0 ? process.argv[at + 1] : join(tmpdir(), 'meshsim-report-4096.png'));

// Run in a scratch folder, so the report names its run by a relative path (matmul-4096).
const scratch = mkdtempSync(join(tmpdir(), 'meshsim-report-bench-'));
function meshsim(args: string[]): void {
  const r = spawnSync(process.execPath, [`${root}bin/meshsim.mjs`, ...args], { cwd: scratch, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`meshsim ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
}

const dir = 'matmul-4096';
try {
  process.stderr.write('running the 4096³ matmul and its report ...\n');
  meshsim(['matmul', '--m', '4096', '--k', '4096', '--n', '4096', '--fidelity', 'HiFi2', '--mode', 'timing', '--quiet', '--out', dir]);
  meshsim(['report', dir]);
  const html = join(scratch, dir, 'report.html');
  const bytes = statSync(html).size;

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const seconds: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const t0 = performance.now();
      await page.goto(`file://${html}`);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(done))); // and painted once
      seconds.push((performance.now() - t0) / 1000);
      if (errors.length) throw new Error(`report.html: ${errors.join('; ')}`);
      if (i === 0) await page.screenshot({ path: screenshot, fullPage: true });
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const loadSeconds = seconds.sort((a, b) => a - b)[LOADS >> 1];
  console.log(JSON.stringify({
    bytes,
    loadSeconds: Number(loadSeconds.toFixed(3)),
    targetBytes: TARGET_BYTES,
    targetSeconds: TARGET_SECONDS,
    meetsTarget: bytes < TARGET_BYTES && loadSeconds < TARGET_SECONDS,
    screenshot,
  }));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
