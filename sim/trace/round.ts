// Derived figures (µs, TFLOP/s, utilisations) are written with 6 significant digits, so outputs
// carry no float noise (14.008000000000001) and stay identical wherever they are computed.
export function round6(v: number): number {
  return v === 0 || !Number.isFinite(v) ? v : Number(v.toPrecision(6));
}
