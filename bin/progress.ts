// The progress line of a long device run, on stderr: simulated cycles, wall time, and an estimate
// of the time left when the run's length can be estimated (or the simulation rate when not).
// Only on a terminal, only once a run has taken a second, never under --quiet or --json's pipe
// users; it clears itself before any other line is written and when the run ends.
// MESHSIM_PROGRESS_AFTER_MS moves the one-second threshold (the tests use 0).
const SHOW_AFTER_MS = Number(process.env.MESHSIM_PROGRESS_AFTER_MS ?? 1000);
const EVERY_MS = 200;

export interface Progress {
  onProgress?: (cycle: number) => void;
  // Writes a line to stderr without leaving the progress line broken.
  line(text: string): void;
  done(): void;
}

const mega = (c: number) => (c >= 1e9 ? `${(c / 1e9).toFixed(2)} G` : c >= 1e6 ? `${(c / 1e6).toFixed(2)} M` : `${Math.round(c / 1e3)} k`);
const duration = (s: number) => (s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${s.toFixed(s < 10 ? 1 : 0)} s`);

export function progressLine(quiet: boolean, expectedCycles?: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const plain: Progress = { line: (text) => stream.write(`${text}\n`), done: () => {} };
  if (quiet || !stream.isTTY) return plain;
  const started = performance.now();
  let last = -Infinity; // the first update shows at once (performance.now() counts from the process start)
  let shown = false;
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  return {
    onProgress(cycle) {
      const now = performance.now();
      if (now - started < SHOW_AFTER_MS || now - last < EVERY_MS) return;
      last = now;
      const seconds = (now - started) / 1000;
      let text = `simulating: ${mega(cycle)}cycles, ${duration(seconds)}`;
      if (expectedCycles && cycle > 0 && cycle < expectedCycles) {
        text += `, ~${Math.round((100 * cycle) / expectedCycles)}% of an estimated ${mega(expectedCycles)}cycles, about ${duration((seconds * (expectedCycles - cycle)) / cycle)} left`;
      } else {
        text += `, ${mega(cycle / seconds)}cycles/s`;
      }
      stream.write(`\r\x1b[K${text}`);
      shown = true;
    },
    line(text) {
      clear();
      stream.write(`${text}\n`);
    },
    done: clear,
  };
}
