// What the views share: the counter window shown (or the whole run) and which NoC's links are drawn.
export type NocChoice = 'both' | 0 | 1;

export interface View {
  window: number | null; // index into the counter windows; null: the whole run
  noc: NocChoice;
}

export class ViewState {
  private view: View = { window: null, noc: 'both' };
  private readonly listeners: ((v: View) => void)[] = [];

  get(): View {
    return this.view;
  }

  set(change: Partial<View>): void {
    this.view = { ...this.view, ...change };
    for (const l of this.listeners) l(this.view);
  }

  on(listener: (v: View) => void): void {
    this.listeners.push(listener);
  }
}
