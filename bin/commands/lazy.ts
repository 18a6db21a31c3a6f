// A command's action that loads its implementation only when the command runs: declaring every
// command (all that --version, --help and a malformed option need) then loads no simulator.
export function lazy<A extends unknown[]>(load: () => Promise<(...args: A) => unknown>): (...args: A) => Promise<void> {
  return async (...args) => {
    await (await load())(...args);
  };
}
