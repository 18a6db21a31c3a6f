// A checkpoint as the weights loader sees it: tensors by Hugging Face name, read one at a time.
// openCheckpoint takes a .safetensors file, a model.safetensors.index.json (sharded: weight_map
// names the shard of each tensor), or a model folder holding either.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { badInput, describeValue, within } from '../errors.ts';
import { readUserText } from '../io/read-file.ts';
import { SafetensorsFile } from './safetensors.ts';

export interface TensorInfo {
  dtype: string;
  shape: readonly number[];
  file: string; // where it is stored, for messages
}

export interface TensorReader {
  readonly source: string; // the checkpoint, for messages
  info(name: string): TensorInfo | undefined;
  read(name: string): Float32Array; // values in the stored shape, row-major
}

class SingleFile implements TensorReader {
  constructor(private readonly file: SafetensorsFile) {}
  get source(): string {
    return this.file.path;
  }
  info(name: string): TensorInfo | undefined {
    const e = this.file.entries.get(name);
    return e && { dtype: e.dtype, shape: e.shape, file: this.file.path };
  }
  read(name: string): Float32Array {
    return this.file.read(name);
  }
}

// Shards are opened (their headers read) when a tensor in them is first asked for.
class Sharded implements TensorReader {
  private readonly shards = new Map<string, SafetensorsFile>();
  constructor(readonly source: string, private readonly weightMap: ReadonlyMap<string, string>) {}

  private shard(name: string): SafetensorsFile | undefined {
    const file = this.weightMap.get(name);
    if (file === undefined) return undefined;
    let shard = this.shards.get(file);
    if (!shard) {
      shard = within(this.source, () => SafetensorsFile.open(join(dirname(this.source), file))); // a missing shard names the index
      this.shards.set(file, shard);
    }
    if (!shard.entries.has(name)) throw badInput(`${shard.path}: no tensor ${name}, which ${this.source} places there`);
    return shard;
  }
  info(name: string): TensorInfo | undefined {
    const shard = this.shard(name);
    const e = shard?.entries.get(name);
    return shard && e && { dtype: e.dtype, shape: e.shape, file: shard.path };
  }
  read(name: string): Float32Array {
    const shard = this.shard(name);
    if (!shard) throw badInput(`${this.source}: no tensor ${name} in weight_map`);
    return shard.read(name);
  }
}

export function openCheckpoint(path: string): TensorReader {
  let file = path;
  if (isFolder(path)) {
    const index = join(path, 'model.safetensors.index.json');
    file = existsSync(index) ? index : join(path, 'model.safetensors');
    if (!existsSync(file)) throw badInput(`--weights: ${path} holds neither model.safetensors.index.json nor model.safetensors`);
  }
  return file.endsWith('.json') ? openIndex(file) : new SingleFile(SafetensorsFile.open(file));
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a missing file is reported when it is opened
  }
}

function openIndex(path: string): TensorReader {
  const text = readUserText(path, { what: 'a model.safetensors.index.json', maxBytes: 64 << 20 });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw badInput(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const map = (json as { weight_map?: unknown } | null)?.weight_map;
  if (typeof map !== 'object' || map === null || Array.isArray(map)) throw badInput(`${path}: weight_map: expected an object of tensor name → shard file, got ${describeValue(map)}`);
  const weightMap = new Map<string, string>();
  for (const [name, file] of Object.entries(map)) {
    if (typeof file !== 'string' || file.includes('/') || file.includes('\\')) {
      throw badInput(`${path}: weight_map.${name}: expected a shard file name beside the index, got ${describeValue(file)}`);
    }
    weightMap.set(name, file);
  }
  return new Sharded(path, weightMap);
}
