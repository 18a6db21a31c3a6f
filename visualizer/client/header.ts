// The run at a glance: workload, architecture, grid, time, throughput, bottleneck and check.
import { select } from 'd3';
import type { ReportData } from './data.ts';
import { int, pct } from './format.ts';

export function workloadTitle(d: ReportData): string {
  const o = d.matmul.options;
  return `matmul ${o.m}×${o.k}×${o.n} ${o.dtype} ${o.fidelity}${o.fp32Acc ? ' fp32-acc' : ''}, strategy ${o.strategy}`;
}

export function renderHeader(root: HTMLElement, d: ReportData): void {
  const m = d.matmul;
  const s = m.summary;
  const o = m.options;
  const header = select(root).append('header').attr('class', 'run');
  header.append('h1').text(workloadTitle(d));
  header
    .append('p')
    .attr('class', 'subtitle')
    .text(
      `${d.arch.name} (${d.arch.description}) · compute grid ${d.grid.rows}×${d.grid.cols}, ${m.cores} cores with work · ` +
        `${o.mode} mode · seed ${o.seed} · ${m.tiles.Mt}×${m.tiles.Kt}×${m.tiles.Nt} tiles (M×K×N)` +
        (m.block ? ` · block ${m.block.Mb}×${m.block.Nb}, sub-block ${m.block.subH}×${m.block.subW}` : ''),
    );

  const cards = header.append('div').attr('class', 'cards');
  const card = (label: string, value: string, note: string, cls = '') => {
    const c = cards.append('div').attr('class', `card ${cls}`);
    c.append('div').attr('class', 'card-label').text(label);
    c.append('div').attr('class', 'card-value').text(value);
    c.append('div').attr('class', 'card-note').text(note);
  };
  card('cycles', int(s.cycles), `${s.microseconds.toFixed(s.microseconds < 10 ? 2 : 1)} µs at ${d.arch.clockHz / 1e9} GHz`);
  const ofPeak = s.peakTflops > 0 ? s.tflops / s.peakTflops : 0;
  card('throughput', `${s.tflops.toFixed(s.tflops < 1 ? 3 : 2)} TFLOP/s`, `of ${s.peakTflops.toFixed(1)} peak (${pct(ofPeak)})`);
  const busiest = [s.fpu, s.unpack, s.pack, s.dram, s.noc].reduce((a, b) => (b.utilisation > a.utilisation ? b : a));
  card('busiest resource', pct(busiest.utilisation), busiest.name);
  if (m.check) card('check vs float64', m.check.maxError.toExponential(2), `max error of Σ|a·b| over ${m.check.samples} samples`);
  else card('check vs float64', '—', `${o.mode} mode moves no values`);

  const b = header.append('p').attr('class', 'bottleneck');
  b.append('span').attr('class', 'tag').text('bottleneck');
  b.append('span').text(s.bottleneck);
  header.append('p').attr('class', 'source').text(`from ${d.source}/stats.json and trace.json`);
}
