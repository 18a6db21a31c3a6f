// User-facing errors: one line of text and a documented process exit code (README "Exit codes").
export const ExitCode = {
  ok: 0,
  usage: 2, // bad command-line arguments (commander's own code)
  badInput: 3, // unreadable file, malformed ELF, config failing its schema
  fault: 4, // the simulated program faulted: illegal instruction, bad access, bad jump
  limit: 5, // the run hit --max-instructions or the cycle limit
  deadlock: 6, // every hart is waiting and none can make progress
  toolMissing: 7, // an external tool (riscv gcc, qemu) is required and not installed
  incomplete: 8, // a sweep or a merge finished, but some points failed or are missing
  internal: 70, // a bug in meshsim itself: reported with a stack trace
  interrupted: 130, // stopped by Ctrl-C (SIGINT), after keeping what had finished
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class MeshsimError extends Error {
  // details: what a --json error document adds to the message (e.g. every hart of a deadlock).
  constructor(message: string, readonly exitCode: ExitCodeValue, readonly details?: Record<string, unknown>) {
    super(message);
    this.name = 'MeshsimError';
  }
}

export function badInput(message: string): MeshsimError {
  return new MeshsimError(message, ExitCode.badInput);
}

// A malformed option found after commander's own parsing (two options that exclude each other).
export function usageError(message: string): MeshsimError {
  return new MeshsimError(message, ExitCode.usage);
}

// Runs `make`; a user error from it gets `where: ` in front (unless it starts so already), so the
// message names the input it is about: `spec.json: buffers.a: ...`, `matmul 64×64×64: B: ...`.
export function within<T>(where: string | undefined, make: () => T): T {
  try {
    return make();
  } catch (e) {
    throw where ? named(where, e) : e;
  }
}

export function named(where: string, e: unknown): unknown {
  return e instanceof MeshsimError && !e.message.startsWith(`${where}: `) ? new MeshsimError(`${where}: ${e.message}`, e.exitCode, e.details) : e;
}

// A value as an error message shows what it got: short, and never a whole object.
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  return String(v);
}

// Addresses and words as messages show them: 0x1f, or 0x0000001f as a full 32-bit word.
export const hex = (v: number) => `0x${(v >>> 0).toString(16)}`;
export const hex32 = (v: number) => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

// A list in a one-line message: the first few items, then how many more (the full list goes in
// the error's details, for --json).
export function firstFew(items: string[], shown = 4, separator = ', '): string {
  if (items.length <= shown) return items.join(separator);
  return `${items.slice(0, shown).join(separator)} and ${items.length - shown} more`;
}
