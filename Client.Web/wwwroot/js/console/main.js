// The console's first module, kept small: it decides whether this tab is signed in before anything heavy loads.
// Signed out (and no development sign-in), the tab goes to the sign-in page without loading the console or the map.
// Signed in, it starts at once what the first view waits for: the hub connection and its snapshot, and the console
// itself (console-app.js), which takes them over. The map library (MapLibre, the largest part) runs after the
// snapshot's markers are drawn (see map.js).
import { Session, goToSignIn, signInOptions } from "../shared/auth.js";
import { hubConnection, startEarly } from "../shared/live.js";

performance.mark("console:boot");
const session = new Session("dispatch.console.session");
const consoleRoles = new Set(["dispatcher", "supervisor", "director", "admin"]);
const current = session.current;
const signedIn = Boolean(current && consoleRoles.has(current.role));

if (!signedIn && !(await signInOptions).devTokens) {
  goToSignIn("console");
} else {
  let early = null;
  if (signedIn) {
    early = startEarly(hubConnection("/hubs/dispatch", () => session.freshToken()), ["tickets", "engineers", "alerts", "heat", "kpis", "notification"],
      connection => {
        performance.mark("console:hub-connected");
        return connection.invoke("Snapshot").then(snapshot => {
          performance.mark("console:snapshot-read");
          return snapshot;
        });
      });
  }
  const { runConsole } = await import("./console-app.js");
  runConsole(session, signedIn, early);
}
