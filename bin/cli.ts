// The meshsim command line. User errors print one line and exit with a code from sim/errors.ts.
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode, MeshsimError, badInput } from '../sim/errors.ts';
import { parseElf, type ElfImage } from '../sim/riscv/elf.ts';
import { listing } from '../sim/riscv/disassemble.ts';
import { DEFAULT_MAX_INSTRUCTIONS, execElf } from '../sim/riscv/process.ts';
import { formatExecStats } from '../sim/riscv/stats.ts';
import { buildKernels } from '../sim/toolchain/kernels.ts';
import { computeCores, DEFAULT_ARCH, formatArchList, formatArchShow, loadArch, parseGrid, presetToJson } from '../sim/arch/index.ts';
import { FIDELITIES } from '../sim/arch/types.ts';
import { DATA_FORMATS } from '../sim/compute/formats.ts';
import { MATMUL_STRATEGIES, runMatmul } from '../sim/ops/matmul.ts';
import { formatMatmulReport } from '../sim/trace/format-summary.ts';
import { chromeTrace } from '../sim/trace/chrome-trace.ts';
import { TraceRecorder } from '../sim/trace/recorder.ts';

function readElf(path: string): ElfImage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw badInput(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code)}`);
  }
  return parseElf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}

// Writes a block of text to stdout, ending it with a newline.
function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

function oneOf<T extends string>(choices: readonly T[]) {
  return (text: string): T => {
    if (!(choices as readonly string[]).includes(text)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
    return text as T;
  };
}

// Writes a JSON file into dir (created if needed); a file that cannot be written is an input error.
function writeJson(dir: string, name: string, value: unknown): void {
  const path = join(dir, name);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path, JSON.stringify(value) + '\n');
  } catch (e) {
    throw badInput(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  process.stderr.write(`wrote ${path}\n`);
}

function positiveInt(max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n <= 0 || n > max) throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return n;
  };
}

function program(): Command {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  const cli = new Command('meshsim')
    .description('Cycle-approximate simulator of a Tenstorrent-style mesh accelerator')
    .version(version)
    .exitOverride()
    .showHelpAfterError('(run meshsim --help for usage)');

  cli
    .command('exec')
    .description('run a bare RV32IM program on one hart with flat memory (ecall 64 write, 93 exit)')
    .argument('<prog.elf>', 'static RV32IM ELF executable')
    .option('--max-instructions <n>', 'stop with exit code 5 after this many instructions', positiveInt(Number.MAX_SAFE_INTEGER), DEFAULT_MAX_INSTRUCTIONS)
    .option('--memory <MiB>', 'flat memory size from address 0, in MiB', positiveInt(1024), 16)
    .option('--stats', 'print instructions, cycles, CPI and the instruction mix to stderr')
    .action((path: string, opts: { maxInstructions: number; memory: number; stats?: boolean }) => {
      const started = performance.now();
      const result = execElf(readElf(path), {
        maxInstructions: opts.maxInstructions,
        memoryBytes: opts.memory << 20,
        countMix: opts.stats,
        stdout: (b) => process.stdout.write(Buffer.from(b)),
        stderr: (b) => process.stderr.write(Buffer.from(b)),
      });
      if (opts.stats) process.stderr.write(formatExecStats(result, (performance.now() - started) / 1000));
      process.exitCode = result.exitCode;
    });

  cli
    .command('disasm')
    .description('print the disassembly of an RV32IM ELF file (GNU objdump syntax)')
    .argument('<prog.elf>', 'ELF executable')
    .action((path: string) => {
      print(listing(readElf(path)));
    });

  cli
    .command('matmul')
    .description('run C = A @ B (seeded random A, B) on the mesh and summarise cycles, throughput and the bottleneck')
    .option('--m <rows>', 'rows of A and C', positiveInt(1 << 16), 512)
    .option('--k <depth>', 'columns of A, rows of B', positiveInt(1 << 16), 512)
    .option('--n <cols>', 'columns of B and C', positiveInt(1 << 16), 512)
    .option('--dtype <format>', `format of A and B: ${DATA_FORMATS.join(', ')}`, oneOf(DATA_FORMATS), 'bf16')
    .option('--fidelity <fidelity>', `math fidelity: ${FIDELITIES.join(', ')}`, oneOf(FIDELITIES), 'HiFi4')
    .option('--fp32-acc', 'accumulate in fp32 in Dst (4 tiles per half)')
    .option('--arch <preset>', 'architecture preset name or JSON file', DEFAULT_ARCH)
    .option('--grid <RxC>', 'compute grid, rows x columns (default: the preset\'s)')
    .option('--mode <mode>', 'functional (real values, checked) or timing (no values)', oneOf(['functional', 'timing'] as const), 'functional')
    .option('--strategy <name>', `how the work is split over the cores: ${MATMUL_STRATEGIES.join(', ')}`, oneOf(MATMUL_STRATEGIES), 'dp')
    .option('--seed <n>', 'seed of the random inputs', positiveInt(2 ** 31), 1)
    .option('--out <dir>', 'also write stats.json and trace.json (Perfetto) into this directory')
    .action((opts) => {
      const preset = loadArch(opts.arch);
      const grid = opts.grid ? parseGrid(opts.grid) : preset.computeGrids[0];
      computeCores(preset, grid); // a grid that does not fit is an input error before anything runs
      const trace = opts.out ? new TraceRecorder() : undefined;
      const report = runMatmul({ ...opts, arch: opts.arch, grid, fp32Acc: Boolean(opts.fp32Acc), trace, print: (line) => process.stderr.write(`${line}\n`) });
      print(formatMatmulReport(report, preset, grid));
      if (opts.out && trace) {
        writeJson(opts.out, 'stats.json', { arch: preset, grid, matmul: { ...report, run: undefined }, run: report.run });
        writeJson(opts.out, 'trace.json', chromeTrace(trace, preset.clockHz));
      }
    });

  const arch = cli.command('arch').description('architecture presets');
  arch
    .command('list')
    .description('list the built-in presets')
    .action(() => print(formatArchList()));
  arch
    .command('show')
    .description('print a preset (a built-in name or a preset JSON file): grid map, tiles, costs')
    .argument('<name>', 'preset name or path to a .json preset')
    .option('--json', 'print it as a JSON preset file that can be edited and loaded back')
    .option('--grid <RxC>', 'also list the NoC coordinates of this compute grid (rows x columns)')
    .action((name: string, opts: { json?: boolean; grid?: string }) => {
      const preset = loadArch(name);
      if (opts.json) {
        print(presetToJson(preset));
        return;
      }
      print(formatArchShow(preset));
      if (opts.grid) {
        const grid = parseGrid(opts.grid);
        const cores = computeCores(preset, grid);
        const rows = Array.from({ length: grid.rows }, (_, r) =>
          cores.slice(r * grid.cols, (r + 1) * grid.cols).map((c) => `(${c.x},${c.y})`).join(' '));
        print(`compute grid ${grid.rows}x${grid.cols} (logical row: NoC0 x,y of each column)\n${rows.map((r, i) => `  ${i}: ${r}`).join('\n')}`);
      }
    });

  const kernels = cli.command('kernels').description('the C kernels and programs under kernels/');
  kernels
    .command('build')
    .description('rebuild every kernel ELF with riscv64-unknown-elf-gcc')
    .action(async () => {
      for (const out of await buildKernels()) console.log(`built ${out}`);
    });

  return cli;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed its message already; help and version are not errors.
      process.exitCode = e.exitCode === 0 ? 0 : ExitCode.usage;
    } else if (e instanceof MeshsimError) {
      process.stderr.write(`meshsim: ${e.message}\n`);
      process.exitCode = e.exitCode;
    } else {
      process.stderr.write(`meshsim: internal error (please report): ${(e as Error).stack ?? e}\n`);
      process.exitCode = ExitCode.internal;
    }
  }
}
