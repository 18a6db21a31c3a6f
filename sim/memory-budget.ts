// Memory is estimated before it is allocated, and a run that would need more than it may have is
// refused with the figure and the limit, instead of growing until the process dies:
// - host memory for simulated values (functional inputs, DRAM contents, results): at most
//   MESHSIM_MAX_MEMORY (e.g. "16GiB"), by default half the machine's memory, at most 8 GiB;
// - the WebAssembly memory that holds every core's L1, private RAM and decode cache: wasm32
//   addresses 4 GiB, whatever the machine.
import { totalmem } from 'node:os';
import { badInput, ExitCode, MeshsimError } from './errors.ts';
import { formatBytes, parseBytes } from './io/bytes.ts';

export const WASM_ADDRESS_SPACE = 2 ** 32;
const DEFAULT_HOST_LIMIT = 8 * 2 ** 30;

export function hostMemoryLimit(): number {
  const text = process.env.MESHSIM_MAX_MEMORY;
  if (text === undefined || text === '') return Math.min(DEFAULT_HOST_LIMIT, Math.floor(totalmem() / 2));
  const bytes = parseBytes(text);
  if (bytes === undefined || bytes < 1) {
    throw new MeshsimError(`MESHSIM_MAX_MEMORY=${JSON.stringify(text)}: expected a size such as 4GiB, 512MiB or 1048576`, ExitCode.usage);
  }
  return bytes;
}

// `what` says what needs the memory and where it comes from, e.g. `spec.json: buffers.a`.
export function checkHostMemory(bytes: number, what: string, remedy = ''): void {
  const limit = hostMemoryLimit();
  if (bytes > limit) {
    throw badInput(`${what} needs about ${formatBytes(bytes)} of host memory, over the limit of ${formatBytes(limit)} (MESHSIM_MAX_MEMORY)${remedy ? `; ${remedy}` : ''}`);
  }
}

export function checkWasmMemory(bytes: number, what: string, remedy = ''): void {
  if (bytes > WASM_ADDRESS_SPACE) {
    throw badInput(`${what} needs ${formatBytes(bytes)} of simulator memory, more than the ${formatBytes(WASM_ADDRESS_SPACE)} a WebAssembly memory can address${remedy ? `; ${remedy}` : ''}`);
  }
}
