// Bad input for `meshsim run`: configs, weights, activations and KV caches that do not fit the
// model, options out of range, strategies that do not exist or do not fit L1, and an --out that
// cannot be written — one line each, naming the input and what was expected, and nothing written.
import { existsSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { parseModelConfig } from '../../sim/models/config.ts';
import { encodeNpy } from '../../sim/models/npy.ts';
import { encodeSafetensors } from '../../sim/models/safetensors-writer.ts';
import { SeededTensors } from '../../sim/models/seeded.ts';
import tiny from '../../sim/models/configs/tiny.json' with { type: 'json' };
import { allTensors } from '../models/models-helpers.ts';
import { Fixtures } from './fixtures.ts';
import { badInputs, scratch, type BadInputCase } from './harness.ts';

const f = new Fixtures(scratch('run'));
// tiny: hidden 64, 2 heads of 32 (1 kv head), 2 layers, 256 positions — it fits teach_2x2.
const small = ['--arch', 'teach_2x2', '--mode', 'timing', '--no-out'];
const run = (...args: string[]) => ['run', '--model', 'tiny', ...small, ...args];
const prefill = (...args: string[]) => run('--seq', '32', ...args);
const config = (name: string, edit: (c: Record<string, unknown>) => void) => {
  const c: Record<string, unknown> = structuredClone(tiny);
  edit(c);
  return f.file(name, JSON.stringify(c));
};

// A tiny checkpoint (F32) with one tensor edited.
const tinyConfig = parseModelConfig(tiny, 'tiny');
const checkpoint = (name: string, edit: (t: ReturnType<typeof allTensors>) => void = () => {}) => {
  const tensors = allTensors(tinyConfig, new SeededTensors(tinyConfig, 1), 'F32');
  edit(tensors);
  return f.file(name, encodeSafetensors(tensors));
};
const good = checkpoint('good.safetensors');
const goodBytes = new Uint8Array(readFileSync(good));
// The dtype of one tensor renamed in the header (I32 is as long as F32, so the offsets stay right).
const headerText = Buffer.from(goodBytes).toString('latin1');
const q = 'model.layers.0.self_attn.q_proj.weight';
const at = headerText.indexOf('"F32"', headerText.indexOf(q));
const i32 = Uint8Array.from(goodBytes);
i32.set(Buffer.from('"I32"', 'latin1'), at);

const npy = (name: string, shape: number[]) => f.file(name, encodeNpy(shape, new Float32Array(shape.reduce((a, b) => a * b, 1))));
const kvDir = (name: string, shape: number[]) => {
  npy(`${name}/k_cache.npy`, shape);
  npy(`${name}/v_cache.npy`, shape);
  return f.path(name);
};
const decoding = ['--phase', 'decode', '--batch', '1'];
const decode = (...args: string[]) => run(...decoding, '--kv-len', '32', ...args);

const aFile = f.file('a-file', 'not a directory');
const under = `${aFile}/sub/out`;

const cases: BadInputCase[] = [
  // --model
  { name: 'an unknown --model name', args: ['run', '--model', 'gpt5', ...small], code: 3, message: /^--model: "gpt5" is neither a built-in model \(gpt2, llama-3\.2-1b, llama-3\.1-8b, tiny\) nor an existing file or folder/ },
  { name: 'a config path that is missing', args: ['run', '--model', f.path('nowhere/config.json'), ...small], code: 3, message: /nowhere\/config\.json.* is neither a built-in model .*nor an existing file or folder/ },
  { name: 'a config that is not JSON', args: ['run', '--model', f.file('broken.json', '{"model_type": "llama",'), ...small], code: 3, message: /broken\.json: not valid JSON/ },
  { name: 'a config without a needed field', args: ['run', '--model', config('nohidden.json', (c) => delete c.hidden_size), ...small], code: 3, message: /nohidden\.json: hidden_size: missing \(the hidden size, a positive integer\)/ },
  { name: 'a config of an unsupported model_type', args: ['run', '--model', config('bert.json', (c) => (c.model_type = 'bert')), ...small], code: 3, message: /bert\.json: model_type: .*"bert".*gpt2, llama, mistral, qwen2/ },
  { name: 'a config whose heads do not divide hidden', args: ['run', '--model', f.file('gpt2-3heads.json', JSON.stringify({ model_type: 'gpt2', n_embd: 64, n_head: 3, n_layer: 1, n_positions: 64, vocab_size: 64 })), ...small], code: 3, message: /gpt2-3heads\.json: n_head: 3 heads do not divide n_embd 64/ },
  { name: 'a Llama config whose heads do not divide hidden', args: ['run', '--model', config('llama-3heads.json', (c) => { delete c.head_dim; c.num_attention_heads = 3; }), ...small], code: 3, message: /llama-3heads\.json: num_attention_heads: 3 heads do not divide hidden_size 64 \(and no head_dim is given\)/ },
  { name: 'a config whose KV heads do not divide the heads', args: ['run', '--model', config('kv3.json', (c) => (c.num_key_value_heads = 3)), ...small], code: 3, message: /kv3\.json: num_key_value_heads: 3 KV heads do not divide num_attention_heads 2/ },
  { name: 'a config field of the wrong type', args: ['run', '--model', config('bighidden.json', (c) => (c.hidden_size = 'big')), ...small], code: 3, message: /bighidden\.json: hidden_size: expected a positive integer, got "big"/ },
  { name: 'a config that is not an object', args: ['run', '--model', f.file('array.json', '[1, 2]'), ...small], code: 3, message: /array\.json: expected a JSON object \(a Hugging Face config\.json\), got an array of 2/ },
  { name: 'a head dim the device cannot split', args: ['run', '--model', config('hd48.json', (c) => (c.head_dim = 48)), '--seq', '32', ...small], code: 3, message: /^layer 0 split_heads \(2d\): splitQkvHeads: head dim 48, expected a positive multiple of 32/ },
  { name: 'a model folder without config.json', args: ['run', '--model', f.folder('emptymodel'), ...small], code: 3, message: /^--model: cannot read .*emptymodel\/config\.json: no such file or directory \(expected a Hugging Face config\.json\)/ },
  // positions
  { name: '--seq past the maximum positions', args: run('--seq', '300'), code: 3, message: /^--seq 300: 300 positions, past the 256 tiny \(built-in\) holds/ },
  { name: '--kv-len past the maximum positions', args: decode('--kv-len', '300'), code: 3, message: /^--kv-len 300 \+ 1: 301 positions, past the 256 tiny \(built-in\) holds/ },
  // activations and caches
  { name: '--kv-cache a folder without the cache files', args: decode('--kv-cache', f.folder('emptycache')), code: 3, message: /^cannot read .*emptycache\/k_cache\.npy: no such file or directory \(expected a \.npy array\)/ },
  { name: '--kv-cache of the wrong shape', args: decode('--kv-cache', kvDir('wrongcache', [1, 2, 32, 32])), code: 3, message: /wrongcache\/k_cache\.npy: shape \(1, 2, 32, 32\), expected \(batch, 1, positions, 32\)/ },
  { name: '--kv-cache of another batch than --batch', args: decode('--kv-cache', kvDir('twousers', [2, 1, 32, 32])), code: 3, message: /^--kv-cache .*twousers: a cache of 2 users, but --batch gives a batch of 1; expected the same batch \(or leave --batch out\)/ },
  { name: '--kv-cache of other positions than --kv-len', args: decode('--kv-cache', kvDir('fortycache', [1, 1, 40, 32])), code: 3, message: /^--kv-cache .*fortycache: 40 cached positions, but --kv-len 32; expected them to agree \(or leave --kv-len out\)/ },
  { name: '--kv-cache whose K and V differ', args: decode('--kv-cache', (npy('kv/k_cache.npy', [1, 1, 32, 32]), npy('kv/v_cache.npy', [1, 1, 16, 32]), f.path('kv'))), code: 3, message: /kv\/v_cache\.npy: shape \(1, 1, 16, 32\) differs from .*kv\/k_cache\.npy's \(1, 1, 32, 32\)/ },
  { name: '--kv-cache past the maximum positions', args: run(...decoding, '--kv-cache', kvDir('longcache', [1, 1, 256, 32])), code: 3, message: /^--kv-cache .*longcache: --kv-len 256 \+ 1: 257 positions, past the 256 tiny \(built-in\) holds/ },
  { name: '--input of the wrong shape', args: prefill('--input', npy('x.npy', [1, 32, 48])), code: 3, message: /x\.npy: shape \(1, 32, 48\), expected \(batch, seq, 64\)/ },
  { name: '--input of another seq than --seq', args: prefill('--input', npy('x16.npy', [1, 16, 64])), code: 3, message: /^--input .*x16\.npy: seq 16 \(shape 1, 16, 64\), but --seq 32; expected them to agree \(or leave --seq out\)/ },
  { name: '--input of another batch than --batch', args: prefill('--batch', '2', '--input', npy('x1.npy', [1, 32, 64])), code: 3, message: /^--input .*x1\.npy: batch 1 \(shape 1, 32, 64\), but --batch 2; expected them to agree/ },
  { name: '--input longer than the maximum positions', args: ['run', '--model', 'tiny', ...small, '--input', npy('x300.npy', [1, 300, 64])], code: 3, message: /^--input .*x300\.npy: --seq 300: 300 positions, past the 256 tiny \(built-in\) holds/ },
  { name: '--input in decode with more than one token', args: decode('--input', npy('x2tok.npy', [1, 2, 64])), code: 3, message: /^--input .*x2tok\.npy: decode takes one new token per user, shape \(batch, 1, 64\); this has seq 2/ },
  { name: '--input that is not .npy', args: prefill('--input', f.file('x.txt', 'one two three\n')), code: 3, message: /x\.txt: not a \.npy file \(no \\x93NUMPY magic\)/ },
  { name: '--input a directory', args: prefill('--input', f.folder('xdir')), code: 3, message: /^cannot read .*xdir: is a directory \(expected a \.npy array\)/ },
  // --weights
  { name: '--weights a file that is missing', args: prefill('--weights', f.path('none.safetensors')), code: 3, message: /^cannot read .*none\.safetensors: no such file or directory \(expected a \.safetensors file\)/ },
  { name: '--weights a directory without a checkpoint', args: prefill('--weights', f.folder('noweights')), code: 3, message: /^--weights: .*noweights holds neither model\.safetensors\.index\.json nor model\.safetensors/ },
  { name: '--weights a named pipe', args: prefill('--weights', f.fifo('pipe.safetensors')), code: 3, alone: true, message: /^cannot read .*pipe\.safetensors: is a named pipe, not a regular file \(expected a \.safetensors file\)/ },
  { name: '--weights without a tensor', args: prefill('--weights', checkpoint('noq.safetensors', (t) => delete t[q])), code: 3, message: /noq\.safetensors: missing tensor model\.layers\.0\.self_attn\.q_proj\.weight \(\[64, 64\], needed by tiny \(built-in\)\)/ },
  { name: '--weights a file that is not safetensors', args: prefill('--weights', f.file('text.safetensors', 'hello, these are not tensors at all\n')), code: 3, message: /text\.safetensors: header length \d+ is beyond the file \(36 bytes\)/ },
  { name: '--weights with a truncated header', args: prefill('--weights', f.file('short.safetensors', goodBytes.subarray(0, 200))), code: 3, message: /short\.safetensors: header length \d+ is beyond the file \(200 bytes\)/ },
  { name: '--weights shorter than a header length', args: prefill('--weights', f.file('tiny.safetensors', 'abc')), code: 3, message: /tiny\.safetensors: 3 bytes, too short for a safetensors header/ },
  { name: '--weights with a header that is not JSON', args: prefill('--weights', f.file('hdr.safetensors', Buffer.concat([Buffer.from([16, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{not json at all')]))), code: 3, message: /hdr\.safetensors: corrupt header: not JSON/ },
  {
    name: '--weights an index naming a missing shard', args: prefill('--weights', f.file('sharded/model.safetensors.index.json', JSON.stringify({ weight_map: { 'model.layers.0.input_layernorm.weight': 'gone.safetensors' } }))),
    code: 3, message: /sharded\/model\.safetensors\.index\.json: cannot read .*sharded\/gone\.safetensors: no such file or directory \(expected a \.safetensors file\)/,
  },
  { name: '--weights an index that is not JSON', args: prefill('--weights', f.file('badindex/model.safetensors.index.json', '{"weight_map": ')), code: 3, message: /badindex\/model\.safetensors\.index\.json: not valid JSON/ },
  {
    name: '--weights with a tensor of the wrong shape',
    args: prefill('--weights', checkpoint('shape.safetensors', (t) => (t[q] = { dtype: 'F32', shape: [32, 64], data: new Float32Array(32 * 64) }))),
    code: 3, message: /shape\.safetensors: model\.layers\.0\.self_attn\.q_proj\.weight: shape \[32, 64\], expected \[64, 64\]/,
  },
  { name: '--weights with a tensor of the wrong dtype', args: prefill('--weights', f.file('i32.safetensors', i32)), code: 3, message: /i32\.safetensors: model\.layers\.0\.self_attn\.q_proj\.weight: dtype I32, expected one of F32, F16, BF16/ },
  // strategies
  { name: 'an unknown --strategy', args: prefill('--strategy', 'diagonal'), code: 2, message: /--strategy.*diagonal.*auto, 2d, rows, heads, sharded, dram-sharded/, lastLine: true },
  { name: '--strategy dram-sharded in prefill', args: prefill('--strategy', 'dram-sharded'), code: 2, message: /^--strategy dram-sharded is a decode strategy.*--phase decode/ },
  { name: 'a malformed --op-strategy', args: prefill('--op-strategy', 'attention'), code: 2, message: /^--op-strategy "attention": expected op=strategy pairs/ },
  { name: '--op-strategy of an unknown op', args: prefill('--op-strategy', 'conv=2d-mcast'), code: 2, message: /^--op-strategy "conv=2d-mcast": .*conv.*expected .*attention/ },
  { name: '--op-strategy of an unknown factory', args: prefill('--op-strategy', 'mlp=3d'), code: 2, message: /^--op-strategy "mlp=3d": mlp: "3d" is not a matmul strategy \(expected 2d-mcast, 1d-in0/ },
  { name: '--kv-cache in prefill', args: prefill('--kv-cache', f.path('wrongcache')), code: 2, message: /^--kv-cache goes with --phase decode/ },
  { name: '--kv-len in prefill', args: prefill('--kv-len', '64'), code: 2, message: /^--kv-len goes with --phase decode/ },
  { name: '--logits without --layers', args: prefill('--logits', 'last'), code: 2, message: /^--logits goes with --layers \(a single layer has no LM head\)/ },
  { name: '--logits of another kind', args: prefill('--layers', 'all', '--logits', 'first'), code: 2, message: /option '--logits <rows>' argument 'first' is invalid: expected one of all, last/ },
  { name: '--seq in decode', args: decode('--seq', '32'), code: 2, message: /^--seq goes with --phase prefill/ },
  // layers
  { name: '--layer with --layers', args: prefill('--layer', '1', '--layers', '2'), code: 2, message: /^--layer picks one decoder layer and --layers runs the first N .*: give one of them/ },
  { name: '--layers 0', args: prefill('--layers', '0'), code: 2, message: /^--layers "0": expected all or a number of layers from 1 to 2/ },
  { name: '--layers more than the model has', args: prefill('--layers', '3'), code: 3, message: /^--layers 3: tiny \(built-in\) has 2 layers, expected all or 1 to 2/ },
  { name: '--layers not a number', args: prefill('--layers', 'some'), code: 2, message: /^--layers "some": expected all or a number of layers from 1 to 2/ },
  { name: '--layer past the model\'s layers', args: prefill('--layer', '2'), code: 3, message: /^--layer 2: tiny.* has 2 layers \(0 to 1\)/ },
  { name: 'a bad --weights-dtype', args: prefill('--weights-dtype', 'int4'), code: 2, message: /^--weights-dtype.*int4.*bf16, bfp8_b, bfp4_b/ },
  // the device
  { name: '--grid larger than the preset', args: prefill('--grid', '4x4'), code: 3, message: /^--grid: 4x4 does not fit .*teach_2x2/ },
  {
    name: 'a layer that does not fit L1',
    args: ['run', '--model', 'llama-3.1-8b', '--seq', '32', '--op-strategy', 'matmul=reuse', '--arch', 'teach_2x2', '--mode', 'timing', '--out', f.path('l1out')], code: 3, maxMs: 60_000,
    message: /^layer 0 qkv_proj \(2d\): matmul reuse: a 1×96-tile block of C per core needs \d+ bytes of L1 .*and \d+ are free on core \(0,0\)/,
    then: () => expect(existsSync(f.path('l1out'))).toBe(false),
  },
  {
    name: 'a sharded layer whose buffers do not fit L1', args: ['run', '--model', 'llama-3.1-8b', '--seq', '32', '--strategy', 'sharded', ...small], code: 3, maxMs: 60_000,
    message: /^layer 0 input_layernorm \(sharded\): circular buffers on core \(0,0\) .*do not fit in L1: cb \d+ \(128 × 2048 bytes\) ends at \d+, past the L1 buffer/,
  },
  // host memory, estimated before any value is made (sim/models/layer/host-memory.ts)
  {
    name: 'a functional whole-model run over the memory limit', args: ['run', '--model', 'llama-3.1-8b', '--layers', 'all', '--phase', 'decode', '--batch', '32', '--kv-len', '1024', '--no-out'], code: 3,
    message: /^a functional run of llama-3\.1-8b \(built-in\) \(--layers 32\) needs about [\d.]+ GiB of host memory, over the limit of [\d.]+ [GM]iB \(MESHSIM_MAX_MEMORY\); --mode timing moves no values$/,
  },
  {
    name: 'a functional layer over a MESHSIM_MAX_MEMORY set low', args: ['run', '--model', 'tiny', '--seq', '32', '--arch', 'teach_2x2', '--no-out'], env: { MESHSIM_MAX_MEMORY: '64KiB' }, code: 3,
    message: /^a functional run of tiny \(built-in\) \(--layer 0\) needs about [\d.]+ [KM]iB of host memory, over the limit of 64 KiB \(MESHSIM_MAX_MEMORY\)/,
  },
  { name: '--out under a file', args: ['run', '--model', 'tiny', '--seq', '32', '--arch', 'teach_2x2', '--mode', 'timing', '--out', under], code: 3, lastLine: true, message: /cannot (create the directory|write into) .*a-file\/sub\/out.*: .*a-file is not a directory/, then: () => expect(existsSync(`${aFile}/sub`)).toBe(false) },
];

badInputs('bad input for meshsim run', cases);
