// The customer's status page. The link's token travels in the fragment (#token), never to a server log; the page
// reads the ticket's public view from /t/{token}/status every few seconds, and the customer confirms the job,
// says it is not done, or answers the survey there.
const $ = id => document.getElementById(id);

const token = decodeURIComponent(location.hash.slice(1));
const base = `/t/${encodeURIComponent(token)}`;
const stages = ["received", "finding-engineer", "engineer-assigned", "on-the-way", "on-site", "done"];
const pollEvery = { active: 5000, idle: 30000 };

let approach = null;
let mapFailed = false;
let current = null;
let timer = null;
const answers = { csat: null, nps: null, ces: null };

async function call(path, body) {
  const response = await fetch(base + path, body === undefined
    ? { cache: "no-store" }
    : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const data = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  return { status: response.status, data };
}

function gone() {
  clearTimeout(timer);
  for (const id of ["ticket", "map-card", "confirm", "survey", "thanks"]) $(id).hidden = true;
  $("gone").hidden = false;
}

function showError(text) {
  $("error").textContent = text ?? "";
  $("error").hidden = !text;
}

function time(value) {
  return new Date(value).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

async function render(view) {
  current = view;
  $("ticket").hidden = false;
  $("reference").textContent = view.reference;
  $("title").textContent = view.title;
  $("status").textContent = view.status;
  $("next").textContent = view.next;
  $("ticket").dataset.stage = view.stage;
  $("updated").textContent = time(view.updatedAt);
  $("updated").dateTime = view.updatedAt;

  const reached = stages.indexOf(view.stage === "closed" ? "done" : view.stage);
  $("stages").replaceChildren(...stages.map((stage, i) => {
    const li = document.createElement("li");
    li.className = i <= reached ? "reached" : "";
    li.title = stage;
    return li;
  }));

  $("engineer").hidden = !view.engineerFirstName;
  $("engineer").textContent = view.engineerFirstName ? `Your engineer: ${view.engineerFirstName}` : "";
  if (view.eta) {
    const minutes = Math.max(1, Math.round((new Date(view.eta) - Date.now()) / 60000));
    $("eta").textContent = `Expected around ${time(view.eta)} (in about ${minutes} min)`;
  }
  $("eta").hidden = !view.eta;

  await renderMap(view);

  $("confirm").hidden = !view.canConfirm;
  $("confirm-done").hidden = !view.canConfirm;
  $("not-done").hidden = !view.canSayNotDone;
  $("survey").hidden = !(view.canTakeSurvey && !view.canConfirm);
  $("thanks").hidden = !view.surveyed;
}

async function renderMap(view) {
  const card = $("map-card");
  if (!view.engineerAt || mapFailed) {
    card.hidden = true;
    return;
  }
  card.hidden = false;
  $("map-note").textContent = "The blue dot is your engineer, the red one is your place.";
  try {
    if (!approach) {
      const { ApproachMap } = await import("./map.js");
      approach = new ApproachMap($("map"));
    }
    approach.resize();
    approach.show(view.location, view.engineerAt);
  } catch (error) {
    // Without WebGL the page still says everything that matters in words.
    console.warn("map unavailable", error);
    mapFailed = true;
    card.hidden = true;
  }
}

async function refresh() {
  clearTimeout(timer);
  try {
    const { status, data } = await call("/status");
    if (status === 404) return gone();
    if (status === 200) {
      showError(null);
      await render(data);
    }
  } catch {
    // Offline for a moment: the next poll catches up.
  }
  const idle = current && (current.surveyed || current.stage === "cancelled");
  timer = setTimeout(refresh, idle ? pollEvery.idle : pollEvery.active);
}

async function act(path, body) {
  showError(null);
  const { status, data } = await call(path, body);
  if (status === 404) return gone();
  if (status === 200) {
    await render(data);
    return true;
  }
  if (status === 400 && data?.errors) {
    for (const fieldset of document.querySelectorAll("fieldset.scale")) {
      fieldset.classList.toggle("invalid", fieldset.dataset.field in data.errors);
    }
    showError(Object.entries(data.errors).map(([field, messages]) => `${field}: ${messages.join(" ")}`).join(" · "));
  } else {
    showError(data?.detail ?? "Something went wrong; please try again.");
  }
  return false;
}

function scale(name, from, to) {
  const container = $(`${name}-options`);
  for (let value = from; value <= to; value++) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = String(value);
    button.dataset.testid = `${name}-${value}`;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", () => {
      answers[name] = value;
      for (const other of container.children) other.setAttribute("aria-pressed", String(other === button));
      container.closest("fieldset").classList.remove("invalid");
    });
    container.append(button);
  }
}

$("confirm-done").addEventListener("click", () => act("/confirm", {}));
$("not-done").addEventListener("click", () => { $("not-done-form").hidden = false; });
$("not-done-form").addEventListener("submit", async event => {
  event.preventDefault();
  const comment = event.target.comment.value.trim();
  if (await act("/not-done", comment ? { comment } : {})) $("not-done-form").hidden = true;
});
$("survey-form").addEventListener("submit", async event => {
  event.preventDefault();
  const body = { csat: answers.csat };
  if (answers.nps !== null) body.nps = answers.nps;
  if (answers.ces !== null) body.ces = answers.ces;
  const comment = event.target.comment.value.trim();
  if (comment) body.comment = comment;
  await act("/survey", body);
});

scale("csat", 1, 5);
scale("nps", 0, 10);
scale("ces", 1, 7);
if (token) {
  refresh();
} else {
  gone();
}
