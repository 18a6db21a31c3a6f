// The tile data formats' names and codec ids, apart from the codec (formats.ts loads the wasm
// module) so that the command line can list them without loading it.
export type DataFormat = 'fp32' | 'bf16' | 'bfp8_b' | 'bfp4_b';

// Format ids of the wasm codec (FORMAT_* in sim/wasm/formats.ts).
export const FORMAT_ID: Readonly<Record<DataFormat, number>> = { fp32: 0, bf16: 1, bfp8_b: 2, bfp4_b: 3 };

export const DATA_FORMATS = Object.keys(FORMAT_ID) as DataFormat[];
