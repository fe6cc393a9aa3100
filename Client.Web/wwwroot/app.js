// Dispatch landing page: health at a glance, a development sign-in, and the cluster's silos.
"use strict";

const tokenKey = "dispatch.token";

async function showHealth() {
  const list = document.getElementById("health");
  try {
    const response = await fetch("/health");
    const report = await response.json();
    list.replaceChildren(...Object.entries({ overall: { status: report.status }, ...report.checks }).flatMap(([name, check]) => {
      const dt = document.createElement("dt");
      dt.textContent = name;
      const dd = document.createElement("dd");
      dd.textContent = check.status + (check.description ? ` — ${check.description}` : "");
      dd.className = check.status;
      return [dt, dd];
    }));
  } catch (error) {
    list.textContent = `health unavailable: ${error}`;
  }
}

async function api(path) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${sessionStorage.getItem(tokenKey)}` } });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

async function showSession() {
  const signedIn = Boolean(sessionStorage.getItem(tokenKey));
  document.getElementById("login-panel").hidden = signedIn;
  document.getElementById("session-panel").hidden = !signedIn;
  if (!signedIn) return;
  const me = await api("/api/me");
  document.getElementById("who").textContent =
    `${me.name} · ${me.roles.join(", ")}${me.engineerId ? ` · engineer ${me.engineerId}` : ""}`;
  const body = document.querySelector("#silos tbody");
  try {
    const silos = await api("/api/cluster");
    body.replaceChildren(...silos.map(silo => {
      const row = document.createElement("tr");
      for (const value of [silo.name, silo.address, silo.status, new Date(silo.startedAt).toLocaleString()]) {
        const cell = document.createElement("td");
        cell.textContent = value;
        row.append(cell);
      }
      return row;
    }));
  } catch (error) {
    body.replaceChildren();
    body.insertAdjacentText("beforeend", `not visible to this role (${error.message})`);
  }
}

document.getElementById("login").addEventListener("submit", async event => {
  event.preventDefault();
  const form = new FormData(event.target);
  const request = { role: form.get("role") };
  if (form.get("engineerId")) request.engineerId = form.get("engineerId");
  const response = await fetch("/api/dev/token", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(request),
  });
  const error = document.getElementById("login-error");
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    error.textContent = Object.values(problem.errors ?? {}).flat().join(" ") || `sign-in failed (${response.status})`;
    error.hidden = false;
    return;
  }
  error.hidden = true;
  sessionStorage.setItem(tokenKey, (await response.json()).token);
  await showSession();
});

document.getElementById("logout").addEventListener("click", async () => {
  sessionStorage.removeItem(tokenKey);
  await showSession();
});

showHealth();
setInterval(showHealth, 5000);
showSession();
