// Writing keys and values into the KV cache [B, KV, Lmax, D] (bf16 in DRAM, as every cache here):
// fillCache for prefill (rows start..start+S−1 of every matrix; whole tiles when start is a
// multiple of 32, else rows moved between tiles) and updateCache for decode (one row per user and
// kv head at the user's position: read the cache tile, replace the row, write it back, as
// tt-metal's update_cache). Both are reader / writer programs split over the cores by cache tile.
import { badInput } from '../../errors.ts';
import type { Tensor } from '../../tensor/tensor.ts';
import { expectDramBf16, expectHeadDim, expectRank, movementProgram, shareWork, wordsInL1 } from '../heads/data-movement.ts';
import { runOp } from '../op.ts';

const KERNELS = 'ops/kv-cache/dataflow';
const TILE = 2048;

function checkCache(op: string, cache: Tensor, x: Tensor, xForm: string): void {
  expectRank(op, 'cache', cache, 4, '[B, KV, Lmax, D]');
  expectRank(op, 'x', x, 4, xForm);
  expectDramBf16(op, 'cache', cache);
  expectDramBf16(op, 'x', x);
  expectHeadDim(op, cache.cols);
}

// x [B, KV, S, D] into rows start..start+S−1 of cache [B, KV, Lmax, D].
export function fillCache(cache: Tensor, x: Tensor, start = 0): void {
  const op = 'fillCache';
  checkCache(op, cache, x, '[B, KV, S, D]');
  const [B, KV, Lmax, D] = cache.shape;
  const S = x.shape[2];
  if (x.shape[0] !== B || x.shape[1] !== KV || x.shape[3] !== D) throw badInput(`${op}: x has shape [${x.shape.join(', ')}], expected [${B}, ${KV}, S, ${D}] (the cache's users, kv heads and head dim)`);
  if (S > Lmax) throw badInput(`${op}: ${S} rows do not fit the cache of ${Lmax} positions, expected at most ${Lmax}`);
  if (!Number.isInteger(start) || start < 0 || start + S > Lmax) throw badInput(`${op}: rows ${start}..${start + S - 1} do not fit the cache of ${Lmax} positions, expected a start from 0 to ${Lmax - S}`);
  const [Dt, Lt, St] = [D / 32, cache.layout.grid.rowTiles, x.layout.grid.rowTiles];
  const lt0 = Math.floor(start / 32);
  const nL = Math.floor((start + S - 1) / 32) - lt0 + 1;
  const tiles = [0, Lt, Dt, lt0, nL, 0];
  const program = movementProgram(cache.device, B * KV * nL * Dt, {
    reader: `${KERNELS}/reader_fill_cache`,
    writer: `${KERNELS}/writer_cache`,
    readerArgs: (s) => [cache.dram.address, TILE, s.first, s.count, ...tiles, x.dram.address, St, start, S],
    writerArgs: (s) => [cache.dram.address, TILE, s.first, s.count, ...tiles],
  });
  runOp(cache.device, program, { name: 'fill_cache', strategy: start % 32 === 0 ? 'tiles' : 'rows', output: cache });
}

// x [1, B, KV, D] into row positions[b] of cache matrix (b, h), for every user b and kv head h.
export function updateCache(cache: Tensor, x: Tensor, positions: readonly number[]): void {
  const op = 'updateCache';
  checkCache(op, cache, x, '[1, B, KV, D]');
  const [B, KV, Lmax, D] = cache.shape;
  if (x.shape[0] !== 1 || x.shape[1] !== B || x.shape[2] !== KV || x.shape[3] !== D) throw badInput(`${op}: x has shape [${x.shape.join(', ')}], expected [1, ${B}, ${KV}, ${D}] (a row per user and kv head)`);
  if (positions.length !== B) throw badInput(`${op}: ${positions.length} positions, expected one per user (${B})`);
  const bad = positions.findIndex((p) => !Number.isInteger(p) || p < 0 || p >= Lmax);
  if (bad >= 0) throw badInput(`${op}: position ${positions[bad]} of user ${bad} is past the cache of ${Lmax} positions, expected 0 to ${Lmax - 1}`);
  const Dt = D / 32;
  const device = cache.device;
  const units = B * KV * Dt;
  const userOf = (u: number) => Math.floor(u / (Dt * KV));
  // Each core's users' positions, from its first user on.
  const words = wordsInL1(device, shareWork(device, units), 'cache positions', (s) => positions.slice(userOf(s.first), userOf(s.first + s.count - 1) + 1));
  const tiles = (first: number) => [1, cache.layout.grid.rowTiles, Dt, KV, words.address, userOf(first)];
  const program = movementProgram(device, units, {
    reader: `${KERNELS}/reader_update_cache`,
    writer: `${KERNELS}/writer_cache`,
    readerArgs: (s) => [cache.dram.address, TILE, s.first, s.count, ...tiles(s.first), x.dram.address],
    writerArgs: (s) => [cache.dram.address, TILE, s.first, s.count, ...tiles(s.first)],
  });
  runOp(device, program, { name: 'update_cache', strategy: 'rows', output: cache });
  device.freeL1(words);
}
