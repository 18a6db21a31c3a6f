// The task a sweep worker thread runs: one point, its result or its failure as a value (an
// Error crossing the thread boundary would lose its exit code).
import type { MessagePort } from 'node:worker_threads';
import { ExitCode, MeshsimError } from '../errors.ts';
import { pointKind } from './kinds.ts';
import { failureOf, type PointFailure, type PointResult, type SweepPoint } from './point.ts';

export type PointOutcome = { result: PointResult } | { failure: PointFailure };

export function runPoint(point: SweepPoint): PointResult {
  return pointKind(point.kind).run(point.params);
}

export function runOnWorker(point: SweepPoint): PointOutcome {
  try {
    return { result: runPoint(point) };
  } catch (e) {
    if (e instanceof MeshsimError) return { failure: failureOf(e.exitCode, e.message) };
    return { failure: failureOf(ExitCode.internal, `internal error (please report): ${(e as Error).stack ?? e}`) };
  }
}

// The piscina task: says on `started` when the point begins (a point's time limit counts from
// then, not from a fresh thread's start-up), then runs it.
export function runTask(task: { point: SweepPoint; started: MessagePort }): PointOutcome {
  task.started.postMessage('started');
  task.started.close();
  return runOnWorker(task.point);
}
