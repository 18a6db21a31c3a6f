// The sweep's progress line on stderr, redrawn in place: points done and failed of those to run,
// elapsed time and an estimate of the time left. Only on a terminal: piped or redirected stderr
// gets none of it.
export interface Progress {
  update(done: number, failed: number): void;
  end(): void;
}

const clock = (s: number) => (s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`);

export function progressLine(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total === 0) return { update: () => {}, end: () => {} };
  const started = performance.now();
  let state = { done: 0, failed: 0 };
  const draw = () => {
    const elapsed = (performance.now() - started) / 1000;
    const finished = state.done + state.failed;
    const left = finished > 0 ? clock((elapsed / finished) * (total - finished)) : '?';
    stream.write(`\r\x1b[Ksweep: ${finished}/${total} points, ${state.failed} failed, ${clock(elapsed)} elapsed, about ${left} left`);
  };
  const timer = setInterval(draw, 1000);
  timer.unref();
  draw();
  return {
    update(done, failed) {
      state = { done, failed };
      draw();
    },
    end() {
      clearInterval(timer);
      stream.write('\r\x1b[K');
    },
  };
}
