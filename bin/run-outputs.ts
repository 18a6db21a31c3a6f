// What every device-running command does around its run (matmul, program, op, run): records what
// its options ask for, shows progress, and afterwards writes stats.json, trace.json and the
// exports, and prints the stats under --json. Commands build their stats with statsDocument().
import type { StatsV1 } from '../sim/trace/stats.ts';
import { chromeTraceText } from '../sim/trace/chrome-trace.ts';
import { NocTraceLog } from '../sim/trace/noc-trace.ts';
import { opsCsv } from '../sim/trace/ops-csv.ts';
import { TraceRecorder } from '../sim/trace/recorder.ts';
import { invocation, printJson } from './json.ts';
import { checkWritable, writeFile, writeJson, writeOut, type DeviceRunOptions } from './options.ts';
import { progressLine, type Progress } from './progress.ts';
import { colorsFor } from './terminal.ts';

export interface RunRecording {
  trace?: TraceRecorder; // spans for trace.json (--out without --stats-only)
  nocTrace?: NocTraceLog; // --export-noc-trace
  progress: Progress;
  print: (line: string) => void; // kernel debug prints (nothing under --quiet)
  maxCycles?: number;
}

export function startRun(o: DeviceRunOptions, expectedCycles?: number): RunRecording {
  if (o.exportNocTrace) checkWritable(o.exportNocTrace, '--export-noc-trace');
  if (o.exportOpsCsv) checkWritable(o.exportOpsCsv, '--export-ops-csv');
  if (o.statsOnly && !o.out) process.stderr.write('meshsim: note: --stats-only has no effect without --out\n');
  const progress = progressLine(Boolean(o.quiet), expectedCycles);
  return {
    trace: o.out && !o.statsOnly ? new TraceRecorder(o.traceMaxSpans) : undefined,
    nocTrace: o.exportNocTrace ? new NocTraceLog(o.traceMaxSpans) : undefined,
    progress,
    print: o.quiet ? () => {} : (line) => progress.line(line),
    maxCycles: o.maxCycles,
  };
}

// Says, once, what a trace past its budget holds instead of every span.
function warnAggregated(trace: TraceRecorder, max: number): void {
  const s = trace.summary();
  if (s.aggregateWindow === 0 && s.droppedZones === 0) return;
  const n = (v: number) => v.toLocaleString('en-US');
  const dropped = [s.droppedZones ? `${n(s.droppedZones)} profiler zones` : '', s.droppedFlows ? `${n(s.droppedFlows)} flow arrows` : ''].filter(Boolean).join(' and ');
  process.stderr.write(colorsFor(process.stderr).yellow(
    `meshsim: trace.json: the run made ${n(s.produced)} spans, more than --trace-max-spans ${n(max)}: waits, tile-engine work and NoC arrivals are merged into one slice per track per ${n(s.aggregateWindow)}-cycle window (tracks marked "(per window)"); kernels and ops are exact` +
      `${dropped ? `; ${dropped} were dropped` : ''}. Raise --trace-max-spans to keep every span.\n`,
  ));
}

export function finishRun(o: DeviceRunOptions, rec: RunRecording, stats: StatsV1): void {
  rec.progress.done();
  const { trace, nocTrace } = rec;
  if (trace) {
    const s = trace.summary();
    stats.trace = { file: 'trace.json', spans: s.produced, written: s.exact + s.aggregated, aggregated: s.aggregateWindow > 0 };
    warnAggregated(trace, o.traceMaxSpans);
  }
  if (o.out) {
    writeJson(o.out, 'stats.json', stats);
    if (trace) writeOut(o.out, 'trace.json', chromeTraceText(trace, stats.arch.clockHz, invocation().meshsim));
  }
  if (o.exportNocTrace && nocTrace) {
    if (nocTrace.dropped) process.stderr.write(`meshsim: ${o.exportNocTrace}: the first ${nocTrace.events.toLocaleString('en-US')} NoC events of ${(nocTrace.events + nocTrace.dropped).toLocaleString('en-US')} (--trace-max-spans)\n`);
    writeFile(o.exportNocTrace, JSON.stringify(nocTrace.toJson()) + '\n');
  }
  if (o.exportOpsCsv) writeFile(o.exportOpsCsv, opsCsv(stats));
  if (o.json) printJson(stats);
}
