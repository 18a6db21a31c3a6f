// The run at a glance: workload, architecture, grid, time, throughput, bottleneck and check.
import { select } from 'd3';
import type { ReportData } from './data.ts';
import { int, pct } from './format.ts';

export function renderHeader(root: HTMLElement, d: ReportData): void {
  const w = d.workload;
  const s = w.summary;
  const header = select(root).append('header').attr('class', 'run');
  header.append('h1').text(w.title);
  header.append('p').attr('class', 'subtitle').text(`${d.arch.name} (${d.arch.description}) · compute grid ${d.grid.rows}×${d.grid.cols} · ${w.details}`);

  const cards = header.append('div').attr('class', 'cards');
  const card = (label: string, value: string, note: string, cls = '') => {
    const c = cards.append('div').attr('class', `card ${cls}`);
    c.append('div').attr('class', 'card-label').text(label);
    c.append('div').attr('class', 'card-value').text(value);
    c.append('div').attr('class', 'card-note').text(note);
  };
  card('cycles', int(s.cycles), `${s.microseconds.toFixed(s.microseconds < 10 ? 2 : 1)} µs at ${d.arch.clockHz / 1e9} GHz`);
  const ofPeak = s.peakTflops > 0 ? s.tflops / s.peakTflops : 0;
  if (w.flops) card('throughput', `${s.tflops.toFixed(s.tflops < 1 ? 3 : 2)} TFLOP/s`, `of ${s.peakTflops.toFixed(1)} peak (${pct(ofPeak)})`);
  const busiest = [s.fpu, s.unpack, s.pack, s.dram, s.noc].reduce((a, b) => (b.utilisation > a.utilisation ? b : a));
  card('busiest resource', pct(busiest.utilisation), busiest.name);
  if (w.check) card('check vs float64', w.check.maxError.toExponential(2), `max error of Σ|a·b| over ${w.check.samples} samples`);

  const b = header.append('p').attr('class', 'bottleneck');
  b.append('span').attr('class', 'tag').text('bottleneck');
  b.append('span').text(s.bottleneck);
  header.append('p').attr('class', 'source').text(`from ${d.source}/stats.json and trace.json`);
}
