// The 1-D multicast matmuls (tt-metal's MatmulMultiCoreReuseMultiCast1DProgramConfig): the blocks
// of C lie along one dimension, one per core over the grid row by row. With in0 multicast (wide
// N, small M) every core owns all of M and a column block of N; core (0, 0) reads A's blocks and
// multicasts them to the rectangle holding the cores (its cores without a block take part as
// idle receivers), and each core reads its own B. With in1 multicast (tall M) the roles swap.
import type { Program } from '../../host/program.ts';
import { buildProgram, readOnly, unitsOfCore, type Blocks, type CoreWork, type Feed, type MatmulSetup } from './blocks.ts';
import { lineOfCores } from './grid.ts';

export function mcast1dProgram(s: MatmulSetup, bl: Blocks, side: 'in0' | 'in1'): Program {
  const blocks = side === 'in0' ? Math.ceil(s.Nt / bl.perCoreN) : Math.ceil(s.Mt / bl.perCoreM);
  const { box } = lineOfCores(s, blocks);
  const origin = { x: 0, y: 0 };
  const work: CoreWork[] = [];
  for (let i = 0; i < box.x * box.y; i++) {
    const core = { x: i % box.x, y: Math.floor(i / box.x) };
    const shared: Feed = i === 0 ? (box.x * box.y > 1 ? { role: 'sender', rect: { start: origin, end: { x: box.x - 1, y: box.y - 1 } }, dests: box.x * box.y - 1 } : readOnly)
      : { role: i < blocks ? 'receiver' : 'idle', sender: origin };
    const own = i < blocks ? readOnly : undefined;
    const units = side === 'in0' ? unitsOfCore(s, bl, 0, i * bl.perCoreN) : unitsOfCore(s, bl, i * bl.perCoreM, 0);
    // An idle core runs only the multicast side's kernel; the other side's feed is never used.
    work.push(side === 'in0' ? { core, units, in0: shared, in1: own ?? readOnly } : { core, units, in0: own ?? readOnly, in1: shared });
  }
  return buildProgram(s, bl, work);
}
