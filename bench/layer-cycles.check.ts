// Perf baseline: cycles per op (and, in functional mode, a hash of the output and cache values) of
// the layer runs bench:layer times, plus small ones on teach_2x2. Run before and after a speed
// change and diff the output: it must not change (`node --import tsx bench/layer-cycles.check.ts > a.txt`).
// Pass `quick` to skip the large runs.
import { createHash } from 'node:crypto';
import { parseWeightsDtype } from '../sim/models/weights-dtype.ts';
import { runTransformerModel } from '../sim/models/layer/model-run.ts';
import { runTransformerLayer, type LayerRunOptions } from '../sim/models/layer/run.ts';
import type { OpStats } from '../sim/ops/op.ts';

const base: LayerRunOptions = {
  model: 'gpt2', layer: 0, phase: 'prefill', batch: 1, seq: 128, kvLen: 128, arch: 'wormhole_n150', strategy: '2d',
  weightsDtype: parseWeightsDtype('bf16'), mode: 'functional', seed: 1,
};
const quick = process.argv.includes('quick');

const hash = (...arrays: (ArrayLike<number> | undefined)[]) => {
  const h = createHash('sha256');
  for (const a of arrays) if (a) h.update(new Uint8Array(Float64Array.from(a).buffer));
  return h.digest('hex').slice(0, 16);
};
const opLine = (o: OpStats) => `${o.label ?? o.name} ${o.strategy} ${o.endCycle - o.startCycle}`;

function layer(name: string, o: LayerRunOptions) {
  const r = runTransformerLayer(o);
  console.log(`# ${name}: ${r.run.cycles} cycles${r.output ? ` values ${hash(r.output, r.cache?.k, r.cache?.v)}` : ''}`);
  for (const op of r.ops) console.log(opLine(op));
}

const tiny: LayerRunOptions = { ...base, model: 'tiny', arch: 'teach_2x2', seq: 48, seed: 3 };
layer('tiny prefill teach_2x2 functional', tiny);
layer('tiny prefill teach_2x2 timing', { ...tiny, mode: 'timing' });
layer('tiny decode teach_2x2 functional', { ...tiny, phase: 'decode', batch: 2, kvLen: 70 });
layer('tiny decode teach_2x2 timing', { ...tiny, phase: 'decode', batch: 2, kvLen: 70, mode: 'timing' });
if (!quick) {
  layer('default functional', base);
  layer('default timing', { ...base, mode: 'timing' });
  layer('gpt2 decode batch 8 kv-len 256 timing', { ...base, phase: 'decode', batch: 8, kvLen: 256, mode: 'timing' });
  layer('llama-3.2-1b prefill seq 512 timing', { ...base, model: 'llama-3.2-1b', seq: 512, mode: 'timing' });
  // 'heads': the LM head's 2d-mcast blocks do not fit L1 at batch 32 (bench:layer's '2d' fails there)
  const m = runTransformerModel({ ...base, model: 'llama-3.2-1b', phase: 'decode', batch: 32, kvLen: 1024, mode: 'timing', layers: 16 }, 'heads');
  console.log(`# llama-3.2-1b model decode batch 32 kv-len 1024 timing (heads): ${m.totalCycles} cycles, layers ${m.layerCycles.join(' ')}`);
  for (const op of m.ops) console.log(opLine(op));
}
