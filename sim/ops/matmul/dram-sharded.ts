// dram-sharded (tt-metal's MatmulMultiCoreReuseMultiCastDRAMShardedProgramConfig, for decode):
// B is width-sharded over the DRAM banks; one reader core per bank, the free core nearest it,
// computes that bank's columns of C for all of M, reading its B straight from its bank. A (small
// M) is read once by the first reader and multicast to the rectangle holding the readers (the
// other cores of it take part as idle receivers).
import type { Coord } from '../../arch/types.ts';
import type { Device } from '../../host/device.ts';
import type { Program } from '../../host/program.ts';
import { badInput } from '../../errors.ts';
import { buildProgram, gridCores, readOnly, unitsOfCore, type Blocks, type CoreWork, type MatmulSetup } from './blocks.ts';

// The core nearest each bank's addressed NoC endpoint in hops of NoC0, which the B reader's data
// comes over (tt-metal's optimal DRAM-bank-to-worker assignment), each core taken once, banks in order.
export function readerCores(device: Device, banks: number): Coord[] {
  const free = gridCores(device);
  return Array.from({ length: banks }, (_, bank) => {
    const at = device.dram.endpoint(bank);
    const distance = (c: Coord) => device.nocs[0].hops(at, device.workerCore(c));
    const best = free.reduce((i, c, j) => (distance(c) < distance(free[i]) ? j : i), 0);
    return free.splice(best, 1)[0];
  });
}

export function dramShardedProgram(s: MatmulSetup, bl: Blocks): Program {
  const banks = Math.ceil(s.Nt / s.b.layout.bankTileCols!);
  if (banks > s.device.cores.length) throw badInput(`matmul dram-sharded: ${banks} DRAM banks need a reader core each, the grid has ${s.device.cores.length} cores`);
  const readers = readerCores(s.device, banks);
  const [x0, x1] = [Math.min(...readers.map((c) => c.x)), Math.max(...readers.map((c) => c.x))];
  const [y0, y1] = [Math.min(...readers.map((c) => c.y)), Math.max(...readers.map((c) => c.y))];
  const sender = readers[0];
  const dests = (x1 - x0 + 1) * (y1 - y0 + 1) - 1;
  const reader = (c: Coord) => readers.findIndex((r) => r.x === c.x && r.y === c.y);
  const work: CoreWork[] = [];
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const bank = reader({ x, y });
      const units = unitsOfCore(s, bl, 0, Math.max(bank, 0) * bl.perCoreN);
      const in0 = bank === 0 ? (dests ? { role: 'sender' as const, rect: { start: { x: x0, y: y0 }, end: { x: x1, y: y1 } }, dests } : readOnly)
        : { role: bank > 0 ? ('receiver' as const) : ('idle' as const), sender };
      work.push({ core: { x, y }, units, in0, in1: readOnly });
    }
  }
  return buildProgram(s, bl, work);
}
