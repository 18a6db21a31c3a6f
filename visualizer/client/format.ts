// Number formatting and the shared hover tooltip.
import { format } from 'd3';

export const int = format(',');
export const pct = (u: number) => `${(100 * u).toFixed(u > 0 && u < 0.001 ? 2 : 1)}%`;
export const gbps = (v: number) => `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} GB/s`;
export const cyclesShort = format('~s');

export function bytes(n: number): string {
  if (n < 1024) return `${n.toFixed(0)} B`;
  if (n < 1 << 20) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1 << 20)).toFixed(2)} MiB`;
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// A tooltip that follows the pointer. Content is trusted HTML built with esc().
export class Tooltip {
  private readonly el: HTMLDivElement;

  constructor() {
    this.el = document.createElement('div');
    this.el.className = 'tooltip';
    this.el.setAttribute('role', 'tooltip');
    document.body.append(this.el);
  }

  show(event: MouseEvent, html: string): void {
    this.el.innerHTML = html;
    this.el.style.display = 'block';
    this.move(event);
  }

  move(event: MouseEvent): void {
    const pad = 14;
    const { offsetWidth: w, offsetHeight: h } = this.el;
    let left = event.clientX + pad;
    let top = event.clientY + pad;
    if (left + w > window.innerWidth - 4) left = event.clientX - w - pad;
    if (top + h > window.innerHeight - 4) top = event.clientY - h - pad;
    this.el.style.left = `${Math.max(4, left)}px`;
    this.el.style.top = `${Math.max(4, top)}px`;
  }

  hide(): void {
    this.el.style.display = 'none';
  }
}

// Tooltip content: a bold title and label/value rows.
export function tipHtml(title: string, rows: [string, string][]): string {
  return `<div class="tt-title">${esc(title)}</div>${rows.map(([k, v]) => `<div class="tt-row"><span>${esc(k)}</span><b>${esc(v)}</b></div>`).join('')}`;
}
