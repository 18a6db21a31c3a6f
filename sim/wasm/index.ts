// WebAssembly entry: the interpreter, a bump allocator for hart blocks and memories,
// and the layout constants (exported so the host can check its mirror of them).
export { run, runCounted } from './interpreter';
export * from './layout';
export * from './tile-math';
export * from './formats';
export * from './random';

let heapTop: usize = (__heap_base + 63) & ~63;

// Reserves zeroed, 64-byte aligned linear memory; returns 0 when memory cannot grow.
// Nothing is ever freed: a simulation allocates its harts and memories once.
export function alloc(bytes: u32): usize {
  const start = heapTop;
  const end = (start + <usize>bytes + 63) & ~63;
  const have = <usize>memory.size() << 16;
  if (end > have) {
    // At least double: each grow costs the host a remap, and a device makes a few hundred
    // allocations (untouched pages cost no host memory).
    const needed = <i32>((end - have + 0xffff) >> 16);
    const current = memory.size();
    if (memory.grow(max<i32>(needed, current)) < 0 && memory.grow(needed) < 0) return 0;
  }
  heapTop = end;
  return start;
}

// Drops decoded instructions over [addr, addr + bytes) of a hart's code window,
// for writes into code memory made by the host (program loads, NoC writes).
export function invalidateCode(decodeBase: usize, codeSize: u32, addr: u32, bytes: u32): void {
  if (addr >= codeSize) return;
  const end = min<u32>(codeSize, addr + bytes + 3);
  const first = addr & ~3;
  if (end <= first) return;
  memory.fill(decodeBase + (<usize>first << 1), 0, <usize>((end - first) & ~3) << 1);
}
