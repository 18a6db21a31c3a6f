// A call that must fail as a user error: it throws a MeshsimError with this exit code and a
// message matching `message`. Returns the error for further checks.
import { expect } from 'vitest';
import { MeshsimError } from '../../sim/errors.ts';

export function expectMeshsimError(call: () => unknown, exitCode: number, message: RegExp): MeshsimError {
  let error: unknown;
  try {
    call();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MeshsimError);
  const e = error as MeshsimError;
  expect(e.exitCode).toBe(exitCode);
  expect(e.message).toMatch(message);
  return e;
}
