// The mesh: every NoC tile by kind, and each NoC's links between them coloured by utilisation,
// for the whole run (busy cycles / run cycles) or one counter window (GB/s / link peak).
import { area, interpolateBlues, interpolateYlOrRd, line, max, pointer, scaleLinear, select } from 'd3';
import { expand, linkName, type MeshTile, type ReportData, type TileKind } from './data.ts';
import { bytes, gbps, int, pct, tipHtml, type Tooltip } from './format.ts';
import type { NocChoice, View, ViewState } from './state.ts';

const P = 66; // tile pitch
const T = 46; // tile size
const M = 40; // left and top margin: axis numbers and wrap-around stubs
const END = 22; // right and bottom margin: wrap-around stubs
const LANE = 6; // offset of each NoC's lane from the tile centre line
const STUB = 14; // length of a wrap-around stub
export const IDLE = '#dfe3ea';

export const TILE_STYLE: Record<TileKind, { fill: string; stroke: string; name: string; label: string }> = {
  active: { fill: '#bcd6fb', stroke: '#3b7be0', name: 'Tensix in the compute grid', label: 'core' },
  tensix: { fill: '#f1f4f9', stroke: '#c3ccd9', name: 'Tensix, not used', label: 'Tensix' },
  dram: { fill: '#c6efd3', stroke: '#2f9e5a', name: 'DRAM endpoint', label: 'DRAM' },
  ethernet: { fill: '#e6dafb', stroke: '#8b5cf6', name: 'Ethernet', label: 'ETH' },
  pcie: { fill: '#c4eef5', stroke: '#0e9fb8', name: 'PCIe', label: 'PCIe' },
  arc: { fill: '#eadfcd', stroke: '#9a7b4f', name: 'ARC', label: 'ARC' },
  router: { fill: '#ffffff', stroke: '#9aa5b5', name: 'router only', label: 'router' },
  harvested: { fill: '#e4e6ea', stroke: '#a3a9b3', name: 'harvested Tensix', label: '' },
  empty: { fill: 'none', stroke: '#d5d9e0', name: 'empty', label: '' },
};

// A core's FPU busy fraction to a fill: pale when idle, deep blue when always busy.
export function coreHeat(u: number): string {
  return interpolateBlues(0.08 + 0.8 * Math.min(1, u));
}

// A multicast tree as one stroke: a segment between the centres of each link's two tiles (a
// wrap-around link as a short stub out of its tile).
function treePath(t: { links: number[]; noc: number }, links: { from: { x: number; y: number }; to: { x: number; y: number } }[]): string {
  const c = (v: number) => M + v * P + T / 2;
  const lane = t.noc === 0 ? -LANE - 3 : LANE + 3;
  return t.links
    .map((id) => links[id])
    .filter(Boolean)
    .map((l) => {
      const wraps = Math.abs(l.to.x - l.from.x) > 1 || Math.abs(l.to.y - l.from.y) > 1;
      const [x0, y0] = [c(l.from.x) + (l.from.y === l.to.y ? 0 : lane), c(l.from.y) + (l.from.x === l.to.x ? 0 : lane)];
      const [x1, y1] = wraps ? [x0 + Math.sign(l.to.x - l.from.x) * -STUB, y0 + Math.sign(l.to.y - l.from.y) * -STUB] : [c(l.to.x) + (l.from.y === l.to.y ? 0 : lane), c(l.to.y) + (l.from.x === l.to.x ? 0 : lane)];
      return `M${x0},${y0}L${x1},${y1}`;
    })
    .join('');
}

// Utilisation 0..1 to a colour; idle links stay pale grey.
export function heat(u: number): string {
  return u <= 0 ? IDLE : interpolateYlOrRd(0.12 + 0.88 * Math.min(1, u));
}

interface LinkDatum {
  noc: number;
  id: number;
  name: string;
  dir: string;
  path: string;
  bytes: number;
  packets: number;
  busyCycles: number;
  series: Float64Array; // GB/s per window
}

// An arrow from tail to head along one axis at `across` on the other; `vertical` swaps the axes.
function arrow(tail: number, head: number, across: number, vertical: boolean): string {
  const s = Math.sign(head - tail) || 1;
  const neck = head - 6 * s;
  const pts: [number, number][] = [
    [tail, across - 2.5], [neck, across - 2.5], [neck, across - 5], [head, across], [neck, across + 5], [neck, across + 2.5], [tail, across + 2.5],
  ];
  return `M${pts.map(([a, b]) => (vertical ? `${b},${a}` : `${a},${b}`)).join('L')}Z`;
}

// A link between neighbours sits in the gap between them; a wrap-around link leaves one edge of the
// mesh and comes back in at the opposite edge, drawn as two stubs.
function linkPath(noc: number, from: { x: number; y: number }, to: { x: number; y: number }, dir: string, width: number, height: number): string {
  const vertical = dir === 'N' || dir === 'S';
  const lane = noc === 0 ? -LANE : LANE;
  const f = vertical ? from.y : from.x;
  const t = vertical ? to.y : to.x;
  const n = vertical ? height : width;
  const across = M + (vertical ? from.x : from.y) * P + T / 2 + lane;
  const forward = dir === 'E' || dir === 'S';
  const wraps = forward ? t <= f : t >= f;
  if (!wraps) {
    const a = Math.min(f, t);
    const g0 = M + a * P + T + 2;
    const g1 = M + (a + 1) * P - 2;
    return forward ? arrow(g0, g1, across, vertical) : arrow(g1, g0, across, vertical);
  }
  const low = M - 2; // just outside the first tile
  const high = M + (n - 1) * P + T + 2; // just outside the last tile
  return forward
    ? arrow(high, high + STUB, across, vertical) + arrow(low - STUB, low, across, vertical)
    : arrow(low, low - STUB, across, vertical) + arrow(high + STUB, high, across, vertical);
}

// Returns the side column (legend), where more panels can go.
export function renderMesh(root: HTMLElement, d: ReportData, state: ViewState, tip: Tooltip, onCoreClick: (core: string) => void): HTMLElement {
  const { width: W, height: H, clockHz } = d.arch;
  const win = d.windows;
  const cycles = Math.max(1, d.run.cycles);
  const linkPeak = (d.arch.linkBytesPerCycle * clockHz) / 1e9;
  const bankPeak = (d.arch.dramBytesPerCyclePerChannel * clockHz) / 1e9;
  const bytesPerWindow = (g: number) => (g * 1e9 * win.cycles) / clockHz;

  // Per-window series.
  const linkSeries = new Map(win.links.map((s) => [`${s.noc}:${s.id}`, expand(s, win.count)]));
  const bankSeries = new Map(win.banks.map((s) => [s.bank, expand(s, win.count)]));
  const zero = new Float64Array(win.count);
  const links: LinkDatum[] = d.run.links.flatMap((ls, noc) =>
    ls.map((l, id) => ({
      noc, id, name: linkName(noc, l), dir: l.dir, path: linkPath(noc, l.from, l.to, l.dir, W, H),
      bytes: l.bytes, packets: l.packets, busyCycles: l.busyCycles, series: linkSeries.get(`${noc}:${id}`) ?? zero,
    })),
  );
  // FPU busy fraction per window per core (the trace's per-core counters).
  const fpu = new Map(win.cores.map((s) => [s.core, expand(s, win.count)]));
  const trees = win.trees.map((t) => ({ ...t, series: expand(t, win.count), path: treePath(t, d.run.links[t.noc]) }));
  const engineByCore = new Map(d.run.tileEngines.map((e) => [e.core, e]));
  const bankByIndex = new Map(d.run.dram.map((b) => [b.bank, b]));

  const linkValue = (l: LinkDatum, v: View) => (v.window === null ? l.busyCycles / cycles : l.series[v.window] / linkPeak);
  // "Stretch": colours run up to the busiest link (of the whole run, or of any window) instead of 100%.
  let stretch = false;
  const busiestWhole = Math.max(1e-9, ...links.map((l) => l.busyCycles / cycles));
  const busiestWindow = Math.max(1e-9, ...links.map((l) => (max(l.series) ?? 0) / linkPeak));
  const top = (v: View) => (stretch ? (v.window === null ? busiestWhole : busiestWindow) : 1);
  const tileBar = (t: MeshTile, v: View): number | undefined => {
    if (t.kind === 'active' && t.core) {
      if (v.window === null) {
        const e = engineByCore.get(t.core);
        return e ? e.mathBusyCycles / cycles : undefined;
      }
      const f = fpu.get(t.core);
      return f ? f[v.window] : undefined;
    }
    if (t.kind === 'dram' && t.banks?.length) {
      const u = t.banks.map((b) => (v.window === null ? (bankByIndex.get(b)?.busyCycles ?? 0) / cycles : (bankSeries.get(b)?.[v.window] ?? 0) / bankPeak));
      return u.reduce((a, b) => a + b, 0) / u.length;
    }
    return undefined;
  };

  const section = select(root).append('section').attr('class', 'panel mesh-panel');
  section.append('h2').text('Mesh and NoC traffic');
  const layout = section.append('div').attr('class', 'mesh-layout');
  const left = layout.append('div').attr('class', 'mesh-view');
  const side = layout.append('aside').attr('class', 'mesh-side');

  // Controls: NoC choice, whole run / window, play, slider with a traffic sparkline above it.
  const controls = left.append('div').attr('class', 'controls');
  const nocGroup = controls.append('div').attr('class', 'segmented').attr('role', 'group').attr('aria-label', 'NoC');
  const nocChoices: [NocChoice, string][] = [[0, 'NoC0'], [1, 'NoC1'], ['both', 'both']];
  const nocButtons = nocGroup
    .selectAll('button')
    .data(nocChoices)
    .join('button')
    .attr('type', 'button')
    .attr('class', 'noc-toggle')
    .attr('data-noc', ([c]) => String(c))
    .text(([, label]) => label)
    .on('click', (_e, [c]) => state.set({ noc: c }));
  const wholeButton = controls.append('button').attr('type', 'button').attr('class', 'whole-run').text('whole run').on('click', () => {
    stop();
    state.set({ window: null });
  });
  const playButton = controls.append('button').attr('type', 'button').attr('class', 'play').attr('aria-label', 'play').text('▶ play').on('click', () => (timer ? stop() : play()));
  let speed = 1;
  const speedBox = controls.append('label').attr('class', 'speed');
  speedBox.append('span').text('speed');
  speedBox
    .append('select')
    .attr('class', 'play-speed')
    .attr('aria-label', 'playback speed')
    .on('change', function () {
      speed = Number((this as HTMLSelectElement).value);
      if (timer) {
        stop();
        play();
      }
    })
    .selectAll('option')
    .data([0.25, 0.5, 1, 2, 4, 8])
    .join('option')
    .attr('value', (v) => v)
    .property('selected', (v) => v === 1)
    .text((v) => `${v}×`);
  const stretchBox = controls.append('label').attr('class', 'stretch');
  stretchBox
    .append('input')
    .attr('type', 'checkbox')
    .on('change', function () {
      stretch = (this as HTMLInputElement).checked;
      update(state.get());
    });
  stretchBox.append('span').text('stretch colours to the busiest link');

  const timeBox = left.append('div').attr('class', 'timebox');
  const SW = 560;
  const SH = 46;
  const spark = timeBox.append('svg').attr('class', 'spark').attr('viewBox', `0 0 ${SW} ${SH}`).attr('width', SW).attr('height', SH);
  const slider = timeBox
    .append('input')
    .attr('type', 'range')
    .attr('class', 'window-slider')
    .attr('min', 0)
    .attr('max', Math.max(0, win.count - 1))
    .attr('step', 1)
    .attr('value', 0)
    .style('width', `${SW}px`)
    .attr('aria-label', 'counter window')
    .on('input', function () {
      stop();
      state.set({ window: Number((this as HTMLInputElement).value) });
    });
  const windowLabel = timeBox.append('div').attr('class', 'window-label');

  // Sparkline: total GB/s over the shown NoC's links, and over the DRAM banks, per window.
  const sx = scaleLinear().domain([0, win.count]).range([0, SW]);
  const totals = new Map<NocChoice, Float64Array>();
  const total = (noc: NocChoice) => {
    let t = totals.get(noc);
    if (!t) {
      totals.set(noc, (t = new Float64Array(win.count)));
      for (const l of links) if (noc === 'both' || l.noc === noc) l.series.forEach((v, i) => (t![i] += v));
    }
    return t;
  };
  const dramTotal = new Float64Array(win.count);
  for (const s of bankSeries.values()) s.forEach((v, i) => (dramTotal[i] += v));
  const sparkArea = spark.append('path').attr('class', 'spark-noc');
  const sparkLine = spark.append('path').attr('class', 'spark-dram');
  const sparkMark = spark.append('rect').attr('class', 'spark-mark').attr('y', 0).attr('height', SH);
  spark.append('text').attr('class', 'spark-label').attr('x', 4).attr('y', 11).text('NoC link traffic (sum, GB/s)');
  spark.append('text').attr('class', 'spark-label dram').attr('x', SW - 4).attr('y', 11).attr('text-anchor', 'end').text('DRAM banks (sum)');
  spark.on('click', (event: MouseEvent) => {
    const [px] = pointer(event);
    stop();
    state.set({ window: Math.max(0, Math.min(win.count - 1, Math.floor(sx.invert(px)))) });
  });
  const drawSpark = (noc: NocChoice) => {
    const t = total(noc);
    const sy = scaleLinear().domain([0, Math.max(1e-9, max(t) ?? 0, max(dramTotal) ?? 0)]).range([SH - 1, 14]);
    const pts = Array.from(t, (v, i) => [i, v] as [number, number]);
    const steps = pts.flatMap(([i, v]) => [[i, v], [i + 1, v]] as [number, number][]);
    sparkArea.attr('d', area<[number, number]>().x(([i]) => sx(i)).y0(SH - 1).y1(([, v]) => sy(v))(steps) ?? '');
    const dsteps = Array.from(dramTotal, (v, i) => [[i, v], [i + 1, v]] as [number, number][]).flat();
    sparkLine.attr('d', line<[number, number]>().x(([i]) => sx(i)).y(([, v]) => sy(v))(dsteps) ?? '');
  };

  // The mesh itself.
  const svgW = M + (W - 1) * P + T + END;
  const svgH = M + (H - 1) * P + T + END;
  const svg = left.append('svg').attr('class', 'mesh').attr('viewBox', `0 0 ${svgW} ${svgH}`).attr('width', svgW).attr('height', svgH);
  const defs = svg.append('defs');
  defs
    .append('pattern')
    .attr('id', 'hatch')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('patternTransform', 'rotate(45)')
    .append('line')
    .attr('x1', 0)
    .attr('y1', 0)
    .attr('x2', 0)
    .attr('y2', 6)
    .attr('stroke', '#b9bec7')
    .attr('stroke-width', 2);
  const axes = svg.append('g').attr('class', 'axis-labels');
  axes.selectAll('text.ax').data([...Array(W).keys()]).join('text').attr('class', 'ax').attr('x', (x) => M + x * P + T / 2).attr('y', 12).attr('text-anchor', 'middle').text((x) => x);
  axes.selectAll('text.ay').data([...Array(H).keys()]).join('text').attr('class', 'ay').attr('x', 12).attr('y', (y) => M + y * P + T / 2 + 4).attr('text-anchor', 'middle').text((y) => y);

  const tiles = svg
    .append('g')
    .attr('class', 'tiles')
    .selectAll<SVGGElement, MeshTile>('g.tile')
    .data(d.tiles)
    .join('g')
    .attr('class', (t) => `tile ${t.kind}`)
    .attr('transform', (t) => `translate(${M + t.x * P},${M + t.y * P})`);
  tiles
    .append('rect')
    .attr('class', 'tile-box')
    .attr('width', T)
    .attr('height', T)
    .attr('rx', 5)
    .attr('fill', (t) => (t.kind === 'harvested' ? 'url(#hatch)' : TILE_STYLE[t.kind].fill))
    .attr('stroke', (t) => TILE_STYLE[t.kind].stroke)
    .attr('stroke-dasharray', (t) => (t.kind === 'router' || t.kind === 'empty' ? '3 2' : null));
  tiles
    .append('text')
    .attr('class', 'tile-kind')
    .attr('x', T / 2)
    .attr('y', (t) => (t.kind === 'active' || t.kind === 'dram' ? 14 : T / 2 + 3))
    .attr('text-anchor', 'middle')
    .text((t) => TILE_STYLE[t.kind].label);
  tiles
    .filter((t) => t.kind === 'active' || t.kind === 'dram')
    .append('text')
    .attr('class', 'tile-main')
    .attr('x', T / 2)
    .attr('y', 29)
    .attr('text-anchor', 'middle')
    .text((t) => (t.kind === 'active' ? `${t.logical?.x},${t.logical?.y}` : `b${(t.banks ?? []).join('·')}`));
  const barTiles = tiles.filter((t) => t.kind === 'active' || t.kind === 'dram');
  barTiles.append('rect').attr('class', 'tile-bar-bg').attr('x', 5).attr('y', T - 9).attr('width', T - 10).attr('height', 4).attr('rx', 1);
  const bars = barTiles.append('rect').attr('class', (t) => `tile-bar ${t.kind}`).attr('x', 5).attr('y', T - 9).attr('height', 4).attr('rx', 1);
  tiles
    .on('mouseover', (event: MouseEvent, t) => tip.show(event, tileTip(t, state.get())))
    .on('mousemove', (event: MouseEvent) => tip.move(event))
    .on('mouseout', () => tip.hide())
    .on('click', (_e, t) => {
      if (t.core) onCoreClick(t.core);
    })
    .classed('clickable', (t) => Boolean(t.core));

  // Multicast trees, each as its own stroke over the links it uses, as thick as its traffic.
  const treePaths = svg
    .append('g')
    .attr('class', 'mcast-trees')
    .selectAll<SVGPathElement, (typeof trees)[number]>('path.mcast-tree')
    .data(trees)
    .join('path')
    .attr('class', (t) => `mcast-tree noc${t.noc}`)
    .attr('d', (t) => t.path)
    .on('mouseover', (event: MouseEvent, t) => tip.show(event, tipHtml(t.name, [['links', String(t.links.length)], ...(state.get().window === null ? [] : [['bandwidth', gbps(t.series[state.get().window!])] as [string, string]])])))
    .on('mousemove', (event: MouseEvent) => tip.move(event))
    .on('mouseout', () => tip.hide());
  const treePeak = Math.max(1e-9, ...trees.map((t) => max(t.series) ?? 0));

  const linkPaths = svg
    .append('g')
    .attr('class', 'links')
    .selectAll<SVGPathElement, LinkDatum>('path.link')
    .data(links)
    .join('path')
    .attr('class', (l) => `link noc${l.noc}`)
    .attr('d', (l) => l.path)
    .on('mouseover', (event: MouseEvent, l) => {
      select(event.currentTarget as SVGPathElement).classed('hover', true).raise();
      tip.show(event, linkTip(l, state.get()));
    })
    .on('mousemove', (event: MouseEvent) => tip.move(event))
    .on('mouseout', (event: MouseEvent) => {
      select(event.currentTarget as SVGPathElement).classed('hover', false);
      tip.hide();
    });

  function windowRange(w: number): string {
    const c0 = (w + win.first) * win.cycles;
    return `cycles ${int(c0)}–${int(Math.min(d.run.endCycle, c0 + win.cycles))}`;
  }

  function linkTip(l: LinkDatum, v: View): string {
    const rows: [string, string][] = [['direction', l.dir]];
    if (v.window === null) {
      rows.push(
        ['whole run', `${int(d.run.cycles)} cycles`],
        ['busy', `${pct(l.busyCycles / cycles)} (${int(l.busyCycles)} cycles)`],
        ['mean bandwidth', gbps((l.bytes / cycles) * (clockHz / 1e9))],
        ['bytes', `${int(l.bytes)} (${bytes(l.bytes)})`],
        ['packets', int(l.packets)],
      );
    } else {
      const g = l.series[v.window];
      rows.push(['window', windowRange(v.window)], ['bandwidth', `${gbps(g)} (${pct(g / linkPeak)} of ${gbps(linkPeak)})`], ['bytes', `${int(Math.round(bytesPerWindow(g)))} (${bytes(bytesPerWindow(g))})`]);
    }
    return tipHtml(l.name, rows);
  }

  function tileTip(t: MeshTile, v: View): string {
    const rows: [string, string][] = [['NoC0 coordinates', `(${t.x},${t.y})`]];
    if (t.core) {
      rows.push(['core', t.core.replace(/ \[.*$/, '')]);
      const u = tileBar(t, v);
      if (u !== undefined) rows.push([v.window === null ? 'FPU busy, whole run' : `FPU busy, ${windowRange(v.window)}`, pct(u)]);
      const harts = d.run.harts.filter((h) => h.name.startsWith(`${t.core} `));
      for (const h of harts) rows.push([h.name.slice(t.core.length + 1), `${int(h.instructions)} instr, ends at ${int(h.endCycle)}`]);
      rows.push(['', 'click: show its timeline']);
    }
    for (const b of t.banks ?? []) {
      if (v.window === null) {
        const s = bankByIndex.get(b);
        if (s) rows.push([`bank ${b}`, `${pct(s.busyCycles / cycles)} busy, read ${bytes(s.bytesRead)}, wrote ${bytes(s.bytesWritten)}`]);
      } else {
        const g = bankSeries.get(b)?.[v.window] ?? 0;
        rows.push([`bank ${b}`, `${gbps(g)} (${pct(g / bankPeak)} of ${gbps(bankPeak)})`]);
      }
    }
    return tipHtml(TILE_STYLE[t.kind].name, rows);
  }

  // The legend and colour scale.
  side.append('h3').text('Tiles');
  const legend = side.append('ul').attr('class', 'legend');
  const present = new Set(d.tiles.map((t) => t.kind));
  for (const kind of Object.keys(TILE_STYLE) as TileKind[]) {
    if (!present.has(kind) || kind === 'empty') continue;
    const li = legend.append('li');
    const sw = li.append('svg').attr('width', 18).attr('height', 18);
    sw.append('rect').attr('x', 1).attr('y', 1).attr('width', 16).attr('height', 16).attr('rx', 3)
      .attr('fill', kind === 'harvested' ? 'url(#hatch)' : TILE_STYLE[kind].fill)
      .attr('stroke', TILE_STYLE[kind].stroke)
      .attr('stroke-dasharray', kind === 'router' ? '3 2' : null);
    li.append('span').text(TILE_STYLE[kind].name + (kind === 'active' ? ' (label: column,row)' : kind === 'dram' ? ' (label: its banks)' : ''));
  }
  const barLegend = legend.append('li');
  const bsw = barLegend.append('svg').attr('width', 18).attr('height', 18);
  bsw.append('rect').attr('x', 1).attr('y', 7).attr('width', 16).attr('height', 4).attr('class', 'tile-bar-bg');
  bsw.append('rect').attr('x', 1).attr('y', 7).attr('width', 10).attr('height', 4).attr('class', 'tile-bar active');
  barLegend.append('span').text('bar: FPU busy (cores), bank busy (DRAM)');

  side.append('h3').text('Links: utilisation');
  const LW = 220;
  const scale = side.append('svg').attr('class', 'heat-scale').attr('width', LW + 60).attr('height', 44);
  const grad = scale.append('defs').append('linearGradient').attr('id', 'heat-gradient');
  for (let i = 0; i <= 10; i++) grad.append('stop').attr('offset', `${i * 10}%`).attr('stop-color', heat(Math.max(1e-6, i / 10)));
  scale.append('rect').attr('x', 1).attr('y', 4).attr('width', 20).attr('height', 12).attr('fill', IDLE).attr('rx', 2);
  scale.append('text').attr('x', 11).attr('y', 32).attr('text-anchor', 'middle').text('idle');
  scale.append('rect').attr('x', 44).attr('y', 4).attr('width', LW).attr('height', 12).attr('fill', 'url(#heat-gradient)').attr('rx', 2);
  const ticks = scale
    .selectAll('text.tick')
    .data([0, 0.25, 0.5, 0.75, 1])
    .join('text')
    .attr('class', 'tick')
    .attr('x', (u) => 44 + u * LW)
    .attr('y', 32)
    .attr('text-anchor', 'middle');
  const note = side.append('p').attr('class', 'note');
  side
    .append('p')
    .attr('class', 'note')
    .text(
      `Arrows between tiles are links: NoC0 flows east and south (upper and left lane), NoC1 west and north (lower and right lane). ` +
        `Arrows at the edges are the torus wrap-around links. Hover a link or tile for numbers.`,
    );

  function update(v: View): void {
    nocButtons.classed('on', ([c]) => c === v.noc).attr('aria-pressed', ([c]) => String(c === v.noc));
    wholeButton.classed('on', v.window === null).attr('aria-pressed', String(v.window === null));
    const t = top(v);
    linkPaths.attr('display', (l) => (v.noc === 'both' || v.noc === l.noc ? null : 'none')).attr('fill', (l) => heat(linkValue(l, v) / t));
    ticks.text((u) => `${+(u * t * 100).toPrecision(2)}%`);
    bars.attr('width', (t) => (T - 10) * Math.min(1, tileBar(t, v) ?? 0));
    // Cores coloured by how busy their FPU was (in the window, or over the run).
    tiles.filter((t) => t.kind === 'active').select('rect.tile-box').attr('fill', (t) => {
      const u = tileBar(t, v);
      return u === undefined ? TILE_STYLE.active.fill : coreHeat(u);
    });
    treePaths
      .attr('display', (tr) => (v.noc === 'both' || v.noc === tr.noc ? null : 'none'))
      .attr('stroke-width', (tr) => (v.window === null ? 2.5 : 1 + (5 * tr.series[v.window]) / treePeak))
      .attr('stroke-opacity', (tr) => (v.window === null || tr.series[v.window] > 0 ? 0.85 : 0.08));
    if (v.window === null) {
      windowLabel.text(`whole run: ${int(d.run.cycles)} cycles; link colour = busy cycles / run cycles`);
      sparkMark.attr('display', 'none');
    } else {
      (slider.node() as HTMLInputElement).value = String(v.window);
      windowLabel.text(`window ${v.window + 1} of ${win.count}: ${windowRange(v.window)}; link colour = GB/s / ${gbps(linkPeak)} peak`);
      sparkMark.attr('display', null).attr('x', sx(v.window)).attr('width', Math.max(1, sx(1) - sx(0)));
    }
    note.text(
      (v.window === null ? 'Whole run: the share of the run each link was reserved' : `Window of ${int(win.cycles)} cycles: bandwidth against the link peak`) +
        (stretch ? `; colours stretched to the busiest link (${pct(t)}).` : '.'),
    );
    drawSpark(v.noc);
  }

  let timer: ReturnType<typeof setInterval> | undefined;
  function play(): void {
    if (win.count <= 1) return;
    const v = state.get();
    if (v.window === null || v.window >= win.count - 1) state.set({ window: 0 });
    playButton.text('❚❚ pause').classed('on', true);
    timer = setInterval(() => {
      const w = Math.min(win.count - 1, (state.get().window ?? -1) + 1);
      if (w >= win.count - 1) stop(); // the last window stays on show
      state.set({ window: w });
    }, 300 / speed);
  }
  function stop(): void {
    if (timer) clearInterval(timer);
    timer = undefined;
    playButton.text('▶ play').classed('on', false);
  }

  state.on(update);
  update(state.get());
  return side.node() as HTMLElement;
}
