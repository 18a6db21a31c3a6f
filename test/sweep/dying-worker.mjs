// A sweep worker whose thread dies in the middle of the point asking for it (params.die), as a
// thread that runs out of memory or is ended from outside does; other points give a result.
export function runTask(task) {
  task.started.postMessage('started');
  task.started.close();
  if (task.point.params.die) process.exit(1); // in a worker thread, ends that thread only
  return { result: { cycles: task.point.params.cycles, bottleneck: 'none' } };
}
