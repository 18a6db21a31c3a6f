// npm run bench:layer — wall time of the layer runs the issue names, in process (no CLI start-up):
// the default `meshsim run` (GPT-2-small layer, prefill seq 128, 8×8 wormhole_n150) in both modes,
// a Llama-3.2-1B layer prefill at seq 512 (timing), and a Llama-3.2-1B whole-model decode step at
// batch 32, kv-len 1024 (timing). Each run once warm-up excluded (kernels loaded, wasm compiled).
// Prints one JSON object last, with each run's target.
import { parseWeightsDtype } from '../sim/models/weights-dtype.ts';
import { runTransformerModel } from '../sim/models/layer/model-run.ts';
import { runTransformerLayer, type LayerRunOptions } from '../sim/models/layer/run.ts';

const base: LayerRunOptions = {
  model: 'gpt2', layer: 0, phase: 'prefill', batch: 1, seq: 128, kvLen: 128, arch: 'wormhole_n150', strategy: '2d',
  weightsDtype: parseWeightsDtype('bf16'), mode: 'functional', seed: 1,
};

function timed(name: string, target: number, run: () => { cycles: number }) {
  const t0 = performance.now();
  const { cycles } = run();
  const wallSeconds = Number(((performance.now() - t0) / 1000).toFixed(3));
  return { name, mode: name.includes('functional') ? 'functional' : 'timing', wallSeconds, cycles, targetSeconds: target, meetsTarget: wallSeconds < target };
}

runTransformerLayer({ ...base, mode: 'timing' }); // warm-up
const runs = [
  timed('default (gpt2 layer prefill seq 128) functional', 5, () => runTransformerLayer(base).summary),
  timed('default (gpt2 layer prefill seq 128) timing', 1, () => runTransformerLayer({ ...base, mode: 'timing' }).summary),
  timed('llama-3.2-1b layer prefill seq 512 timing', 10, () => runTransformerLayer({ ...base, model: 'llama-3.2-1b', seq: 512, mode: 'timing' }).summary),
  timed('llama-3.2-1b whole-model decode batch 32 kv-len 1024 timing', 30, () => {
    const r = runTransformerModel({ ...base, model: 'llama-3.2-1b', phase: 'decode', batch: 32, kvLen: 1024, mode: 'timing', layers: 16 }, '2d');
    return { cycles: r.totalCycles };
  }),
];
console.log(JSON.stringify({ runs }));
