#!/usr/bin/env node
// Entry point: registers the TypeScript loader, then runs the command line in cli.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
await main(process.argv);
