// The sign-in page of the console, the engineer app and the admin page (?app=console|engineer|admin): user name and
// password, then, when the password was one-time, a new one; or, when the node has one, the OpenID Connect provider,
// which comes back here with ?external=done (the session is fetched once from the handoff cookie) or ?refused=why.
// The session is kept where that app looks for it, and the browser goes back to the app.
import { applyI18n, mountLanguageSwitch, t } from "../shared/i18n.js";
import "../shared/account-messages.js";
import { Session, signInOptions, storageKeys } from "../shared/auth.js";
import { ApiError, describeError } from "../shared/api.js";

const $ = id => document.getElementById(id);
const query = new URLSearchParams(location.search);
const app = query.get("app") in storageKeys ? query.get("app") : "console";
const mayUse = {
  console: role => ["dispatcher", "supervisor", "director", "admin"].includes(role),
  engineer: role => role === "engineer",
  admin: role => role === "admin",
};

applyI18n();
mountLanguageSwitch($("lang"));
$("for-app").textContent = t(`signin.for.${app}`);
const form = $("signin-form");
let changing = false;

function showError(message) {
  $("signin-error").hidden = !message;
  $("signin-error").textContent = message ?? "";
}
showError(query.get("message"));
const refused = query.get("refused");
if (["unknown", "disabled", "failed"].includes(refused)) showError(t(`signin.refused.${refused}`));

signInOptions.then(options => {
  if (!options.provider) return;
  $("provider-link").textContent = t("signin.with", { name: options.provider });
  $("provider-link").href = `api/auth/external/start?${new URLSearchParams({ app })}`;
  $("provider").hidden = false;
});

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(body),
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, json, path);
  return json;
}

/** Keeps the session for the app and goes there, unless the account's role cannot use this app. */
async function enter(tokens) {
  if (!mayUse[app](tokens.role)) {
    await post("/api/auth/sign-out", { refreshToken: tokens.refreshToken }).catch(() => {});
    showError(t("signin.wrongApp"));
    return;
  }
  new Session(storageKeys[app]).usePasswordSession(tokens);
  location.replace(`${app}.html`);
}

// Back from the provider: the one-time handoff becomes the session (a second try of it is refused by the server).
if (query.get("external") === "done") {
  history.replaceState(null, "", `signin.html?${new URLSearchParams({ app })}`);
  post("/api/auth/external/session", {})
    .then(enter)
    .catch(error => showError(`${t("auth.failed")}: ${describeError(error)}`));
}

form.addEventListener("submit", async event => {
  event.preventDefault();
  const fields = new FormData(form);
  const userName = String(fields.get("userName")).trim();
  const password = String(fields.get("password"));
  const button = form.querySelector("button");
  button.disabled = true;
  showError(null);
  try {
    let tokens;
    if (changing) {
      const newPassword = String(fields.get("newPassword"));
      if (newPassword !== fields.get("repeat")) {
        showError(t("signin.mismatch"));
        return;
      }
      tokens = await post("/api/auth/password", { userName, password, newPassword });
    } else {
      tokens = await post("/api/auth/sign-in", { userName, password });
    }
    if (tokens.passwordChangeRequired) {
      changing = true;
      $("change").hidden = false;
      for (const name of ["newPassword", "repeat"]) form.elements[name].required = true;
      form.elements.newPassword.focus();
      return;
    }
    await enter(tokens);
  } catch (error) {
    showError(`${t("auth.failed")}: ${describeError(error)}`);
  } finally {
    button.disabled = false;
  }
});
form.querySelector("button").disabled = false;
