// Builds the C kernels and test programs under kernels/ into the committed ELF files under
// kernels/build/ with Debian's riscv64-unknown-elf-gcc (`meshsim kernels build`).
//
// The output must be byte-for-byte reproducible, because test/kernels/build.test.ts rebuilds
// every kernel and compares it with the committed file. So gcc runs in the repository root
// with repository-relative source paths (the only path an ELF without debug info records is
// the source name in its symbol table), without -g, and the linker script discards
// .comment and .note sections (compiler version strings).
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { KERNEL_BASE } from '../core/mmio.ts';
import { ExitCode, MeshsimError } from '../errors.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

export const REPO_ROOT = PACKAGE_ROOT;

const GCC = 'riscv64-unknown-elf-gcc';

// toolchain.md §7. -march=rv32im picks gcc's rv32im/ilp32 multilib (adding _zicsr would not);
// -lgcc last, for the 64-bit helpers (__udivdi3 ...). Warnings are errors: kernels are small.
const COMMON_FLAGS = ['-march=rv32im', '-mabi=ilp32', '-O2', '-Wall', '-Wextra', '-Werror', '-nostdlib', '-nostartfiles', '-ffreestanding', '-Wl,--no-warn-rwx-segments', '-Ikernels/include'];

// What a folder holds, by its name, wherever it sits under kernels/ (kernels/compute/ and
// kernels/ops/softmax/compute/ alike), and how its .c files are linked:
// - programs/: whole bare programs for `meshsim exec`: programs/<name>.c -> build/.../programs/<name>.elf
// - dataflow/, compute/: on-device kernels, linked once per processor that may run them at that
//   processor's L1 kernel base (sim/core/mmio.ts KERNEL_BASE): build/.../<folder>/<name>.<processor>.elf
const FOLDER_PROCESSORS: Record<string, (keyof typeof KERNEL_BASE)[] | undefined> = {
  programs: undefined,
  dataflow: ['brisc', 'ncrisc'],
  compute: ['trisc'],
};
// Folders under kernels/ that hold no sources to build.
const NOT_SOURCES = new Set(['build', 'include']);

export interface KernelSource {
  source: string; // relative to REPO_ROOT, e.g. kernels/programs/hello.c
  output: string; // relative to REPO_ROOT, e.g. kernels/build/programs/hello.elf
  link: string[]; // linker script, start file and defines
}

// How an on-device kernel is linked for the processor that runs it: at that processor's L1 base.
function kernelLink(processor: keyof typeof KERNEL_BASE): string[] {
  return ['-T', 'kernels/kernel.ld', `-Wl,--defsym=KERNEL_BASE=${KERNEL_BASE[processor]}`, '-DMESHSIM_KERNEL', `-DCOMPILE_FOR_${processor.toUpperCase()}`, 'kernels/start.S'];
}

// Compiles one kernel source (a user's, anywhere) for a processor into outPath.
export async function compileKernel(source: string, processor: keyof typeof KERNEL_BASE, outPath: string): Promise<void> {
  try {
    await run(GCC, [...COMMON_FLAGS, ...kernelLink(processor), resolve(source), '-lgcc', '-o', outPath]);
  } catch (error) {
    if (error instanceof MeshsimError) throw error;
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new MeshsimError(`compiling ${source} for ${processor} failed (${GCC}):\n${stderr || (error as Error).message}`, ExitCode.badInput);
  }
}

// Every buildable kernel source, sorted by path.
export function kernelSources(): KernelSource[] {
  const found: KernelSource[] = [];
  // sync on purpose: tests call this while they are being declared
  const walk = (folder: string) => {
    const entries = readdirSync(join(REPO_ROOT, 'kernels', folder), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    const leaf = folder.split('/').pop()!;
    if (leaf in FOLDER_PROCESSORS) {
      const processors = FOLDER_PROCESSORS[leaf];
      for (const name of entries.filter((e) => e.isFile() && e.name.endsWith('.c')).map((e) => e.name)) {
        const source = `kernels/${folder}/${name}`;
        const stem = `kernels/build/${folder}/${name.slice(0, -2)}`;
        if (!processors) found.push({ source, output: `${stem}.elf`, link: ['-T', 'kernels/link.ld', 'kernels/start.S'] });
        else for (const p of processors) found.push({ source, output: `${stem}.${p}.elf`, link: kernelLink(p) });
      }
    }
    for (const e of entries) if (e.isDirectory() && !(folder === '' && NOT_SOURCES.has(e.name))) walk(folder ? `${folder}/${e.name}` : e.name);
  };
  walk('');
  return found.sort((a, b) => (a.output < b.output ? -1 : 1));
}

interface RunResult {
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[]): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(command, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (!error) return resolvePromise({ stdout, stderr });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        reject(new MeshsimError(`${GCC} not found: install Debian package gcc-riscv64-unknown-elf`, ExitCode.toolMissing));
        return;
      }
      reject(Object.assign(error, { stdout, stderr }));
    });
  });
}

// Compiles every kernel source. Writes into kernels/build/ by default, or into outRoot
// mirroring that layout (outRoot/<folder>/<name>.elf). Returns the absolute output paths.
export async function buildKernels(options: { outRoot?: string } = {}): Promise<string[]> {
  await run(GCC, ['--version']); // fails early, with the install hint, when gcc is missing
  const outRoot = resolve(REPO_ROOT, options.outRoot ?? 'kernels/build');
  const jobs = kernelSources().map((k) => ({
    ...k,
    outPath: join(outRoot, k.output.slice('kernels/build/'.length)),
  }));

  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await mkdir(dirname(job.outPath), { recursive: true });
      try {
        await run(GCC, [...COMMON_FLAGS, ...job.link, job.source, '-lgcc', '-o', job.outPath]);
      } catch (error) {
        if (error instanceof MeshsimError) throw error;
        const stderr = (error as { stderr?: string }).stderr?.trim();
        failures.push(`${job.source}:\n${stderr || (error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), jobs.length) }, worker));
  if (failures.length > 0) {
    throw new MeshsimError(`compiling kernels failed (${GCC}):\n${failures.join('\n')}`, ExitCode.badInput);
  }
  return jobs.map((j) => j.outPath);
}
