// 1d-in1: in1 multicast, each core a row block of M (tt-metal's 1-D config with mcast_in0 = false).
import type { Program } from '../../host/program.ts';
import type { Blocks, MatmulSetup } from './blocks.ts';
import { mcast1dProgram } from './mcast-1d.ts';

export const mcastIn1Program = (s: MatmulSetup, bl: Blocks): Program => mcast1dProgram(s, bl, 'in1');
