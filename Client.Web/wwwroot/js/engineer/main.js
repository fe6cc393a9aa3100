// The engineer app. After sign-in (and after every reconnect) it reads the engineer's state from
// /api/engineers/{id}/work, so an offer or job made while the phone was closed or offline is shown;
// /hubs/engineer pushes a new offer at once ("offer") and says when to read again ("work").
import "./field-messages.js";
import { applyI18n, mountLanguageSwitch, onLanguageChange, t, tv } from "../shared/i18n.js";
import { Session, goToSignIn, signInOptions } from "../shared/auth.js";
import { ApiError, apiClient, describeError } from "../shared/api.js";
import { liveConnection, showConnectionState } from "../shared/live.js";
import { formatTime } from "../shared/format.js";
import { OfferCard, offerFromPush, offerFromWork } from "./offer.js";
import { JobList } from "./jobs.js";
import { PositionReporter } from "./position.js";
import { Outbox } from "./outbox.js";
import { CustomerCards } from "./customer.js";
import { askDeclineReason } from "./decline.js";
import { el, fill } from "../shared/format.js";
import { alertNewOffer, isMuted, registerInstallable, setMuted, subscribeToPush } from "./installable.js";

const $ = id => document.getElementById(id);
// Outside Development there are no development tokens: signing in is the sign-in page's (a password).
const { devTokens } = await signInOptions;
const session = new Session("dispatch.engineer.session");
const query = new URLSearchParams(location.search);
const demo = query.get("demo") === "1" || query.get("demo") === "true";

applyI18n();
mountLanguageSwitch($("lang"));
registerInstallable();

const api = apiClient(() => session.freshToken(), () => signedOut(t("auth.expired")));
let live = null;
let reporter = null;

function signedOut(message) {
  session.signOut();
  reporter?.stop();
  live?.stop();
  live = null;
  showLogin(message);
}

function showLogin(message) {
  if (!devTokens) {
    goToSignIn("engineer", message);
    return;
  }
  $("app").hidden = true;
  $("login").hidden = false;
  $("login-error").hidden = !message;
  $("login-error").textContent = message ?? "";
  const id = query.get("engineer");
  if (id) $("login-form").elements.engineerId.value = id;
}

$("login-form").addEventListener("submit", async event => {
  event.preventDefault();
  const engineerId = new FormData(event.currentTarget).get("engineerId").trim();
  const button = event.currentTarget.querySelector("button");
  button.disabled = true;
  try {
    await session.signIn("engineer", engineerId);
    start();
  } catch (error) {
    showLogin(`${t("auth.failed")}: ${describeError(error)}`);
  } finally {
    button.disabled = false;
  }
});

$("sign-out").addEventListener("click", () => signedOut());

const current = session.current;
if (current?.role === "engineer" && current.engineerId) start();
else showLogin();

function start() {
  const me = session.current;
  const id = me.engineerId;
  const base = `/api/engineers/${encodeURIComponent(id)}`;
  $("login").hidden = true;
  $("app").hidden = false;
  $("me-name").textContent = id;
  const setState = showConnectionState($("connection"), t);
  const mute = $("mute");
  const showMute = () => {
    mute.setAttribute("aria-pressed", String(isMuted()));
    mute.textContent = t(isMuted() ? "sound.off" : "sound.on");
  };
  mute.onclick = () => { setMuted(!isMuted()); showMute(); };
  showMute();
  onLanguageChange(showMute);
  subscribeToPush(api, id);

  let state = null; // the last /work read
  let pushed = null; // {offer, at}: an offer pushed after the last read started
  let readSeq = 0;
  let readTimer = null;

  function say(kind, text) {
    const error = $("app-error");
    const notice = $("app-notice");
    error.hidden = kind !== "error" || !text;
    notice.hidden = kind !== "notice" || !text;
    (kind === "error" ? error : notice).textContent = text ?? "";
    if (kind === "notice" && text) setTimeout(() => { if (notice.textContent === text) notice.hidden = true; }, 4000);
  }

  const workKey = `dispatch.field.work.${id}`;
  const catalogKey = "dispatch.field.catalog";
  let catalog = JSON.parse(localStorage.getItem(catalogKey) ?? "null");
  const catalogRead = api("/api/field/catalog")
    .then(c => { catalog = c; localStorage.setItem(catalogKey, JSON.stringify(c)); return c; })
    .catch(() => catalog);
  // What the phone last read, so a page opened without a connection still shows the day's jobs.
  try { state = JSON.parse(localStorage.getItem(workKey) ?? "null"); } catch { state = null; }

  const customers = new CustomerCards(api, () => render());

  /** Uploads an action's photos (once each), then posts the action with their ids. */
  async function send(item, save) {
    const body = { ...item.body };
    for (const upload of item.uploads ?? []) {
      if (upload.id) continue;
      let response;
      try {
        response = await fetch(`/api/tickets/${encodeURIComponent(item.ticketId)}/photos?kind=${upload.kind}`, {
          method: "POST", body: upload.blob,
          headers: { Authorization: `Bearer ${await session.freshToken()}`, "Content-Type": upload.blob.type || "image/jpeg", Accept: "application/json" },
        });
      } catch (error) {
        throw new ApiError(0, { title: t("error.network"), detail: String(error.message ?? error) });
      }
      const json = await response.json().catch(() => null);
      if (!response.ok) throw new ApiError(response.status, json);
      upload.id = json.id;
      await save();
    }
    const photos = (item.uploads ?? []).filter(u => u.kind === "photo").map(u => u.id);
    const signature = (item.uploads ?? []).find(u => u.kind === "signature")?.id;
    if (photos.length || signature) body.report = { ...(body.report ?? {}), photoIds: photos, signatureId: signature };
    // The app reads its work again after the outbox drains, not from each answer: it asks for none (204).
    return api(`/api/tickets/${encodeURIComponent(item.ticketId)}/${item.action}`, { method: "POST", body, headers: { Prefer: "return=minimal" } });
  }

  const outbox = new Outbox(id, send, () => {
    renderOutbox();
    render();
    if (!outbox.queued.length && outbox.items.some(i => i.answeredAt && !i.reread)) {
      for (const i of outbox.items) i.reread = true;
      readSoon();
    }
  });

  /** Every field action goes through the outbox; without a connection it waits there and says so. */
  async function take(ticketId, action, body = {}, uploads = []) {
    const item = await outbox.take(ticketId, action, body, uploads);
    if (item.state === "queued") say("notice", t("outbox.offline", { action: t(`job.action.${action}`), id: ticketId }));
    else if (item.state === "refused") say("error", item.answer);
    else say("notice", t("job.done", { action: t(`job.action.${action}`), id: ticketId }));
  }

  function renderOutbox() {
    const items = outbox.items;
    const section = $("outbox");
    section.hidden = items.length === 0;
    fill(section,
      el("h2", {}, t("outbox.title"), " ", el("span", { class: "count", "data-testid": "outbox-queued" }, String(outbox.queued.length))),
      el("ul", { class: "outbox-list" }, ...items.map(i => el("li", {
        "data-testid": "outbox-item", dataset: { state: i.state, action: i.action, ticketId: i.ticketId, at: i.body.at },
      }, el("span", {}, t(`job.action.${i.action}`), " · ", i.ticketId, " · ", formatTime(i.body.at)),
      el("span", { class: `outbox-state ${i.state}` }, t(`outbox.${i.state === "sending" ? "sending" : i.state}`)),
      i.answer ? el("span", { class: "error", "data-testid": "outbox-answer" }, i.answer) : null))),
      items.some(i => i.state === "ok" || i.state === "refused")
        ? el("button", { type: "button", class: "link", onclick: () => outbox.clearAnswered() }, t("outbox.clear")) : null);
  }

  /** The state as it will be once what waits in the outbox reaches the server. */
  function projected() {
    if (!state) return null;
    let offer = state.offer;
    let jobs = [...(state.jobs ?? [])];
    const pushedOffer = pushed?.offer;
    const set = (ticketId, status) => { jobs = jobs.map(j => (j.id === ticketId ? { ...j, status, queued: true } : j)); };
    // What waits, and what the server took after this state was read (until the next read shows it).
    const pending = outbox.items.filter(i => i.state === "queued" || i.state === "sending"
      || (i.state === "ok" && (!state.readAt || i.answeredAt > state.readAt)));
    for (const item of pending) {
      const ticketId = item.ticketId;
      switch (item.action) {
        case "accept":
          if (offer?.ticket?.id === ticketId) { jobs.push({ ...offer.ticket, status: "Accepted", queued: true }); offer = null; }
          else if (pushedOffer?.ticketId === ticketId && !jobs.some(j => j.id === ticketId)) {
            jobs.push({ id: ticketId, title: pushedOffer.title, customerId: pushedOffer.customerId, status: "Accepted", location: { lat: pushedOffer.lat, lon: pushedOffer.lon }, sla: pushedOffer.sla, queued: true });
          }
          break;
        case "decline":
          if (offer?.ticket?.id === ticketId) offer = null;
          break;
        case "en-route": set(ticketId, "EnRoute"); break;
        case "on-site": set(ticketId, "OnSite"); break;
        case "waiting-for-parts": set(ticketId, "Waiting"); break;
        case "resolved": jobs = jobs.filter(j => j.id !== ticketId); break;
      }
    }
    return { ...state, offer, jobs };
  }

  const customerOf = job => customers.render(job.id ?? job.ticketId, job);

  const offerCard = new OfferCard($("offer"), {
    accept: async offer => {
      pushed = null;
      offerCard.clear();
      await take(offer.ticketId, "accept");
    },
    decline: async offer => {
      const reason = await askDeclineReason();
      if (reason === null) return;
      pushed = null;
      offerCard.clear();
      await take(offer.ticketId, "decline", { reason });
    },
    expired: () => readSoon(),
    customer: offer => customerOf(offer),
  });

  const jobs = new JobList($("jobs"), $("jobs-count"), $("jobs-empty"), {
    act: async (job, action, { uploads = [], ...body }) => take(job.id, action, body, uploads),
    customer: customerOf,
    catalog: async () => catalog ?? await catalogRead,
    followUp: async (job, title) => {
      try {
        const opened = await api(`/api/tickets/${encodeURIComponent(job.id)}/follow-up`, { method: "POST", body: { title } });
        say("notice", t("followUp.opened", { id: opened.id }));
      } catch (error) {
        say("error", describeError(error));
      }
    },
  });

  function renderStatus() {
    const status = state?.engineer?.status;
    const text = $("me-status");
    text.className = `pill eng-${status ?? ""}`;
    text.dataset.status = status ?? "";
    text.textContent = status ? tv("engStatus", status) : "–";
    const name = state?.engineer?.profile?.name;
    $("me-name").textContent = name ? `${name} · ${id}` : id;
    for (const button of document.querySelectorAll(".status-toggle button")) {
      button.setAttribute("aria-pressed", String(button.dataset.status === status));
    }
    $("read-at").textContent = state ? t("engineer.readAt", { time: formatTime(state.readAt) }) : "";
  }

  function render() {
    renderStatus();
    const view = projected();
    const offeredAway = id => outbox.items.some(i => i.ticketId === id && i.state !== "refused" && (i.action === "accept" || i.action === "decline"));
    const offer = offerFromWork(view?.offer) ?? (pushed && Date.parse(pushed.offer.expiresAt) > Date.now() && !offeredAway(pushed.offer.ticketId) ? pushed.offer : null);
    if (offer) offerCard.show(offer);
    else offerCard.clear();
    jobs.render(view?.jobs ?? []);
    customers.keep([...(view?.jobs ?? []).map(j => j.id), ...(offer ? [offer.ticketId] : [])]);
    // Demo route: head for the job being travelled to.
    const active = (view?.jobs ?? []).find(j => j.status === "EnRoute") ?? (view?.jobs ?? []).find(j => j.status === "Accepted");
    reporter?.setTarget(active?.location ? { lat: active.location.lat, lon: active.location.lon } : null);
  }

  async function readWork() {
    const seq = ++readSeq;
    const startedAt = Date.now();
    try {
      const work = await api(`${base}/work`);
      if (seq !== readSeq) return;
      state = { ...work, readAt: new Date().toISOString() };
      localStorage.setItem(workKey, JSON.stringify(state));
      // A pushed offer newer than this read stays until a later read confirms or removes it.
      if (pushed && (pushed.at < startedAt || work.offer)) pushed = null;
      if ($("app-error").textContent && !$("app-error").hidden && $("app-error").dataset.kind === "work") say("error", null);
      render();
      startPosition();
    } catch (error) {
      if (seq !== readSeq) return;
      say("error", error.status === 404 ? t("engineer.notRegistered", { id }) : describeError(error));
      $("app-error").dataset.kind = "work";
    }
  }

  function readSoon() {
    clearTimeout(readTimer);
    readTimer = setTimeout(readWork, 250);
  }

  for (const button of document.querySelectorAll(".status-toggle button")) {
    button.addEventListener("click", async () => {
      try {
        await api(`${base}/status`, { method: "POST", body: { status: button.dataset.status } });
      } catch (error) {
        say("error", describeError(error));
      }
      await readWork();
    });
  }

  // Position sharing starts once the first /work read told where the engineer is (for demo mode).
  function positionLine(info) {
    const modes = { gps: "position.gps", demo: "position.demo", denied: "position.denied", unavailable: "position.unavailable", off: "position.off" };
    let text = t(modes[info.mode] ?? "position.off");
    if (info.last) text += ` · ${tv("outcome", info.last.outcome)} · ${formatTime(info.last.at)}`;
    if (info.error) text += ` (${info.error})`;
    $("position-line").textContent = text;
    $("position-line").dataset.mode = info.mode;
  }

  function startPosition() {
    if (reporter) return;
    reporter = new PositionReporter({
      report: (lat, lon, at, accuracy) => (live?.connected
        ? live.invoke("ReportPosition", lat, lon, at, accuracy)
        : api(`${base}/position`, { method: "POST", body: { lat, lon, at, accuracy } }).then(r => r?.outcome ?? "Accepted")),
      onUpdate: positionLine,
    });
    if (demo) {
      const p = state?.engineer?.position?.point ?? state?.engineer?.profile?.homeBase;
      reporter.startDemo(p ? { lat: p.lat, lon: p.lon } : null);
    } else {
      reporter.startGeolocation();
    }
    render();
  }

  live = liveConnection({
    url: "/hubs/engineer",
    token: () => session.freshToken(),
    handlers: {
      offer: push => {
        if (push.engineerId && push.engineerId !== id) return;
        const offer = offerFromPush(push);
        pushed = { offer, at: Date.now() };
        offerCard.show(offer, { fresh: true });
        alertNewOffer(offer);
        readSoon();
      },
      work: () => readSoon(),
    },
    onUp: () => { outbox.flush(); readWork(); },
    onState: (s, detail) => {
      setState(s, detail);
      if (s === "disconnected" && !session.current) signedOut(t("auth.expired"));
    },
  });
  positionLine({ mode: "off" });
  render();
  outbox.load();
  // Reads once even before the hub is up (REST works without it).
  readWork();

  onLanguageChange(() => {
    render();
    renderOutbox();
    setState($("connection").dataset.state);
    if (reporter) positionLine({ mode: reporter.mode, last: reporter.last });
  });

  window.dispatchEngineer = {
    get state() { return state; },
    get connected() { return live?.connected ?? false; },
    get outbox() { return outbox.items.map(({ uploads, ...i }) => i); },
    readWork,
  };
}
