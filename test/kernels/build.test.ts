// The committed ELF files under kernels/build/ are exactly what the committed sources
// build to: every kernel is rebuilt into a temporary directory and compared byte for byte.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKernels, kernelSources, REPO_ROOT } from '../../sim/toolchain/kernels.ts';
import { missing } from '../support/tools.ts';

const sources = kernelSources();

describe('kernel sources', () => {
  it('finds the test programs', () => {
    const names = sources.map((k) => k.source);
    for (const name of ['hello', 'arith', 'memops', 'sort', 'crc', 'bench', 'spin']) {
      expect(names).toContain(`kernels/programs/${name}.c`);
    }
  });

  it('every source has a committed ELF, and every committed ELF a source', () => {
    for (const k of sources) expect(existsSync(join(REPO_ROOT, k.output)), `${k.output} (from ${k.source})`).toBe(true);
    const outputs = new Set(sources.map((k) => k.output));
    const committed = readdirSync(join(REPO_ROOT, 'kernels/build'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.elf'))
      .map((f) => `kernels/build/${f}`);
    for (const f of committed) expect(outputs.has(f), `${f} has no source`).toBe(true);
  });
});

describe.skipIf(missing('gcc', 'rebuilding the kernels'))('kernel build', () => {
  it('rebuilds every kernel byte-identical to the committed ELF', async () => {
    const out = mkdtempSync(join(tmpdir(), 'meshsim-kernels-'));
    try {
      const written = await buildKernels({ outRoot: out });
      expect(written).toHaveLength(sources.length);
      const stale: string[] = [];
      for (const k of sources) {
        const fresh = readFileSync(join(out, k.output.slice('kernels/build/'.length)));
        const committed = readFileSync(join(REPO_ROOT, k.output));
        if (!fresh.equals(committed)) stale.push(k.output);
      }
      expect(stale, 'stale ELF files: run `npm run kernels` and commit the result').toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
