// Sizes as messages give them: "683 MiB", "1.5 GiB", "12 bytes".
const UNITS = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(n: number): string {
  if (!(n >= 1024)) return `${n} byte${n === 1 ? '' : 's'}`;
  let value = n;
  let unit = -1;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(value < 10 ? 2 : 1))} ${UNITS[unit]}`;
}

// "512", "64k", "16M", "2GiB" (binary units) → bytes; undefined when the text is not a size.
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:i?b)?|b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const scale = m[2] ? 1024 ** ('kmgt'.indexOf(m[2].toLowerCase()) + 1) : 1;
  const bytes = Math.round(Number(m[1]) * scale);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
