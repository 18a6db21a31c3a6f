// Packer L1 accumulation (pack_reconfig_l1_acc) on the tile engine: a tile packed with it enabled
// lands as the sum of itself and the tile already there, equal to the same add done by add_tiles
// and packed; it costs the packer's accumulate rate; timing mode books the same cycles.
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../sim/arch/index.ts';
import { TILE_COSTS } from '../../sim/compute/costs.ts';
import { TILE_BYTES, tilize, untilize, type DataFormat } from '../../sim/compute/formats.ts';
import { DST_BYTES, TileEngine, type ComputeConfig } from '../../sim/compute/tile-engine.ts';
import { WasmTileFunctions } from '../../sim/compute/tile-functions.ts';
import { CircularBuffer } from '../../sim/core/circular-buffer.ts';
import { BINARY_OPS, BROADCASTS } from '../../sim/core/mmio.ts';
import { mulberry32 } from '../../sim/random.ts';
import { RiscvWasm } from '../../sim/riscv/wasm.ts';

const preset = PRESETS.wormhole_n150;
const rand = mulberry32(11);
const tile = () => Float32Array.from({ length: 1024 }, () => 4 * rand() - 2);
const [X, Y] = [tile(), tile()];

// One engine over a small L1: cb 0 holds X and Y (bf16), cb 16 and cb 17 one tile each of `format`.
function bench(format: DataFormat, functional: boolean, config: ComputeConfig) {
  const wasm = new RiscvWasm();
  const [l1, dst] = [wasm.alloc(64 * 1024), wasm.alloc(DST_BYTES)];
  const te = new TileEngine(preset, functional ? new WasmTileFunctions(wasm) : undefined, l1, () => dst);
  te.reset(config, 0);
  const input = Object.assign(new CircularBuffer({ index: 0, pageBytes: TILE_BYTES.bf16, pages: 2, format: 'bf16' }, 0), { pushed: 2, visible: 2 });
  wasm.u8().set(tilize(X, 32, 32, 'bf16'), l1);
  wasm.u8().set(tilize(Y, 32, 32, 'bf16'), l1 + TILE_BYTES.bf16);
  const out = (index: number, base: number) => new CircularBuffer({ index, pageBytes: TILE_BYTES[format], pages: 1, format }, base);
  const [acc, sum] = [out(16, 8192), out(17, 16384)];
  const read = (cb: CircularBuffer) => untilize(wasm.u8().slice(l1 + cb.base, l1 + cb.base + TILE_BYTES[format]), 32, 32, format);
  // Dst tile 0 ← input tile t, packed into cb's tile 0.
  const copyPack = (t: number, cb: CircularBuffer) => {
    te.init('copy', input, undefined, undefined, 0, 0);
    te.init('pack', undefined, undefined, cb, 0, 0);
    te.tileRegsAcquire(0);
    te.copy(0, input, t, 0);
    te.tileRegsCommit();
    te.tileRegsWait();
    te.pack(0, 0, cb, 0);
    te.tileRegsRelease();
  };
  return { te, input, acc, sum, read, copyPack };
}

const FP32_ACC: ComputeConfig = { mathFidelity: 'HiFi4', fp32DestAccEn: true };
const BF16_ACC: ComputeConfig = { mathFidelity: 'HiFi4', fp32DestAccEn: false };

describe('pack_reconfig_l1_acc', () => {
  // bfp8_b is checked with fp32 Dst, so the separate add's sum is not rounded to bf16 before the pack.
  const cases: [DataFormat, ComputeConfig][] = [['bf16', BF16_ACC], ['fp32', FP32_ACC], ['bfp8_b', FP32_ACC]];
  for (const [format, config] of cases) {
    it(`${format}: Y packed onto X with L1 accumulation equals add_tiles(X as packed, Y) packed`, () => {
      const b = bench(format, true, config);
      b.copyPack(0, b.acc); // X, plain
      b.te.packReconfigL1Acc(1);
      b.copyPack(1, b.acc); // + Y, in L1
      b.te.packReconfigL1Acc(0);
      // The separate add: X as it was packed (cb 16's tile before accumulation) plus Y, by the FPU.
      const c = bench(format, true, config);
      c.copyPack(0, c.acc);
      const packedX = Object.assign(c.acc, { pushed: 1, visible: 1 });
      c.te.init('binary', packedX, c.input, undefined, BINARY_OPS.indexOf('add'), BROADCASTS.indexOf('none'));
      c.te.init('pack', undefined, undefined, c.sum, 0, 0);
      c.te.tileRegsAcquire(0);
      c.te.binary(0, BINARY_OPS.indexOf('add'), BROADCASTS.indexOf('none'), packedX, c.input, 0, 1, 0);
      c.te.tileRegsCommit();
      c.te.tileRegsWait();
      c.te.pack(0, 0, c.sum, 0);
      c.te.tileRegsRelease();
      expect(b.read(b.acc)).toEqual(c.read(c.sum));
      // and it is X + Y to the format's precision
      const got = b.read(b.acc);
      const worst = Math.max(...got.map((v, i) => Math.abs(v - (X[i] + Y[i]))));
      expect(worst).toBeLessThanOrEqual(format === 'bfp8_b' ? 2 ** -3 : 2 ** -5); // |X + Y| < 4: half an ulp of bfp8_b / bf16 at 4, with X and Y's own rounding
    });
  }

  for (const format of ['bf16', 'bfp8_b'] as const) {
    it(`${format}: an accumulating pack costs the packer's accumulate rate, the same in timing mode`, () => {
      const cycles = (functional: boolean) => {
        const b = bench(format, functional, BF16_ACC);
        b.copyPack(0, b.acc);
        const plain = b.te.busy.pack;
        b.te.packReconfigL1Acc(1);
        b.copyPack(1, b.acc);
        return { plain, accumulate: b.te.busy.pack - plain, done: b.te.packDoneAt };
      };
      const f = cycles(true);
      expect(f.plain).toBe(Math.ceil(TILE_BYTES[format] / TILE_COSTS.packBytesPerCycle));
      expect(f.accumulate).toBe(Math.ceil(TILE_BYTES[format] / TILE_COSTS.packAccumulateBytesPerCycle));
      expect(cycles(false)).toEqual(f);
    });
  }

  it('an enable other than 0 or 1 is refused with one line', () => {
    const b = bench('bf16', false, BF16_ACC);
    expect(() => b.te.packReconfigL1Acc(2)).toThrow(/pack_reconfig_l1_acc\(2\): expected 0 \(off\) or 1 \(on\)/);
  });
});
