// The files of a device run's --out directory (stats.json, trace.json and any others, such as
// dumped buffers) as one output set: all written or none, stats and trace tied by a run id.
import { outputPath, withOutputs } from '../sim/io/output-set.ts';
import { runId } from '../sim/io/run-id.ts';
import { chromeTrace } from '../sim/trace/chrome-trace.ts';
import type { TraceRecorder } from '../sim/trace/recorder.ts';
import { jsonText } from './options.ts';

export async function writeRunOutputs(
  dir: string,
  stats: Record<string, unknown>,
  trace: TraceRecorder,
  clockHz: number,
  extra: { name: string; data: () => Uint8Array }[] = [],
): Promise<void> {
  const id = runId(stats);
  const events = chromeTrace(trace, clockHz);
  events.otherData.runId = id;
  await withOutputs((out) => {
    out.write(outputPath(dir, 'stats.json'), jsonText({ runId: id, ...stats }));
    out.write(outputPath(dir, 'trace.json'), jsonText(events));
    for (const file of extra) out.write(outputPath(dir, file.name), file.data());
  });
}
