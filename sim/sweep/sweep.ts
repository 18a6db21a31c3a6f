// Runs the points of a sweep on worker threads (piscina) or inline, returning results in the order
// of the points whatever order they finish in, so a sweep's output does not depend on --workers.
import { ExitCode, MeshsimError } from '../errors.ts';
import { FROM_SOURCES } from '../package-root.ts';
import { runPoint, type PointOutcome, type SweepPoint, type SweepResult } from './matmul-point.ts';

// sweep --json and sweep.json (schema/stats-v1.schema.json, "meshsim-sweep").
export const SWEEP_SCHEMA = { name: 'meshsim-sweep', version: 1 } as const;

export async function runSweep(points: SweepPoint[], workers: number): Promise<SweepResult[]> {
  if (workers <= 1) return points.map(runPoint);
  // From the sources, a tsx bootstrap (Node 20 applies no loader hooks in worker threads); compiled, the module itself.
  const filename = new URL(FROM_SOURCES ? './worker-boot.mjs' : './matmul-point.js', import.meta.url).href;
  const { Piscina } = await import('piscina'); // only sweeps on threads need it: a CLI run starts faster
  const pool = new Piscina({ filename, minThreads: workers, maxThreads: workers });
  try {
    const outcomes = await Promise.all(points.map((p) => pool.run(p, { name: 'runPointOnWorker' }) as Promise<PointOutcome>));
    return outcomes.map((o) => {
      if ('error' in o) throw new MeshsimError(o.error, o.exitCode);
      return o.result;
    });
  } catch (e) {
    if (e instanceof MeshsimError) throw e;
    throw new MeshsimError(`a sweep worker failed: ${(e as Error).stack ?? e}`, ExitCode.internal);
  } finally {
    await pool.destroy();
  }
}

// Ranked by cycles (fewest first); ties keep the sweep's order.
export function rank(results: SweepResult[]): SweepResult[] {
  return results.map((r, i) => ({ r, i })).sort((a, b) => a.r.summary.cycles - b.r.summary.cycles || a.i - b.i).map((x) => x.r);
}
