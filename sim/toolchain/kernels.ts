// Builds the C and C++ kernels and test programs under kernels/ into the committed ELF files under
// kernels/build/ with Debian's riscv64-unknown-elf-gcc / -g++ (`meshsim kernels build`), and
// compiles a user's kernel with its build inputs (compile-time args, defines) as tt-metal does.
//
// The output must be byte-for-byte reproducible, because test/kernels/build.test.ts rebuilds
// every kernel and compares it with the committed file. So gcc runs in the repository root
// with repository-relative source paths (the only path an ELF without debug info records is
// the source name in its symbol table), without -g, and the linker script discards
// .comment and .note sections (compiler version strings).
import { execFile, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { KERNEL_BASE } from '../core/mmio.ts';
import { badInput, ExitCode, MeshsimError } from '../errors.ts';
import { PACKAGE_ROOT } from '../package-root.ts';

export const REPO_ROOT = PACKAGE_ROOT;

const GCC = 'riscv64-unknown-elf-gcc';
const GXX = 'riscv64-unknown-elf-g++';

// toolchain.md §7. -march=rv32im picks gcc's rv32im/ilp32 multilib (adding _zicsr would not);
// -lgcc last, for the 64-bit and soft-float helpers (__udivdi3 ...). The kernel API comes in by a
// forced include, as in tt-metal's build; unused functions (kernels/lib/memory.c) are dropped.
const TARGET_FLAGS = ['-march=rv32im', '-mabi=ilp32', '-O2', '-nostdlib', '-nostartfiles', '-ffreestanding', '-Wl,--no-warn-rwx-segments'];
const INCLUDE_FLAGS = ['-Ikernels/include'];
const KERNEL_API = ['-include', 'meshsim/tt_kernel.h', '-ffunction-sections', '-Wl,--gc-sections']; // on-device kernels only
// C++ kernels: freestanding, without the C++ runtime (no exceptions, RTTI or guarded statics)
// and with our own <cstdint>/<cstddef>/<cstring>, as Debian ships no libstdc++ for this target.
export const CXX_FLAGS = ['-std=c++17', '-fno-exceptions', '-fno-rtti', '-fno-threadsafe-statics', '-isystem', 'kernels/include/c++', '-DMESHSIM_CXX'];
// Committed kernels are small and ours: every warning is an error. A user's kernel only warns.
const OWN_WARNINGS = ['-Wall', '-Wextra', '-Werror'];
const USER_WARNINGS = ['-Wall'];
const MEMORY_FUNCTIONS = 'kernels/lib/memory.c';

// What tt-metal's build hands a kernel besides its source: compile-time args (a list, and by
// name) the compiler sees as constants, and defines as -D.
export interface BuildInputs {
  compileArgs?: number[];
  namedCompileArgs?: Record<string, number>;
  defines?: Record<string, string | number>;
}

export function buildInputFlags(inputs: BuildInputs): string[] {
  const args = inputs.compileArgs ?? [];
  const named = Object.entries(inputs.namedCompileArgs ?? {});
  const flags = args.length > 0 || named.length > 0 ? [`-DKERNEL_COMPILE_TIME_ARGS=${args.map((a) => `${a >>> 0}u,`).join('')}`, `-DKERNEL_COMPILE_TIME_ARG_COUNT=${args.length}`] : [];
  if (named.length > 0) flags.push(`-DKERNEL_COMPILE_TIME_ARG_MAP=${named.map(([k, v]) => `{"${k}",${v >>> 0}u},`).join('')}`);
  for (const [name, value] of Object.entries(inputs.defines ?? {})) flags.push(`-D${name}=${value}`);
  return flags;
}

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
  kernel: boolean; // an on-device kernel (else a bare program for meshsim exec)
}

const isCxx = (source: string) => source.endsWith('.cpp');
const SOURCE = /\.(c|cpp)$/;

// The compiler driver and flags for one source: C by gcc, C++ by g++.
function compileFlags(source: string, own: boolean, kernel: boolean): { driver: string; flags: string[] } {
  const common = [...TARGET_FLAGS, ...(own ? OWN_WARNINGS : USER_WARNINGS), ...INCLUDE_FLAGS, ...(kernel ? KERNEL_API : [])];
  return isCxx(source) ? { driver: GXX, flags: [...common, ...CXX_FLAGS] } : { driver: GCC, flags: common };
}

// How an on-device kernel is linked for the processor that runs it: at that processor's L1 base.
function kernelLink(processor: keyof typeof KERNEL_BASE): string[] {
  return ['-T', 'kernels/kernel.ld', `-Wl,--defsym=KERNEL_BASE=${KERNEL_BASE[processor]}`, '-DMESHSIM_KERNEL', `-DCOMPILE_FOR_${processor.toUpperCase()}`, 'kernels/start.S', MEMORY_FUNCTIONS];
}

// Compiles one kernel source (a user's .c or .cpp, anywhere) for a processor into outPath. A
// failure is one line: the compiler's first error, and the file.
export function compileKernel(source: string, processor: keyof typeof KERNEL_BASE, outPath: string, inputs: BuildInputs = {}): void {
  if (!SOURCE.test(source)) throw badInput(`kernel source ${source}: expected a .c or .cpp file`);
  const { driver, flags } = compileFlags(source, false, true);
  try {
    // synchronous: the host API compiles while creating the kernel, as tt-metal's CreateKernel does
    execFileSync(driver, [...flags, ...buildInputFlags(inputs), ...kernelLink(processor), resolve(source), '-lgcc', '-o', outPath], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 << 20 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MeshsimError(`${driver} not found: install Debian package gcc-riscv64-unknown-elf`, ExitCode.toolMissing);
    const stderr = (error as { stderr?: string }).stderr || (error as Error).message;
    throw badInput(`compiling ${source} for ${processor} failed (${driver}): ${firstError(stderr, source, inputs)}`);
  }
}

// The compiler's first error as one line, at the line of the kernel source that caused it (an
// error inside the API headers, such as a compile-time check, names the kernel's line too).
export function firstError(stderr: string, source: string, inputs: BuildInputs = {}): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const errors = lines.filter((l) => /\berror\b|undefined reference/.test(l));
  const at = lines.map((l) => l.match(/^(\S+?):(\d+)(?::\d+)?:/)).find((m) => m && resolve(m[1]) === resolve(source));
  const where = at ? `${source}:${at[2]}` : source;
  if (/named_compile_time_arg_was_not_given/.test(stderr)) {
    const name = stderr.match(/named_arg\(\(\(const char\*\)"([^"]*)"\)\)/)?.[1];
    const given = Object.keys(inputs.namedCompileArgs ?? {}).join(', ') || 'none';
    return `${where}: named compile-time arg${name === undefined ? '' : ` "${name}"`} was not given (namedCompileArgs: ${given})`;
  }
  const first = (errors[0] ?? lines[0] ?? 'no message').replace(/^\S+?:\d+(:\d+)?:\s*/, '').replace(/^error:\s*/, '');
  return `${where}: ${first}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`;
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
      for (const name of entries.filter((e) => e.isFile() && SOURCE.test(e.name)).map((e) => e.name)) {
        const source = `kernels/${folder}/${name}`;
        const stem = `kernels/build/${folder}/${name.replace(SOURCE, '')}`;
        if (!processors) found.push({ source, output: `${stem}.elf`, link: ['-T', 'kernels/link.ld', 'kernels/start.S'], kernel: false });
        else for (const p of processors) found.push({ source, output: `${stem}.${p}.elf`, link: kernelLink(p), kernel: true });
      }
    }
    for (const e of entries) if (e.isDirectory() && !(folder === '' && NOT_SOURCES.has(e.name))) walk(folder ? `${folder}/${e.name}` : e.name);
  };
  walk('');
  found.sort((a, b) => (a.output < b.output ? -1 : 1));
  const twice = found.find((k, i) => i > 0 && found[i - 1].output === k.output);
  if (twice) throw badInput(`${twice.output} would be built from two sources (a .c and a .cpp of one name beside ${twice.source})`);
  return found;
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
        reject(new MeshsimError(`${command} not found: install Debian package gcc-riscv64-unknown-elf`, ExitCode.toolMissing));
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
        const { driver, flags } = compileFlags(job.source, true, job.kernel);
        await run(driver, [...flags, ...job.link, job.source, '-lgcc', '-o', job.outPath]);
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
