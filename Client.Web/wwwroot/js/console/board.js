// What the console knows, as of the last snapshot plus the pushes since. The hub sends only changes:
// tickets (open=false removes), engineers (batched positions), alerts (new or changed), heat (changed
// cells; value 0 empties a cell) and KPIs. Listeners hear which part changed.

export const heatLayers = ["demand", "risk", "response"];

export class Board extends EventTarget {
  constructor() {
    super();
    this.tickets = new Map();
    this.engineers = new Map();
    this.alerts = new Map();
    this.heat = Object.fromEntries(heatLayers.map(layer => [layer, new Map()]));
    this.kpis = null;
    this.snapshotAt = null;
    // Pushes that arrive while a snapshot is being read are held and replayed on top of it.
    this.holding = null;
  }

  emit(part, detail) {
    this.dispatchEvent(new CustomEvent(part, { detail }));
    this.dispatchEvent(new CustomEvent("change", { detail: { part } }));
  }

  /** Starts holding pushes (call before invoking Snapshot()); pushes held already stay held. */
  hold() {
    this.holding ??= [];
  }

  /** Replaces everything with a snapshot, then replays the pushes held meanwhile. */
  applySnapshot(snapshot) {
    const held = this.holding ?? [];
    this.holding = null;
    this.tickets = new Map((snapshot.tickets ?? []).filter(t => t.open !== false).map(t => [t.id, t]));
    this.engineers = new Map((snapshot.engineers ?? []).map(e => [e.id, e]));
    this.alerts = new Map((snapshot.alerts ?? []).map(a => [a.id, a]));
    this.heat = Object.fromEntries(heatLayers.map(layer => [layer, new Map()]));
    for (const cell of snapshot.heat ?? []) this.#setCell(cell);
    this.kpis = snapshot.kpis ?? null;
    this.snapshotAt = new Date();
    for (const part of ["tickets", "engineers", "alerts", "heat", "kpis"]) this.emit(part, { snapshot: true });
    for (const [kind, payload] of held) this.push(kind, payload);
  }

  /** Abandons holding (the snapshot failed): held pushes are applied as they are. */
  release() {
    const held = this.holding ?? [];
    this.holding = null;
    for (const [kind, payload] of held) this.push(kind, payload);
  }

  /** Applies one push from the hub: kind is tickets, engineers, alerts, heat or kpis. */
  push(kind, payload) {
    if (this.holding) {
      this.holding.push([kind, payload]);
      return;
    }
    switch (kind) {
      case "tickets": return this.#tickets(payload);
      case "engineers": return this.#engineers(payload);
      case "alerts": return this.#alerts(payload);
      case "heat": return this.#heatCells(payload);
      case "kpis":
        this.kpis = payload;
        return this.emit("kpis", {});
    }
  }

  #tickets(markers) {
    const changed = [];
    for (const marker of markers ?? []) {
      const known = this.tickets.get(marker.id);
      // A push older than what is shown (e.g. replayed after a newer snapshot) changes nothing.
      if (known && marker.changedAt && known.changedAt && Date.parse(marker.changedAt) < Date.parse(known.changedAt)) continue;
      if (marker.open === false) this.tickets.delete(marker.id);
      else this.tickets.set(marker.id, marker);
      changed.push(marker.id);
    }
    if (changed.length) this.emit("tickets", { ids: changed });
  }

  #engineers(markers) {
    const changed = [];
    for (const marker of markers ?? []) {
      const known = this.engineers.get(marker.id);
      if (known && marker.positionAt && known.positionAt && Date.parse(marker.positionAt) < Date.parse(known.positionAt)
          && marker.status === known.status && marker.jobs === known.jobs) continue;
      this.engineers.set(marker.id, marker);
      changed.push(marker.id);
    }
    if (changed.length) this.emit("engineers", { ids: changed });
  }

  #alerts(notes) {
    const fresh = [];
    for (const note of notes ?? []) {
      if (!this.alerts.has(note.id)) fresh.push(note.id);
      this.alerts.set(note.id, note);
    }
    if (notes?.length) this.emit("alerts", { ids: notes.map(n => n.id), fresh });
  }

  #setCell(cell) {
    const layer = this.heat[cell.layer] ?? (this.heat[cell.layer] = new Map());
    if (!cell.value) layer.delete(cell.cell);
    else layer.set(cell.cell, cell);
  }

  #heatCells(cells) {
    for (const cell of cells ?? []) this.#setCell(cell);
    if (cells?.length) this.emit("heat", { layers: [...new Set(cells.map(c => c.layer))] });
  }

  /** Regions seen in tickets and engineers (the filter lists them with the service regions). */
  regionsSeen() {
    const regions = new Set();
    for (const t of this.tickets.values()) if (t.region) regions.add(t.region);
    for (const e of this.engineers.values()) if (e.region) regions.add(e.region);
    return regions;
  }
}
