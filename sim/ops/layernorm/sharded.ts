// The sharded factory, as tt-metal's layernorm_op_multi_core_sharded: x lives in L1, height- or
// block-sharded; each core normalizes its shard where it lies (x's CB is placed on the shard)
// into the same shard of an output sharded the same way. With block sharding a row's columns are
// spread over a row of cores (a column with col-major shards), which exchange partial E[x] and
// E[x²] before normalizing (kernels/ops/layernorm/dataflow/writer_sharded.c).
import type { Coord } from '../../arch/types.ts';
import { TILE_BYTES } from '../../compute/formats.ts';
import { Program } from '../../host/program.ts';
import { badInput } from '../../errors.ts';
import type { ShardSpec } from '../../tensor/memory-config.ts';
import { Tensor } from '../../tensor/tensor.ts';
import { normBuffers, normKernels, OUT_FORMAT, setNormArgs, type Layout, type Norm, type Work } from './program.ts';

export function shardedProgram(n: Norm): { program: Program; output: Tensor } {
  const { x } = n;
  const device = x.device;
  const spec = (x.memory as { shard: ShardSpec }).shard;
  const shard = x.layout.shardTiles!;
  const { height, width } = x.layout.grid;
  if (spec.layout === 'width') throw badInput(`${n.op} sharded: x is width-sharded: expected height or block sharding (a row's statistics need all its columns)`);
  if (width % shard.cols !== 0) {
    throw badInput(`${n.op} sharded: block shards of ${shard.cols * 32} columns do not split x's ${width * 32} (tile-padded) columns evenly`);
  }
  const [down, across] = [Math.ceil(height / shard.rows), width / shard.cols];
  const output = new Tensor(device, x.shape, OUT_FORMAT, x.memory, n.op);
  const layout: Layout = { Wt: shard.cols, resident: { x: x.l1, out: output.l1, shardPages: shard.rows * shard.cols, peers: across, rows: shard.rows } };
  const home = (i: number, j: number) => (x.layout.home(i * shard.rows, j * shard.cols) as { core: Coord }).core;
  const work: (Work & { j: number })[] = [];
  for (let i = 0; i < down; i++) {
    for (let j = 0; j < across; j++) work.push({ core: home(i, j), row: i * shard.rows, rows: Math.min(shard.rows, height - i * shard.rows), col: j * shard.cols, masked: j === across - 1, j });
  }
  const cores = work.map((w) => w.core);
  const program = new Program();
  normBuffers(device, program, cores, n, layout);
  const k = normKernels(program, cores, 'ops/layernorm/dataflow/writer_sharded');
  if (across > 1) program.createSemaphore(cores, 0); // id 0: how many peers' partials have arrived
  const stats = n.op === 'rmsnorm' ? 1 : 2;
  for (const w of work) {
    setNormArgs(program, k, n, layout, w);
    // The cores of this row of shards, in NoC coordinates, and the line they lie on.
    const peers = Array.from({ length: across }, (_, j) => device.workerCore(home(w.row / shard.rows, j)));
    const [xs, ys] = [peers.map((p) => p.x), peers.map((p) => p.y)];
    const me = peers[w.j];
    const exchange = across > 1
      ? [w.rows * stats, TILE_BYTES.bf16, w.j, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys), 0, me.x, me.y, ...peers.filter((_, j) => j !== w.j).flatMap((p) => [p.x, p.y])]
      : [];
    program.setRuntimeArgs(k.writer, w.core, [w.rows * shard.cols, across, ...exchange]);
  }
  return { program, output };
}
