// Runs sweep points on worker threads (piscina), at most `workers` at a time, reporting each as it
// finishes. A point that fails — an input error, a fault, a limit, a deadlock, a worker thread
// that dies, a point past --point-timeout (its thread is stopped) — is a record like any other,
// and the sweep goes on. Aborting `signal` (Ctrl-C) stops the running points and starts no more;
// those are not recorded, so a resumed sweep runs them again.
import { MessageChannel } from 'node:worker_threads';
import { ExitCode } from '../errors.ts';
import { FROM_SOURCES } from '../package-root.ts';
import { failureOf, type PointRecord, type SweepPoint } from './point.ts';
import type { PointOutcome } from './worker.ts';

export interface PoolOptions {
  workers: number;
  pointTimeoutMs?: number;
  signal?: AbortSignal;
  onRecord: (record: PointRecord) => void;
  workerModule?: string; // the piscina module exporting runTask (worker.ts's contract); by default ours
}

export async function runPoints(todo: { index: number; point: SweepPoint }[], options: PoolOptions): Promise<void> {
  const workers = Math.max(1, Math.min(options.workers, todo.length));
  if (todo.length === 0) return;
  // From the sources, a tsx bootstrap (Node 20 applies no loader hooks in worker threads); compiled, the module itself.
  const filename = options.workerModule ?? new URL(FROM_SOURCES ? './worker-boot.mjs' : './worker.js', import.meta.url).href;
  const { Piscina } = await import('piscina'); // only sweeps need it: every other command starts faster
  const pool = new Piscina({ filename, minThreads: workers, maxThreads: workers, concurrentTasksPerWorker: 1 });
  const { signal } = options;
  let next = 0;
  const runOne = async (item: { index: number; point: SweepPoint }) => {
    const stop = new AbortController();
    const onInterrupt = () => stop.abort('interrupt');
    signal?.addEventListener('abort', onInterrupt);
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    if (options.pointTimeoutMs !== undefined) port1.once('message', () => (timer = setTimeout(() => stop.abort('timeout'), options.pointTimeoutMs)));
    try {
      const outcome = (await pool.run({ point: item.point, started: port2 }, { name: 'runTask', signal: stop.signal, transferList: [port2] })) as PointOutcome;
      options.onRecord({ ...item, ...outcome });
    } catch (e) {
      if (stop.signal.reason === 'timeout') {
        const seconds = options.pointTimeoutMs! / 1000;
        options.onRecord({ ...item, failure: { ...failureOf(ExitCode.limit, `stopped after ${seconds} s (--point-timeout); its worker thread was ended`), kind: 'timeout' } });
      } else if (!signal?.aborted) {
        options.onRecord({ ...item, failure: failureOf(ExitCode.internal, `the worker thread running this point died: ${(e as Error).message.split('\n')[0]}`) });
      }
    } finally {
      clearTimeout(timer);
      port1.close();
      signal?.removeEventListener('abort', onInterrupt);
    }
  };
  const lane = async () => {
    while (next < todo.length && !signal?.aborted) await runOne(todo[next++]);
  };
  try {
    await Promise.all(Array.from({ length: workers }, lane));
  } finally {
    await pool.destroy();
  }
}
