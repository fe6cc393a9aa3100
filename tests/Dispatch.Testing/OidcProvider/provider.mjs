// A real OpenID Connect provider for the sign-in tests: panva's oidc-provider (OpenID certified) on 127.0.0.1, with one
// confidential client that must use PKCE and a few people who sign in with a password on its own login page.
//   node provider.mjs   with OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (space-separated) and
//                       OIDC_USERS (JSON: {"login": {"password": "...", "claims": {"preferred_username": "...", ...}}})
// Prints "listening <issuer>" once it answers. Its interaction pages are its own (not the dev ones): a password check,
// and consent given with the sign-in, as a company's provider does for its own applications.
import http from "node:http";
import { randomBytes } from "node:crypto";
import Provider from "oidc-provider";

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;
const users = JSON.parse(process.env.OIDC_USERS ?? "{}");

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: process.env.OIDC_REDIRECT_URIS.split(" ").filter(Boolean),
    response_types: ["code"],
    grant_types: ["authorization_code"],
    token_endpoint_auth_method: "client_secret_post",
  }],
  // Every client must send a code challenge (S256), not only public ones.
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: [randomBytes(32).toString("hex")] },
  claims: { openid: ["sub"], profile: ["preferred_username", "name"], email: ["email", "email_verified"] },
  async findAccount(_ctx, id) {
    if (!Object.hasOwn(users, id)) return undefined;
    return { accountId: id, claims: async () => ({ sub: id, ...users[id].claims }) };
  },
});

const escape = text => String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

function loginPage(uid, message) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Test provider · sign in</title></head><body>
<h1>Test provider</h1>${message ? `<p id="provider-error">${escape(message)}</p>` : ""}
<form method="post" action="/interaction/${escape(uid)}/login">
<label>Login <input name="login" id="provider-login" required></label>
<label>Password <input name="password" id="provider-password" type="password" required></label>
<button type="submit" id="provider-submit">Sign in</button></form></body></html>`;
}

async function readForm(req) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error("interaction mismatch");
  if (req.method === "GET") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(loginPage(uid));
    return;
  }
  if (action !== "login") {
    res.writeHead(404).end();
    return;
  }
  const form = await readForm(req);
  const login = form.get("login") ?? "";
  const user = Object.hasOwn(users, login) ? users[login] : undefined;
  if (!user || user.password !== form.get("password")) {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(loginPage(uid, "wrong login or password"));
    return;
  }
  const grant = new provider.Grant({ accountId: login, clientId: details.params.client_id });
  grant.addOIDCScope(String(details.params.scope));
  await provider.interactionFinished(req, res, {
    login: { accountId: login },
    consent: { grantId: await grant.save() },
  }, { mergeWithLastSubmission: false });
}

const handle = provider.callback();
const server = http.createServer(async (req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/([a-z]+))?/.exec(req.url);
  if (!match) {
    handle(req, res);
    return;
  }
  try {
    await interaction(req, res, match[1], match[2]);
  } catch (error) {
    if (!res.headersSent) res.writeHead(400, { "Content-Type": "text/plain" });
    res.end(String(error?.message ?? error));
  }
});
server.listen(port, "127.0.0.1", () => console.log(`listening ${issuer}`));
// The test that started it ends it; a parent that died closes stdin, and then it ends too.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
