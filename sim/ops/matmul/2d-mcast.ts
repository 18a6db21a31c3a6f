// 2d-mcast (tt-metal's MatmulMultiCoreReuseMultiCastProgramConfig): core (x, y) of a rows×cols
// rectangle owns block (y, x) of C. The left column reads A's row blocks and multicasts them along
// their rows; the top row reads B's column blocks and multicasts them down their columns. A core
// works through its block an output block at a time. As tt-metal's factory does with more than two
// columns and rows (matmul_op_multi_core_reuse_mcast_2d_program_factory.cpp split_half, A
// interleaved), the receivers of both sides right of column cols/2 read A's multicast on NoC0 and
// write C on NoC1 (GetPreferredNOCForDRAMRead / ...Write), so C's writes do not all take NoC0.
import type { Program } from '../../host/program.ts';
import { buildProgram, readOnly, unitsOfCore, type Blocks, type CoreWork, type MatmulSetup } from './blocks.ts';
import { blockGrid } from './grid.ts';

export function mcast2dProgram(s: MatmulSetup, bl: Blocks): Program {
  const { rows, cols } = blockGrid(s, bl);
  const work: CoreWork[] = [];
  const half = cols > 2 && rows > 1 ? Math.floor(cols / 2) : cols - 1;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < cols; x++) {
      work.push({
        core: { x, y },
        units: unitsOfCore(s, bl, y * bl.perCoreM, x * bl.perCoreN),
        in0: x > 0 ? { role: 'receiver', sender: { x: 0, y } } : cols > 1 ? { role: 'sender', rect: { start: { x: 1, y }, end: { x: cols - 1, y } }, dests: cols - 1 } : readOnly,
        in1: y > 0 ? { role: 'receiver', sender: { x, y: 0 } } : rows > 1 ? { role: 'sender', rect: { start: { x, y: 1 }, end: { x, y: rows - 1 } }, dests: rows - 1 } : readOnly,
        ...(x > half && y > 0 ? { swapNocs: true as const } : {}),
      });
    }
  }
  return buildProgram(s, bl, work);
}
