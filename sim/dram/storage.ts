// DRAM contents, stored sparsely: only the 64 KiB chunks ever written exist. Unwritten bytes read
// as zero. A bank is gigabytes; a simulation touches megabytes.
const CHUNK = 1 << 16;

export class SparseMemory {
  private chunks = new Map<number, Uint8Array>();

  read(addr: number, into: Uint8Array): void {
    for (let done = 0; done < into.length; ) {
      const at = addr + done;
      const offset = at % CHUNK;
      const n = Math.min(into.length - done, CHUNK - offset);
      const chunk = this.chunks.get(Math.floor(at / CHUNK));
      if (chunk) into.set(chunk.subarray(offset, offset + n), done);
      else into.fill(0, done, done + n);
      done += n;
    }
  }

  write(addr: number, data: Uint8Array): void {
    for (let done = 0; done < data.length; ) {
      const at = addr + done;
      const offset = at % CHUNK;
      const n = Math.min(data.length - done, CHUNK - offset);
      const key = Math.floor(at / CHUNK);
      let chunk = this.chunks.get(key);
      if (!chunk) this.chunks.set(key, (chunk = new Uint8Array(CHUNK)));
      chunk.set(data.subarray(done, done + n), offset);
      done += n;
    }
  }

  // Makes [addr, addr + bytes) read as zero again, dropping the chunks it covers whole.
  clear(addr: number, bytes: number): void {
    for (let done = 0; done < bytes; ) {
      const at = addr + done;
      const offset = at % CHUNK;
      const n = Math.min(bytes - done, CHUNK - offset);
      const key = Math.floor(at / CHUNK);
      if (n === CHUNK) this.chunks.delete(key);
      else this.chunks.get(key)?.fill(0, offset, offset + n);
      done += n;
    }
  }
}
