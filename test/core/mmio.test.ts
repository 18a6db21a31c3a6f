// The C header that kernels compile against must say what the simulator implements.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as M from '../../sim/core/mmio.ts';

const header = readFileSync(new URL('../../kernels/include/meshsim/mmio.h', import.meta.url), 'utf8');
const defines = new Map<string, number>();
for (const [, name, expr] of header.matchAll(/^#define (\w+) (\(?[A-Z_0-9x +]+u?\)?)$/gm)) {
  const value = expr.replace(/[()u]/g, '').split('+').map((t) => t.trim()).reduce((sum, t) => sum + (defines.get(t) ?? Number(t)), 0);
  defines.set(name, value);
}

describe('kernels/include/meshsim/mmio.h mirrors sim/core/mmio.ts', () => {
  it('every register and address', () => {
    const names = ['PRIVATE_RAM_BASE', 'CMD_ARGS', 'MMIO_BASE', 'MMIO_CMD', 'MMIO_MY_XY', 'MMIO_NUM_DRAM_BANKS', 'MMIO_CYCLE', 'MMIO_NOC_INDEX',
      'MMIO_LOGICAL_XY',
      'MMIO_RUNTIME_ARG', 'MMIO_CB_WRITE_PTR', 'MMIO_CB_READ_PTR', 'MMIO_DRAM_BANK_XY', 'MMIO_CB_PAGE_SIZE', 'MMIO_CB_NUM_PAGES', 'MMIO_CB_DATA_FORMAT',
      'MMIO_COMMON_ARG', 'DRAM_PAGE_ALIGNMENT', 'SEMAPHORE_BASE', 'SEMAPHORE_STRIDE'] as const;
    for (const name of names) expect([name, defines.get(name)]).toEqual([name, M[name]]);
  });

  it('every command code', () => {
    for (const [name, code] of Object.entries(M.Cmd)) expect([name, defines.get(`CMD_${name}`)]).toEqual([name, code]);
    expect([...defines.keys()].filter((k) => k.startsWith('CMD_') && k !== 'CMD_ARGS' && k !== 'CMD_ARG')).toHaveLength(Object.keys(M.Cmd).length);
  });

  it('every compute init, SFPU op, binary op, broadcast and reduction', () => {
    for (const [name, id] of Object.entries(M.ComputeInit)) expect([name, defines.get(`INIT_${name}`)]).toEqual([name, id]);
    const lists: [string, readonly string[]][] = [['SFPU', M.SFPU_OPS], ['BINARY', M.BINARY_OPS], ['BCAST', M.BROADCASTS], ['MESHSIM_REDUCE', M.REDUCE_OPS], ['MESHSIM_REDUCE', M.REDUCE_DIMS]];
    for (const [prefix, names] of lists) names.forEach((n, id) => expect([n, defines.get(`${prefix}_${n.toUpperCase()}`)]).toEqual([n, id]));
  });

  it('the kernel regions fit below the code limit and do not overlap', () => {
    const bases = Object.values(M.KERNEL_BASE).sort((a, b) => a - b);
    bases.forEach((b, i) => expect(b + M.KERNEL_MAX_BYTES).toBeLessThanOrEqual(bases[i + 1] ?? M.CODE_BYTES));
    expect(M.SEMAPHORE_BASE + M.MAX_SEMAPHORES * M.SEMAPHORE_STRIDE).toBeLessThanOrEqual(M.L1_ALLOC_BASE);
  });
});
