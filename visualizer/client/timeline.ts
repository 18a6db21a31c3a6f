// Timelines: a row per hart and tile-engine stage, grouped by core, spans as bars on a shared cycle
// axis; d3.zoom zooms and pans the time axis. Spans narrower than a pixel are merged on screen.
import { axisTop, interpolateBlues, scaleLinear, select, zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3';
import { expand, spanClass, type ReportData, type SpanClass, type Track } from './data.ts';
import { cyclesShort, int, tipHtml, type Tooltip } from './format.ts';
import type { View, ViewState } from './state.ts';

const ROW = 12; // bar height
const PITCH = 15; // row pitch
const GROUP_GAP = 7;
const AXIS_H = 26;
const LABEL_W = 200;
const PAGE_TRACKS = 48; // tracks shown at once; more than this and the cores are paged
const LABEL_MIN_PX = 54; // a bar this wide shows its span's name
const STRIP_ROW = 3; // overview strip: pixels per core

// Each wait kind its own colour, so a timeline says what a hart waits for.
export const SPAN_STYLE: Record<SpanClass, { fill: string; name: string }> = {
  kernel: { fill: '#b9d2f5', name: 'kernel running (hart)' },
  cb_wait_front: { fill: '#f08c2e', name: 'cb_wait_front (waits for data)' },
  cb_reserve_back: { fill: '#e8c23a', name: 'cb_reserve_back (waits for space)' },
  read_barrier: { fill: '#d9534f', name: 'noc_async_read_barrier' },
  write_barrier: { fill: '#c2417e', name: 'noc_async_write_barrier' },
  semaphore: { fill: '#8a6d3b', name: 'noc_semaphore_wait' },
  zone: { fill: '#57b86a', name: 'profiler zone (DeviceZoneScopedN)' },
  unpack: { fill: '#3bb3a3', name: 'unpack' },
  math: { fill: '#5b5fd6', name: 'math (FPU)' },
  pack: { fill: '#b163d0', name: 'pack' },
  noc: { fill: '#7f8fa6', name: 'NoC data arriving' },
  other: { fill: '#98a4b6', name: 'other' },
};

interface Layer {
  cls: SpanClass;
  start: Float64Array;
  end: Float64Array;
  name: Int32Array;
  busy: Float64Array;
}

interface Row {
  track: Track;
  y: number;
  layers: Layer[]; // drawn in order: kernels under their waits
}

interface Bar {
  row: Row;
  cls: SpanClass;
  start: number;
  end: number;
  count: number;
  covered: number; // cycles inside spans (less than end - start when spans were merged)
  name: number;
}

const SPAN = 4; // numbers per span in Track.spans

// Splits a track's spans by class; each class's spans are sorted and do not overlap.
function layers(track: Track, names: string[]): Layer[] {
  const by = new Map<SpanClass, number[]>();
  for (let i = 0; i < track.spans.length; i += SPAN) {
    const cls = spanClass(track.kind, names[track.spans[i + 2]].replace(/ ×\d+$/, ''));
    let list = by.get(cls);
    if (!list) by.set(cls, (list = []));
    list.push(i);
  }
  // Kernels underneath, then zones, then what happens inside them.
  const order: SpanClass[] = ['kernel', 'zone', 'unpack', 'math', 'pack', 'noc', 'other', 'cb_wait_front', 'cb_reserve_back', 'read_barrier', 'write_barrier', 'semaphore'];
  return order.filter((c) => by.has(c)).map((cls) => {
    const idx = by.get(cls)!.sort((a, b) => track.spans[a] - track.spans[b]);
    return {
      cls,
      start: Float64Array.from(idx, (i) => track.spans[i]),
      end: Float64Array.from(idx, (i) => track.spans[i + 1]),
      name: Int32Array.from(idx, (i) => track.spans[i + 2]),
      busy: Float64Array.from(idx, (i) => track.spans[i + 3]),
    };
  });
}

const OPS_H = 16; // the op band above the tracks

function fit(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, Math.floor(chars) - 1))}…`;
}

// The overview strip: every core's FPU busy fraction per counter window; a click pages to the core.
function renderOverview(section: ReturnType<typeof select<HTMLElement, unknown>>, d: ReportData, onCore: (core: string) => void): void {
  const cores = d.tiles.filter((t) => t.kind === 'active' && t.core).sort((a, b) => a.logical!.y - b.logical!.y || a.logical!.x - b.logical!.x);
  const series = new Map(d.windows.cores.map((s) => [s.core, expand(s, d.windows.count)]));
  if (cores.length === 0 || series.size === 0) return;
  const box = section.append('div').attr('class', 'overview');
  box.append('div').attr('class', 'overview-title').text(`All ${cores.length} cores: FPU busy per window (${int(d.windows.cycles)} cycles each), a row per core by row and column`);
  const W = Math.max(400, Math.min(1100, d.windows.count * 5));
  const cell = W / d.windows.count;
  const svg = box.append('svg').attr('class', 'overview-strip').attr('width', W).attr('height', cores.length * STRIP_ROW).attr('viewBox', `0 0 ${W} ${cores.length * STRIP_ROW}`);
  const cells: { core: string; row: number; w: number; v: number }[] = [];
  cores.forEach((t, row) => series.get(t.core!)?.forEach((v, w) => v > 0 && cells.push({ core: t.core!, row, w, v })));
  svg.selectAll('rect').data(cells).join('rect').attr('x', (c) => c.w * cell).attr('y', (c) => c.row * STRIP_ROW).attr('width', Math.max(1, cell)).attr('height', STRIP_ROW)
    .attr('fill', (c) => busyColor(c.v)).on('click', (_e, c) => onCore(c.core));
}

export function busyColor(u: number): string {
  return interpolateBlues(0.15 + 0.85 * Math.min(1, u));
}

function shortGroup(group: string): string {
  return group.replace(/ \[.*$/, '');
}

export interface TimelineView {
  showCore(core: string): void;
}

export function renderTimeline(root: HTMLElement, d: ReportData, state: ViewState, tip: Tooltip): TimelineView {
  const { tracks, names } = d.timeline;
  const t0 = d.run.startCycle;
  const t1 = Math.max(d.run.endCycle, t0 + 1);
  const section = select(root).append('section').attr('class', 'panel timeline-panel');
  section.append('h2').text('Timelines');

  // Pages of whole cores, at most PAGE_TRACKS tracks each.
  const groups: { name: string; tracks: Track[] }[] = [];
  for (const t of tracks) {
    const last = groups[groups.length - 1];
    if (last && last.name === t.group) last.tracks.push(t);
    else groups.push({ name: t.group, tracks: [t] });
  }
  const pages: (typeof groups)[] = [];
  for (const g of groups) {
    const page = pages[pages.length - 1];
    if (page && page.reduce((n, p) => n + p.tracks.length, 0) + g.tracks.length <= PAGE_TRACKS) page.push(g);
    else pages.push([g]);
  }
  let pageIndex = 0;

  const bar = section.append('div').attr('class', 'timeline-bar');
  const legend = bar.append('ul').attr('class', 'legend inline');
  const present = new Set(tracks.flatMap((t) => layers(t, names).map((l) => l.cls)));
  for (const cls of Object.keys(SPAN_STYLE) as SpanClass[]) {
    if (!present.has(cls)) continue;
    const li = legend.append('li');
    li.append('span').attr('class', 'swatch').style('background', SPAN_STYLE[cls].fill);
    li.append('span').text(SPAN_STYLE[cls].name);
  }
  bar.append('span').attr('class', 'note help').text('Scroll over the bars to zoom, drag to pan; hover a bar for its span.');
  const tools = section.append('div').attr('class', 'timeline-tools');
  if (pages.length > 1) {
    tools
      .append('span')
      .attr('class', 'note cap-note')
      .text(`${tracks.length} tracks on ${groups.length} cores: showing ${pages[0].length} cores (at most ${PAGE_TRACKS} tracks) at a time; choose which, or click a core on the mesh:`);
    tools
      .append('select')
      .attr('class', 'page-select')
      .attr('aria-label', 'cores shown')
      .on('change', function () {
        setPage(Number((this as HTMLSelectElement).value));
      })
      .selectAll('option')
      .data(pages)
      .join('option')
      .attr('value', (_p, i) => i)
      .text((p, i) => `${i + 1}/${pages.length}: ${shortGroup(p[0].name)} … ${shortGroup(p[p.length - 1].name)}`);
  }
  tools.append('button').attr('type', 'button').attr('class', 'reset-zoom').text('reset zoom').on('click', () => plot.call(zoomer.transform, zoomIdentity));
  if (d.timeline.aggregatedWindow > 0) {
    tools.append('span').attr('class', 'note warn').text(`The trace merged short spans into one bar per track per ${int(d.timeline.aggregatedWindow)} cycles (past --trace-max-spans); bars are as opaque as they are busy.`);
  } else if (d.timeline.merged > 0) {
    tools.append('span').attr('class', 'note').text(`Spans closer than ${int(d.timeline.merged)} cycles are merged into one bar here (trace.json in Perfetto has each).`);
  }

  // All cores at a glance: a row per core, a cell per window, coloured by how busy its FPU was.
  renderOverview(section, d, (core) => {
    const i = pages.findIndex((p) => p.some((g) => g.name === core));
    if (i >= 0 && i !== pageIndex) setPage(i);
  });

  const body = section.append('div').attr('class', 'timeline');
  const labels = body.append('svg').attr('class', 'timeline-labels').attr('width', LABEL_W);
  const plot = body.append('svg').attr('class', 'timeline-plot');
  const clipId = 'timeline-clip';
  const clipRect = plot.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const axisG = plot.append('g').attr('class', 'time-axis').attr('transform', `translate(0,${AXIS_H - 4})`);
  const stripes = plot.append('g').attr('class', 'stripes');
  const content = plot.append('g').attr('clip-path', `url(#${clipId})`);
  const opsG = content.append('g').attr('class', 'op-band');
  const band = content.append('rect').attr('class', 'window-band');
  const barsG = content.append('g').attr('class', 'bars');
  const labelsG = content.append('g').attr('class', 'bar-labels');

  let width = 800;
  let height = 100;
  let rows: Row[] = [];
  const x = scaleLinear().domain([t0, t1]);
  let xz = x.copy();
  let transform: ZoomTransform = zoomIdentity;
  const zoomer: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>().on('zoom', (event: { transform: ZoomTransform }) => {
    transform = event.transform;
    xz = transform.rescaleX(x);
    schedule();
  });
  plot.call(zoomer);

  function layout(): void {
    const page = pages[pageIndex] ?? [];
    rows = [];
    let y = AXIS_H + 4 + (d.ops.length ? OPS_H : 0);
    for (const g of page) {
      for (const t of g.tracks) {
        rows.push({ track: t, y, layers: layers(t, names) });
        y += PITCH;
      }
      y += GROUP_GAP;
    }
    height = y;
    const box = (body.node() as HTMLElement).clientWidth;
    width = Math.max(300, box - LABEL_W - 2);
    x.range([10, width - 18]); // room for the first and last tick labels
    xz = transform.rescaleX(x);
    labels.attr('height', height);
    plot.attr('width', width).attr('height', height);
    clipRect.attr('x', 0).attr('y', AXIS_H - 4).attr('width', width).attr('height', height);
    zoomer
      .extent([[0, 0], [width, height]])
      .translateExtent([[0, 0], [width, height]])
      .scaleExtent([1, Math.max(1, (t1 - t0) / 20)]);

    // Group stripes and labels.
    const groupsShown = page.map((g) => {
      const first = rows.find((r) => r.track === g.tracks[0])!;
      return { g, y: first.y, h: g.tracks.length * PITCH };
    });
    stripes
      .selectAll('rect')
      .data(groupsShown)
      .join('rect')
      .attr('x', 0)
      .attr('width', width)
      .attr('y', (s) => s.y - 2)
      .attr('height', (s) => s.h + 1)
      .attr('class', (_s, i) => (i % 2 ? 'stripe odd' : 'stripe'));
    labels.selectAll('*').remove();
    labels.append('text').attr('class', 'axis-unit').attr('x', LABEL_W - 8).attr('y', AXIS_H - 8).attr('text-anchor', 'end').text('cycles');
    labels
      .selectAll('rect.stripe')
      .data(groupsShown)
      .join('rect')
      .attr('x', 0)
      .attr('width', LABEL_W)
      .attr('y', (s) => s.y - 2)
      .attr('height', (s) => s.h + 1)
      .attr('class', (_s, i) => (i % 2 ? 'stripe odd' : 'stripe'));
    const gl = labels.selectAll('g.group-label').data(groupsShown).join('g').attr('class', 'group-label').attr('data-group', (s) => s.g.name);
    gl.append('text').attr('class', 'group-name').attr('x', 6).attr('y', (s) => s.y + ROW - 2).text((s) => shortGroup(s.g.name));
    gl.append('text').attr('class', 'group-sub').attr('x', 6).attr('y', (s) => s.y + PITCH + ROW - 2).text((s) => /\[(.*)\]/.exec(s.g.name)?.[1] ?? '');
    labels
      .selectAll('text.track-label')
      .data(rows)
      .join('text')
      .attr('class', 'track-label')
      .attr('x', LABEL_W - 8)
      .attr('y', (r) => r.y + ROW - 2)
      .attr('text-anchor', 'end')
      .text((r) => r.track.kind);
    drawBand(state.get());
    draw();
  }

  // The bars in view, with runs of sub-pixel spans merged.
  function visibleBars(): Bar[] {
    const [d0, d1] = xz.domain();
    const perPixel = (d1 - d0) / width;
    const out: Bar[] = [];
    for (const row of rows) {
      for (const l of row.layers) {
        // first span ending at or after d0 (ends are sorted since spans do not overlap)
        let lo = 0;
        let hi = l.end.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (l.end[mid] < d0) lo = mid + 1;
          else hi = mid;
        }
        let cur: Bar | undefined;
        for (let i = lo; i < l.start.length && l.start[i] <= d1; i++) {
          const s = l.start[i];
          const e = l.end[i];
          if (cur && s - cur.end < perPixel * 0.75) {
            cur.end = Math.max(cur.end, e);
            cur.count++;
            cur.covered += l.busy[i];
          } else {
            if (cur) out.push(cur);
            cur = { row, cls: l.cls, start: s, end: e, count: 1, covered: l.busy[i], name: l.name[i] };
          }
        }
        if (cur) out.push(cur);
      }
    }
    return out;
  }

  function draw(): void {
    axisG.call(axisTop(xz).ticks(Math.max(2, Math.floor(width / 90))).tickFormat((v) => cyclesShort(v as number)).tickSizeInner(-(height - AXIS_H)));
    const bars = visibleBars();
    opsG
      .selectAll<SVGGElement, (typeof d.ops)[number]>('g.op')
      .data(d.ops)
      .join((enter) => {
        const g = enter.append('g').attr('class', 'op');
        g.append('rect').attr('y', AXIS_H).attr('height', height - AXIS_H);
        g.append('text').attr('y', AXIS_H + OPS_H - 5);
        return g;
      })
      .call((g) => {
        g.select('rect').attr('x', (o) => xz(o.startCycle)).attr('width', (o) => Math.max(1, xz(o.endCycle) - xz(o.startCycle))).attr('class', (_o, i) => (i % 2 ? 'op-rect odd' : 'op-rect'));
        g.select('text').attr('x', (o) => Math.max(2, xz(o.startCycle) + 3)).text((o) => `${o.name} · ${o.strategy}`);
      });
    // Names on bars wide enough to hold them (zoom in to see more).
    labelsG
      .selectAll<SVGTextElement, Bar>('text.bar-name')
      .data(bars.filter((b) => b.count === 1 && xz(b.end) - xz(b.start) >= LABEL_MIN_PX))
      .join('text')
      .attr('class', 'bar-name')
      .attr('x', (b) => Math.max(0, xz(b.start)) + 2)
      .attr('y', (b) => b.row.y + ROW - 3)
      .text((b) => fit(names[b.name], (Math.min(width, xz(b.end)) - Math.max(0, xz(b.start)) - 4) / 6));
    barsG
      .selectAll<SVGRectElement, Bar>('rect.bar')
      .data(bars)
      .join('rect')
      .attr('class', (b) => `bar ${b.cls}`)
      .attr('x', (b) => xz(b.start))
      .attr('y', (b) => b.row.y)
      .attr('width', (b) => Math.max(0.8, xz(b.end) - xz(b.start)))
      .attr('height', ROW)
      .attr('fill', (b) => SPAN_STYLE[b.cls].fill)
      // merged runs of spans are as opaque as they are full
      .attr('fill-opacity', (b) => (b.covered < b.end - b.start ? Math.max(0.3, Math.min(1, b.covered / Math.max(1e-9, b.end - b.start))) : null));
    drawBand(state.get());
  }

  let pending = false;
  function schedule(): void {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      draw();
    });
  }

  function drawBand(v: View): void {
    if (v.window === null) {
      band.attr('display', 'none');
      return;
    }
    const c0 = (v.window + d.windows.first) * d.windows.cycles;
    const c1 = Math.min(c0 + d.windows.cycles, t1);
    band.attr('display', null).attr('x', xz(c0)).attr('width', Math.max(1, xz(c1) - xz(c0))).attr('y', AXIS_H - 4).attr('height', height);
  }

  const us = (c: number) => (c / d.arch.clockHz) * 1e6;
  barsG
    .on('mouseover', (event: MouseEvent) => {
      const b = select<Element, Bar | undefined>(event.target as Element).datum();
      if (!b) return;
      const name = names[b.name];
      const title = b.count > 1 ? `${b.count} spans (zoom in to separate them), first: ${name}` : name;
      const rows: [string, string][] = [
        ['track', b.row.track.name],
        ['cycles', `${int(Math.round(b.start))} – ${int(Math.round(b.end))}`],
        ['duration', `${int(Math.round(b.end - b.start))} cycles (${us(b.end - b.start).toFixed(3)} µs)`],
      ];
      if (b.count > 1) rows.push(['inside spans', `${int(Math.round(b.covered))} cycles (${((100 * b.covered) / Math.max(1e-9, b.end - b.start)).toFixed(0)}%)`]);
      tip.show(event, tipHtml(title, rows));
    })
    .on('mousemove', (event: MouseEvent) => tip.move(event))
    .on('mouseout', () => tip.hide());

  function setPage(i: number): void {
    pageIndex = i;
    section.select<HTMLSelectElement>('select.page-select').property('value', String(i));
    layout();
  }

  state.on(drawBand);
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(layout, 100);
  });
  if (tracks.length === 0) body.append('p').attr('class', 'note').text('trace.json has no spans.');
  layout();

  return {
    showCore(core: string) {
      const i = pages.findIndex((p) => p.some((g) => g.name === core));
      if (i < 0) return;
      if (i !== pageIndex) setPage(i);
      const label = labels.selectAll<SVGGElement, unknown>('g.group-label').filter(function () {
        return this.getAttribute('data-group') === core;
      });
      labels.selectAll('g.group-label').classed('flash', false);
      label.classed('flash', true);
      (section.node() as HTMLElement).scrollIntoView({ behavior: 'smooth', block: 'start' });
    },
  };
}
