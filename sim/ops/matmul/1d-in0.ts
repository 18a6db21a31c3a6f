// 1d-in0: in0 multicast, each core a column block of N (tt-metal's 1-D config with mcast_in0 = true).
import type { Program } from '../../host/program.ts';
import type { Blocks, MatmulSetup } from './blocks.ts';
import { mcast1dProgram } from './mcast-1d.ts';

export const mcastIn0Program = (s: MatmulSetup, bl: Blocks): Program => mcast1dProgram(s, bl, 'in0');
