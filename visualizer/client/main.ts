// report.html's script: reads the embedded run data and draws the header, the mesh with its NoC
// heat map, the utilisation bars and the timelines.
import { DATA_ELEMENT_ID, type ReportData } from './data.ts';
import { Tooltip } from './format.ts';
import { renderHeader } from './header.ts';
import { renderMesh } from './mesh.ts';
import { ViewState } from './state.ts';
import { renderTimeline } from './timeline.ts';
import { renderUtilisation } from './utilisation.ts';

function main(): void {
  const app = document.getElementById('app')!;
  const text = document.getElementById(DATA_ELEMENT_ID)?.textContent;
  if (!text) throw new Error('report.html carries no run data');
  const data = JSON.parse(text) as ReportData;
  const tip = new Tooltip();
  const state = new ViewState();
  renderHeader(app, data);
  let timeline: ReturnType<typeof renderTimeline> | undefined;
  const side = renderMesh(app, data, state, tip, (core) => timeline?.showCore(core));
  renderUtilisation(side, data, tip);
  timeline = renderTimeline(app, data, state, tip);
  document.body.dataset.ready = 'true';
}

try {
  main();
} catch (e) {
  const box = document.createElement('pre');
  box.className = 'fatal';
  box.textContent = `meshsim report: could not draw the report: ${(e as Error).stack ?? e}`;
  document.body.prepend(box);
  throw e;
}
