// How meshsim talks to a terminal: colours only where a person reads them (a TTY, and not under
// NO_COLOR or TERM=dumb; FORCE_COLOR=1 turns them on anyway), and quiet ends when a reader such as
// `head` closes the pipe early.
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export function colorsFor(stream: NodeJS.WriteStream): Colors {
  const env = process.env;
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0';
  return pc.createColors(forced || (Boolean(stream.isTTY) && !env.NO_COLOR && env.TERM !== 'dumb'));
}

// A closed pipe (EPIPE) on stdout or stderr ends the process at once with exit 0: the reader has
// what it wanted. Any other stream error is a real one. Once per process: main() runs many times
// in one process in the bad-input runner.
let watching = false;

export function endQuietlyOnClosedPipe(): void {
  if (watching) return;
  watching = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}
