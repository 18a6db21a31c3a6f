// reuse (tt-metal's matmul_multicore_reuse): the blocks of C of every batch, dealt over the grid's
// cores as split_work_to_cores deals units; each core reads its A and B blocks from DRAM itself.
// Its blocks are whole per-core blocks (reuse-config.ts), so a unit is one.
import type { Program } from '../../host/program.ts';
import { splitWork } from '../work-split.ts';
import { buildProgram, gridCores, readOnly, type Blocks, type MatmulSetup } from './blocks.ts';

export function reuseProgram(s: MatmulSetup, bl: Blocks): Program {
  const [mBlocks, nBlocks] = [Math.ceil(s.Mt / bl.Mb), Math.ceil(s.Nt / bl.Nb)];
  const cores = gridCores(s.device);
  const work = splitWork(s.batch * mBlocks * nBlocks, cores.length).map((share) => ({
    core: cores[share.core],
    units: { first: share.first, count: share.count, mBlocks, nBlocks, m0: 0, n0: 0 },
    in0: readOnly,
    in1: readOnly,
  }));
  return buildProgram(s, bl, work);
}
