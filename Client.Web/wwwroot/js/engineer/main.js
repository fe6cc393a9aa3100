// The engineer app. After sign-in (and after every reconnect) it reads the engineer's state from
// /api/engineers/{id}/work, so an offer or job made while the phone was closed or offline is shown;
// /hubs/engineer pushes a new offer at once ("offer") and says when to read again ("work").
import { applyI18n, mountLanguageSwitch, onLanguageChange, t, tv } from "../shared/i18n.js";
import { Session, goToSignIn, signInOptions } from "../shared/auth.js";
import { apiClient, describeError } from "../shared/api.js";
import { liveConnection, showConnectionState } from "../shared/live.js";
import { formatTime } from "../shared/format.js";
import { OfferCard, offerFromPush, offerFromWork } from "./offer.js";
import { JobList } from "./jobs.js";
import { PositionReporter } from "./position.js";

const $ = id => document.getElementById(id);
// Outside Development there are no development tokens: signing in is the sign-in page's (a password).
const { devTokens } = await signInOptions;
const session = new Session("dispatch.engineer.session");
const query = new URLSearchParams(location.search);
const demo = query.get("demo") === "1" || query.get("demo") === "true";

applyI18n();
mountLanguageSwitch($("lang"));

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

  const offerCard = new OfferCard($("offer"), {
    accept: async offer => {
      try {
        await api(`/api/tickets/${encodeURIComponent(offer.ticketId)}/accept`, { method: "POST", body: { at: new Date().toISOString() } });
        pushed = null;
        offerCard.clear();
        say("notice", t("offer.accepted", { id: offer.ticketId }));
      } catch (error) {
        say("error", describeError(error));
      }
      await readWork();
    },
    decline: async offer => {
      const reason = prompt(t("offer.declineReason"), "") ?? undefined;
      try {
        await api(`/api/tickets/${encodeURIComponent(offer.ticketId)}/decline`, {
          method: "POST", body: { at: new Date().toISOString(), reason: reason?.trim() || undefined },
        });
        pushed = null;
        offerCard.clear();
        say("notice", t("offer.declined", { id: offer.ticketId }));
      } catch (error) {
        say("error", describeError(error));
      }
      await readWork();
    },
    expired: () => readSoon(),
  });

  const jobs = new JobList($("jobs"), $("jobs-count"), $("jobs-empty"), {
    act: async (job, action, body) => {
      try {
        await api(`/api/tickets/${encodeURIComponent(job.id)}/${action}`, { method: "POST", body: { at: new Date().toISOString(), ...body } });
        say("notice", t("job.done", { action: t(`job.action.${action}`), id: job.id }));
      } catch (error) {
        say("error", describeError(error));
      }
      await readWork();
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
    const offer = offerFromWork(state?.offer) ?? (pushed && Date.parse(pushed.offer.expiresAt) > Date.now() ? pushed.offer : null);
    if (offer) offerCard.show(offer);
    else offerCard.clear();
    jobs.render(state?.jobs ?? []);
    // Demo route: head for the job being travelled to.
    const active = (state?.jobs ?? []).find(j => j.status === "EnRoute") ?? (state?.jobs ?? []).find(j => j.status === "Accepted");
    reporter?.setTarget(active?.location ? { lat: active.location.lat, lon: active.location.lon } : null);
  }

  async function readWork() {
    const seq = ++readSeq;
    const startedAt = Date.now();
    try {
      const work = await api(`${base}/work`);
      if (seq !== readSeq) return;
      state = { ...work, readAt: new Date().toISOString() };
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
        readSoon();
      },
      work: () => readSoon(),
    },
    onUp: () => readWork(),
    onState: (s, detail) => {
      setState(s, detail);
      if (s === "disconnected" && !session.current) signedOut(t("auth.expired"));
    },
  });
  positionLine({ mode: "off" });
  // Reads once even before the hub is up (REST works without it).
  readWork();

  onLanguageChange(() => {
    render();
    setState($("connection").dataset.state);
    if (reporter) positionLine({ mode: reporter.mode, last: reporter.last });
  });

  window.dispatchEngineer = {
    get state() { return state; },
    get connected() { return live?.connected ?? false; },
    readWork,
  };
}
