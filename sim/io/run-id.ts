// The id that ties the files of one run together (stats.json and trace.json carry it, and
// `meshsim report` refuses a pair whose ids differ). It is a digest of the run's statistics, not a
// random number: the same inputs give the same outputs bit for bit, id included, and two runs
// that differ in anything the statistics record get different ids.
import { createHash } from 'node:crypto';

export function runId(stats: unknown): string {
  return createHash('sha256').update(JSON.stringify(stats)).digest('hex').slice(0, 16);
}
