// The sweep as an SVG bar chart: one bar per configuration, ranked, its length the cycles, its
// colour what bounded it. Built as a string with d3's scales (no DOM needed).
import { scaleBand, scaleLinear } from 'd3';
import { pointKind } from './kinds.ts';
import type { PointRecord, PointResult } from './point.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// What bounded a run, by kind, and its colour.
const KINDS: { kind: string; test: RegExp; colour: string }[] = [
  { kind: 'FPU', test: /^FPU/, colour: '#2a9d8f' },
  { kind: 'unpackers / packers', test: /^(unpack|pack)/, colour: '#8ab17d' },
  { kind: 'DRAM bank', test: /^DRAM/, colour: '#e9c46a' },
  { kind: 'NoC link', test: /^NoC/, colour: '#e76f51' },
  { kind: 'latency and synchronisation', test: /./, colour: '#8d99ae' },
];
const kindOf = (r: PointResult) => KINDS.find((k) => k.test.test(r.bottleneck))!;

// The finished points of `records`, ranked as given; failed points have no bar.
export function sweepPlot(records: PointRecord[], title: string): string {
  const ranked = records.filter((r) => r.result).map((r) => {
    const kind = pointKind(r.point.kind);
    const figures = Object.entries(kind.figures(r.result!)).map(([k, v]) => `${v} ${k}`);
    return { label: kind.label(r.point.params), figures, result: r.result! };
  });
  const label = (r: (typeof ranked)[number]) => r.label;
  const margin = { top: 52, right: 90, bottom: 30, left: 330 };
  const width = 960;
  const height = margin.top + margin.bottom + 22 * ranked.length;
  const x = scaleLinear().domain([0, ranked.reduce((m, r) => Math.max(m, r.result.cycles), 1)]).nice().range([margin.left, width - margin.right]);
  const y = scaleBand().domain(ranked.map((_, i) => String(i))).range([margin.top, height - margin.bottom]).padding(0.2);
  const bars = ranked.map((r, i) => {
    const top = y(String(i))!;
    const { cycles, bottleneck } = r.result;
    return `<g><title>${esc(`${label(r)}: ${[`${cycles} cycles`, ...r.figures, bottleneck].join(', ')}`)}</title>` +
      `<text x="${margin.left - 8}" y="${top + y.bandwidth() / 2}" text-anchor="end" dominant-baseline="middle">${esc(label(r))}</text>` +
      `<rect x="${margin.left}" y="${top}" width="${x(cycles) - margin.left}" height="${y.bandwidth()}" fill="${kindOf(r.result).colour}"/>` +
      `<text x="${x(cycles) + 4}" y="${top + y.bandwidth() / 2}" dominant-baseline="middle">${cycles}</text></g>`;
  });
  const ticks = x.ticks(6).map((t) => `<g><line x1="${x(t)}" x2="${x(t)}" y1="${margin.top - 4}" y2="${height - margin.bottom}" stroke="#ddd"/>` +
    `<text x="${x(t)}" y="${height - margin.bottom + 16}" text-anchor="middle">${t}</text></g>`);
  const kinds = KINDS.filter((k) => ranked.some((r) => kindOf(r.result) === k)).map((k, i) =>
    `<g transform="translate(${12 + i * 220},${margin.top - 22})"><rect width="10" height="10" fill="${k.colour}"/><text x="14" y="9">bound by ${esc(k.kind)}</text></g>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="white"/><text x="12" y="18" font-weight="bold">${esc(title)}</text>` +
    `${ticks.join('')}${kinds.join('')}${bars.join('')}<text x="${width - margin.right}" y="${height - 4}" text-anchor="end">cycles</text></svg>\n`;
}
