// Per-resource utilisation over the whole run: the tile engines (mean over compute cores), the
// DRAM banks, and the ten busiest NoC links.
import { select, type Selection } from 'd3';
import { linkName, type ReportData } from './data.ts';
import { bytes, int, pct, tipHtml, type Tooltip } from './format.ts';
import { heat } from './mesh.ts';

interface Item {
  label: string;
  value: number; // 0..1
  detail: [string, string][];
}

const BAR_W = 190;

function bars(parent: Selection<HTMLElement, unknown, null, undefined>, title: string, items: Item[], tip: Tooltip): void {
  parent.append('h3').text(title);
  const list = parent.append('div').attr('class', 'util-list');
  const rows = list.selectAll('div.util-row').data(items).join('div').attr('class', 'util-row');
  rows.append('span').attr('class', 'util-label').text((i) => i.label).attr('title', (i) => i.label);
  const svg = rows.append('svg').attr('class', 'util-bar').attr('width', BAR_W).attr('height', 12);
  svg.append('rect').attr('class', 'util-bg').attr('width', BAR_W).attr('height', 12).attr('rx', 2);
  svg.append('rect').attr('class', 'util-fill').attr('width', (i) => Math.max(i.value > 0 ? 1 : 0, BAR_W * Math.min(1, i.value))).attr('height', 12).attr('rx', 2).attr('fill', (i) => heat(i.value));
  rows.append('span').attr('class', 'util-value').text((i) => pct(i.value));
  rows
    .on('mouseover', (event: MouseEvent, i) => tip.show(event, tipHtml(i.label, i.detail)))
    .on('mousemove', (event: MouseEvent) => tip.move(event))
    .on('mouseout', () => tip.hide());
}

export function renderUtilisation(root: HTMLElement, d: ReportData, tip: Tooltip): void {
  const s = d.workload.summary;
  const cycles = Math.max(1, d.run.cycles);
  const section = select(root).append('div').attr('class', 'util-panel');
  section.append('h2').text('Resource utilisation, whole run');
  const busy = (name: string, cyclesBusy: number): [string, string][] => [['busy', `${int(Math.round(cyclesBusy))} of ${int(d.run.cycles)} cycles`], ['what', name]];

  const engines = d.run.tileEngines.length;
  const col1 = section as unknown as Selection<HTMLElement, unknown, null, undefined>;
  bars(col1, `Tile engines (mean over ${engines} compute cores)`, [
    { label: 'FPU (math)', value: s.fpu.utilisation, detail: busy(s.fpu.name, s.fpu.utilisation * cycles) },
    { label: 'unpackers', value: s.unpack.utilisation, detail: busy(s.unpack.name, s.unpack.utilisation * cycles) },
    { label: 'packers', value: s.pack.utilisation, detail: busy(s.pack.name, s.pack.utilisation * cycles) },
  ], tip);

  const banks = [...d.run.dram].sort((a, b) => a.bank - b.bank);
  const busiest = banks.reduce((a, b) => (b.busyCycles > a.busyCycles ? b : a), banks[0]);
  const bankItem = (b: (typeof banks)[number], label: string): Item => ({
    label,
    value: b.busyCycles / cycles,
    detail: [['busy', `${int(b.busyCycles)} of ${int(d.run.cycles)} cycles`], ['read', `${int(b.bytesRead)} B (${bytes(b.bytesRead)})`], ['written', `${int(b.bytesWritten)} B (${bytes(b.bytesWritten)})`]],
  });
  if (busiest) {
    bars(col1, 'DRAM', [bankItem(busiest, `busiest: bank ${busiest.bank}`), ...banks.map((b) => bankItem(b, `bank ${b.bank}`))], tip);
  }

  const col2 = col1;
  const links = d.run.links
    .flatMap((ls, noc) => ls.map((l) => ({ l, noc })))
    .filter(({ l }) => l.busyCycles > 0)
    .sort((a, b) => b.l.busyCycles - a.l.busyCycles || a.noc - b.noc || a.l.id - b.l.id)
    .slice(0, 10);
  bars(
    col2,
    'NoC links, busiest 10',
    links.map(({ l, noc }) => ({
      label: linkName(noc, l),
      value: l.busyCycles / cycles,
      detail: [['busy', `${int(l.busyCycles)} of ${int(d.run.cycles)} cycles`], ['bytes', `${int(l.bytes)} (${bytes(l.bytes)})`], ['packets', int(l.packets)], ['direction', l.dir]],
    })),
    tip,
  );
  if (links.length === 0) col2.append('p').attr('class', 'note').text('No link carried any traffic.');
}
