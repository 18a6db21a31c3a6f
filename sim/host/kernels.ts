// Finds the committed ELF of a kernel for the processor that will run it: kernels are linked
// at their processor's L1 base, so kernels/dataflow/x.c builds to x.brisc.elf and x.ncrisc.elf.
import { readFileSync } from 'node:fs';
import type { Processor } from '../core/tensix-core.ts';
import { parseElf, type ElfImage } from '../riscv/elf.ts';
import { REPO_ROOT } from '../toolchain/kernels.ts';
import { badInput } from '../errors.ts';

const cache = new Map<string, ElfImage>();

// name: a kernel under kernels/, e.g. 'dataflow/reader_interleaved'.
export function kernelImage(name: string, processor: Processor): ElfImage {
  const path = `kernels/build/${name}.${processor}.elf`;
  let image = cache.get(path);
  if (!image) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(REPO_ROOT + path);
    } catch {
      throw badInput(`kernel ${name} has no build for ${processor}: expected ${path} (run meshsim kernels build)`);
    }
    image = parseElf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
    cache.set(path, image);
  }
  return image;
}
