// Finds the committed ELF of a kernel for the processor that will run it: kernels are linked
// at their processor's L1 base, so kernels/dataflow/x.c builds to x.brisc.elf and x.ncrisc.elf.
import { existsSync } from 'node:fs';
import type { Processor } from '../core/tensix-core.ts';
import { readElf, type ElfImage } from '../riscv/elf.ts';
import { REPO_ROOT } from '../toolchain/kernels.ts';
import { badInput } from '../errors.ts';

const cache = new Map<string, ElfImage>();

// name: a kernel under kernels/, e.g. 'dataflow/reader_interleaved'.
export function kernelImage(name: string, processor: Processor): ElfImage {
  const path = `kernels/build/${name}.${processor}.elf`;
  let image = cache.get(path);
  if (!image) {
    if (!existsSync(REPO_ROOT + path)) throw badInput(`kernel ${name} has no build for ${processor}: expected ${path} (run meshsim kernels build)`);
    image = readElf(REPO_ROOT + path, path);
    cache.set(path, image);
  }
  return image;
}
