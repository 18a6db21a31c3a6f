import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Layout, Stop } from '../../sim/riscv/layout.ts';
import { OP_NAMES } from '../../sim/riscv/ops.ts';
import { RiscvWasm } from '../../sim/riscv/wasm.ts';

describe('host mirror of the wasm layout', () => {
  const wasm = new RiscvWasm();

  it('every hart-block and cost-table offset matches the wasm export', () => {
    for (const [name, value] of Object.entries(Layout)) expect([name, wasm.global(name)]).toEqual([name, value]);
  });

  it('every stop code matches the wasm export', () => {
    for (const [name, value] of Object.entries(Stop)) expect([name, wasm.global(`STOP_${name}`)]).toEqual([name, value]);
  });

  it('op mnemonics are listed in the order of the wasm op ids', () => {
    const source = readFileSync(new URL('../../sim/wasm/ops.ts', import.meta.url), 'utf8');
    const ids = [...source.matchAll(/OP_(\w+): u32 = (\d+);/g)].map((m) => [m[1].toLowerCase(), Number(m[2])] as const);
    expect(ids.length).toBe(48);
    for (const [name, id] of ids) expect(OP_NAMES[id]).toBe(name);
  });
});
