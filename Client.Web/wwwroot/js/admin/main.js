// Account administration: users (create, import a CSV, disable, enable, reset a password) and integrators' API
// keys. Signed in with a password as an admin (the sign-in page), or in Development with a development admin token.
import { applyI18n, mountLanguageSwitch, t, tv } from "../shared/i18n.js";
import "../shared/account-messages.js";
import { Session, goToSignIn, signInOptions, storageKeys } from "../shared/auth.js";
import { ApiError, apiClient, describeError } from "../shared/api.js";
import { el } from "../shared/format.js";

const $ = id => document.getElementById(id);
const session = new Session(storageKeys.admin);
const { devTokens } = await signInOptions;

applyI18n();
mountLanguageSwitch($("lang"));

const api = apiClient(() => session.freshToken(), () => signedOut(t("auth.expired")));

function signedOut(message) {
  session.signOut();
  goToSignIn("admin", message);
}
$("sign-out").addEventListener("click", () => signedOut());

function showError(error) {
  $("admin-error").hidden = !error;
  $("admin-error").textContent = error ? describeError(error) : "";
}

/** A password or key shown once: it is not kept anywhere by this page. */
function showSecret(title, lines) {
  $("secret").hidden = false;
  $("secret-title").textContent = title;
  $("secret-body").textContent = lines.join("\n");
}

async function act(work) {
  showError(null);
  try {
    await work();
    await render();
  } catch (error) {
    showError(error);
  }
}

function button(label, onClick, testId) {
  const node = el("button", { type: "button", class: "link" }, label);
  if (testId) node.dataset.testid = testId;
  node.addEventListener("click", () => act(onClick));
  return node;
}

async function render() {
  const users = await api("/api/admin/users");
  $("users").replaceChildren(...users.map(user => {
    const state = [user.disabled && t("admin.disabled"), user.lockedOut && t("admin.locked"), user.mustChangePassword && t("admin.mustChange")]
      .filter(Boolean).join(", ");
    const row = el("tr", {},
      el("td", {}, user.userName),
      el("td", {}, user.displayName ?? ""),
      el("td", {}, tv("role", user.role) + (user.engineerId ? ` · ${user.engineerId}` : "")),
      el("td", {}, user.regions.join(" ")),
      el("td", { class: "muted" }, state),
      el("td", {},
        user.disabled
          ? button(t("admin.enable"), () => api(`/api/admin/users/${encodeURIComponent(user.userName)}/enable`, { method: "POST" }), `enable-${user.userName}`)
          : button(t("admin.disable"), () => api(`/api/admin/users/${encodeURIComponent(user.userName)}/disable`, { method: "POST" }), `disable-${user.userName}`),
        " ",
        button(t("admin.reset"), async () => {
          const reset = await api(`/api/admin/users/${encodeURIComponent(user.userName)}/reset-password`, { method: "POST" });
          showSecret(t("admin.oneTime"), [`${reset.userName}: ${reset.oneTimePassword}`]);
        })));
    row.dataset.user = user.userName;
    return row;
  }));
  const keys = await api("/api/admin/api-keys");
  $("keys").replaceChildren(...keys.map(key => {
    const row = el("tr", {},
      el("td", {}, key.name),
      el("td", {}, key.channel ?? ""),
      el("td", { class: "muted" }, key.revokedAt ? `${t("admin.revoke")}: ${key.revokedAt}` : key.id),
      el("td", {}, key.revokedAt ? "" : button(t("admin.revoke"), () => api(`/api/admin/api-keys/${encodeURIComponent(key.id)}`, { method: "DELETE" }), `revoke-${key.id}`)));
    row.dataset.key = key.id;
    return row;
  }));
}

$("create-form").addEventListener("submit", event => {
  event.preventDefault();
  const form = new FormData(event.currentTarget);
  const optional = name => String(form.get(name) ?? "").trim() || undefined;
  const regions = String(form.get("regions") ?? "").split(/[\s;,]+/).filter(Boolean);
  act(async () => {
    const created = await api("/api/admin/users", {
      method: "POST",
      body: { userName: optional("userName"), displayName: optional("displayName"), role: form.get("role"), engineerId: optional("engineerId"), regions },
    });
    showSecret(t("admin.oneTime"), [`${created.userName}: ${created.oneTimePassword}`]);
    event.target.reset();
  });
});

$("import-form").addEventListener("submit", event => {
  event.preventDefault();
  const file = new FormData(event.currentTarget).get("file");
  act(async () => {
    const response = await fetch("/api/admin/users/import", {
      method: "POST",
      headers: { "Content-Type": "text/csv", Accept: "application/json", Authorization: `Bearer ${await session.freshToken()}` },
      body: await file.text(),
    });
    const json = await response.json().catch(() => null);
    if (!response.ok) {
      throw new ApiError(response.status, json, "/api/admin/users/import");
    }
    showSecret(t("admin.oneTime"), json.users.map(user => `${user.userName}: ${user.oneTimePassword}`));
  });
});

$("key-form").addEventListener("submit", event => {
  event.preventDefault();
  const form = new FormData(event.currentTarget);
  const channel = String(form.get("channel") ?? "").trim() || undefined;
  act(async () => {
    const key = await api("/api/admin/api-keys", { method: "POST", body: { name: String(form.get("name")).trim(), channel } });
    showSecret(t("admin.keyShown"), [key.apiKey]);
    event.target.reset();
  });
});

async function start() {
  if (!session.current && devTokens) {
    // Development: an admin token from /api/dev/token, like the console's role sign-in.
    await session.signIn("admin");
  }
  const me = session.current;
  if (!me || me.role !== "admin") {
    goToSignIn("admin");
    return;
  }
  $("who").textContent = `${tv("role", me.role)} · ${me.name}`;
  $("admin").hidden = false;
  await render().catch(showError);
}

start();
