// Piscina worker entry under tsx (Node 20 does not apply loader hooks in worker threads,
// toolchain.md §4): load the TypeScript worker module through tsx's API.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./matmul-point.ts', import.meta.url);
export const runPointOnWorker = worker.runPointOnWorker;
