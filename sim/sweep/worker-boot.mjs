// Piscina worker entry under tsx (Node 20 does not apply loader hooks in worker threads,
// toolchain.md §4): load the TypeScript worker module through tsx's API. The compiled CLI runs
// dist/sim/sweep/worker.js itself.
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport('./worker.ts', import.meta.url);
export const runTask = worker.runTask;
