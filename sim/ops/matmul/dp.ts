// dp (tt-metal's matmul_multi_core): output tiles dealt over the cores, each made from the A row
// and B column tiles read one K tile at a time and summed in Dst, no reuse — the reuse program
// with 1×1 blocks held in Dst.
import type { Program } from '../../host/program.ts';
import type { Blocks, MatmulSetup } from './blocks.ts';
import { reuseProgram } from './reuse.ts';

export const DP_BLOCKS: Blocks = { perCoreM: 1, perCoreN: 1, Mb: 1, Nb: 1, kb: 1, subH: 1, subW: 1, hold: true };

export const dpProgram = (s: MatmulSetup): Program => reuseProgram(s, DP_BLOCKS);
