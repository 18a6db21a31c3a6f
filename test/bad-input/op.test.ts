// Bad input for `meshsim op` (an op that does not exist, a strategy it lacks, a --shape that is not
// one or that the op refuses) and for `meshsim sweep run` (a model or strategy in a list that does
// not exist): one line each, naming the input and what was expected.
import { badInputs, type BadInputCase } from './harness.ts';

const op = (...args: string[]) => ['op', ...args, '--arch', 'teach_2x2', '--mode', 'timing'];
const sweep = (...args: string[]) => ['sweep', 'run', '--model', 'tiny', '--seq', '32', '--arch', 'teach_2x2', ...args];

const cases: BadInputCase[] = [
  { name: 'op: an unknown op', args: op('conv'), code: 2, message: /^op: unknown op 'conv': expected one of embedding, layernorm, .*softmax, attention, .*add, mul, gelu, silu/ },
  { name: 'op: an unknown strategy', args: op('add', '--strategy', 'diagonal'), code: 2, message: /^op add: unknown strategy 'diagonal': expected one of interleaved, sharded/ },
  { name: 'op: a malformed --shape', args: op('add', '--shape', '128by768'), code: 2, lastLine: true, message: /--shape.*'128by768'.*expected dimensions separated by x, each a whole number from 1, e.g\. 128x768/ },
  { name: 'op: a --shape with a zero', args: op('add', '--shape', '0x768'), code: 2, lastLine: true, message: /--shape.*'0x768'.*expected dimensions separated by x, each a whole number from 1/ },
  { name: 'op: a row too wide for softmax', args: op('softmax', '--shape', '1x32x300000'), code: 3, message: /^softmax: x \[1, 32, 300000\]: a row of 9375 tiles needs \d+ bytes of L1 per core .*expected at most \d+ columns/ },
  { name: 'op: a shard larger than L1', args: op('add', '--shape', '4096x4096', '--strategy', 'sharded', '--grid', '1x1'), code: 3, message: /^add: L1 buffer for a does not fit: it needs 33554432 bytes on each of 1 cores \(first core \(0,0\)/ },
  { name: 'op: a matmul shape of two dimensions', args: op('matmul', '--shape', '128x768'), code: 3, message: /^matmul: shape 128×768, expected M×K×N/ },
  { name: 'op: kv heads that do not divide the heads', args: op('attention', '--shape', '12x5x128x64'), code: 3, message: /^attention: k has 5 kv heads, expected a divisor of q's 12 heads/ },
  { name: 'op: a prompt longer than the cache', args: op('fill_cache', '--shape', '1x2x64x64x128'), code: 3, message: /^fill_cache: fillCache: 128 rows do not fit the cache of 64 positions, expected at most 64/ },
  { name: 'sweep run: an unknown model in the list', args: sweep('--model', 'tiny,gpt5'), code: 3, message: /^--model: "gpt5" is neither a built-in model \(gpt2, llama-3\.2-1b, llama-3\.1-8b, tiny\)/ },
  { name: 'sweep run: an unknown strategy in the list', args: sweep('--strategy', '2d,diagonal'), code: 2, lastLine: true, message: /--strategy.*diagonal.*auto, 2d, rows, heads, sharded, dram-sharded/ },
  { name: 'sweep run: a bad weights format in the list', args: sweep('--weights-dtype', 'bf16,int4'), code: 2, message: /^--weights-dtype "int4": "int4" is not a weight format \(expected bf16, bfp8_b, bfp4_b\)/ },
  { name: 'sweep run: a config path in the list that is missing', args: sweep('--model', 'tiny,/nowhere/config.json'), code: 3, message: /^--model: "\/nowhere\/config\.json" is neither a built-in model .* nor an existing file or folder/ },
  { name: 'sweep run: a grid in the list larger than the preset', args: sweep('--grid', '2x2,4x4'), code: 3, message: /^--grid 4x4 with --arch teach_2x2: 4x4 does not fit teach_2x2: expected at most 2x2/ },
  {
    name: 'sweep run: every point past L1', args: ['sweep', 'run', '--model', 'llama-3.1-8b', '--seq', '32', '--arch', 'teach_2x2', '--strategy', 'sharded'], code: 8, lastLine: true, maxMs: 60_000,
    message: /^1 of 1 sweep points failed: point 0 \(llama-3\.1-8b seq32 b1 sharded bf16 2x2\): layer 0 input_layernorm \(sharded\): circular buffers on core \(0,0\) .*do not fit in L1/,
  },
];

badInputs('bad input for meshsim op and meshsim sweep run', cases);
