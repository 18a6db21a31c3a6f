// Runs the points of a sweep on worker threads (piscina) or inline, returning results in the order
// of the points whatever order they finish in, so a sweep's output does not depend on --workers.
import { Piscina } from 'piscina';
import { ExitCode, MeshsimError } from '../errors.ts';
import { runPoint, type SweepPoint, type SweepResult } from './matmul-point.ts';

export async function runSweep(points: SweepPoint[], workers: number): Promise<SweepResult[]> {
  if (workers <= 1) return points.map(runPoint);
  const pool = new Piscina({ filename: new URL('./worker-boot.mjs', import.meta.url).href, minThreads: workers, maxThreads: workers });
  try {
    return await Promise.all(points.map((p) => pool.run(p) as Promise<SweepResult>));
  } catch (e) {
    // A worker rethrows a user error as a plain Error with the same message and exitCode.
    const code = (e as { exitCode?: number }).exitCode;
    if (code !== undefined) throw new MeshsimError((e as Error).message, code as MeshsimError['exitCode']);
    throw new MeshsimError(`a sweep worker failed: ${(e as Error).message}`, ExitCode.internal);
  } finally {
    await pool.destroy();
  }
}

// Ranked by cycles (fewest first); ties keep the sweep's order.
export function rank(results: SweepResult[]): SweepResult[] {
  return results.map((r, i) => ({ r, i })).sort((a, b) => a.r.summary.cycles - b.r.summary.cycles || a.i - b.i).map((x) => x.r);
}
