// Field actions leave through this outbox, connected or not. Each is stored on the phone (IndexedDB) with the
// time the engineer tapped, then sent in the order taken; without a connection it waits and goes when the
// connection returns. The server honours the phone's time within its device-time rule, so an arrival recorded
// in a basement counts when it happened. What the server answered stays visible until cleared.
const DB = "dispatch.field";
const STORE = "outbox";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "seq", autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function run(db, mode, work) {
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const result = work(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(result.result ?? result);
    tx.onerror = () => reject(tx.error);
  });
}

// No connection, or a server that said "not now" (busy, a silo or the database recovering): the action keeps its
// place and goes again with the next flush. Dropping it made an accept the ticket had recorded, while the engineer's
// side was lost with its silo, wait for the engineer to notice and tap again.
const TRANSIENT = new Set([0, 429, 502, 503, 504]);

function transient(error) {
  return TRANSIENT.has(error?.status);
}

export class Outbox {
  /**
   * @param {string} engineerId whose actions these are (a shared phone keeps each engineer's apart)
   * @param {(item, save) => Promise<any>} send posts one action (its photos first; save() keeps what was uploaded);
   *   throws an ApiError (status 0 when there is no connection; 429 and 5xx gateway/unavailable are tried again)
   * @param {() => void} onChange called whenever the list or an answer changes
   */
  constructor(engineerId, send, onChange) {
    this.engineerId = engineerId;
    this.send = send;
    this.onChange = onChange;
    this.items = [];
    this.flushing = null;
    this.db = open();
    addEventListener("online", () => this.flush());
    setInterval(() => this.flush(), 10_000);
  }

  async load() {
    const db = await this.db;
    const all = await run(db, "readonly", store => store.getAll());
    this.items = all.filter(i => i.engineerId === this.engineerId);
    this.onChange();
    return this.items;
  }

  /** Takes an action now (with the phone's time) and tries to send it. */
  async take(ticketId, action, body = {}, uploads = []) {
    const item = {
      engineerId: this.engineerId, ticketId, action, body: { at: new Date().toISOString(), ...body },
      uploads: uploads.map(u => ({ ...u, id: null })), state: "queued", answer: null,
    };
    const db = await this.db;
    item.seq = await run(db, "readwrite", store => store.add(item));
    this.items.push(item);
    this.onChange();
    await this.flush();
    return item;
  }

  get queued() {
    return this.items.filter(i => i.state === "queued" || i.state === "sending");
  }

  /** Sends what waits, oldest first; stops at the first that finds no connection, so the order is kept. */
  flush() {
    this.flushing ??= this.#flush().finally(() => { this.flushing = null; });
    return this.flushing;
  }

  async #flush() {
    for (;;) {
      const item = this.items.filter(i => i.state === "queued").sort((a, b) => a.seq - b.seq)[0];
      if (!item) return;
      item.state = "sending";
      this.onChange();
      try {
        await this.send(item, () => this.#save(item));
        item.state = "ok";
        item.answer = null;
      } catch (error) {
        if (transient(error)) {
          item.state = "queued";
          this.onChange();
          return;
        }
        item.state = "refused";
        item.answer = error?.describe?.() ?? String(error?.message ?? error);
      }
      item.answeredAt = new Date().toISOString();
      await this.#save(item);
      this.onChange();
    }
  }

  async #save(item) {
    const db = await this.db;
    await run(db, "readwrite", store => store.put(item));
  }

  async clearAnswered() {
    const db = await this.db;
    const answered = this.items.filter(i => i.state === "ok" || i.state === "refused");
    await run(db, "readwrite", store => { for (const i of answered) store.delete(i.seq); return {}; });
    this.items = this.items.filter(i => !answered.includes(i));
    this.onChange();
  }
}
