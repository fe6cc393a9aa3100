// The field app as an installed app: its service worker keeps the app shell on the phone so that the page opens
// without a connection, and a new offer sounds and vibrates while the page is open.

/** Registers the service worker and hands it the files this page loaded, so it can keep them. */
export function registerInstallable() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("engineer-sw.js", { scope: "./" }).then(async () => {
    const ready = await navigator.serviceWorker.ready;
    const files = [location.pathname, ...performance.getEntriesByType("resource").map(r => r.name)]
      .map(u => new URL(u, location.href))
      .filter(u => u.origin === location.origin && !u.pathname.startsWith("/api/") && !u.pathname.startsWith("/hubs/"))
      .map(u => u.pathname);
    ready.active?.postMessage({ keep: [...new Set(files)] });
  }).catch(() => { /* a browser that refuses service workers still runs the app online */ });
}

let audio = null;

const mutedKey = "dispatch.field.muted";

/** Whether the engineer silenced the offer chime and vibration (kept on this phone). */
export function isMuted() {
  return localStorage.getItem(mutedKey) === "1";
}

export function setMuted(muted) {
  if (muted) localStorage.setItem(mutedKey, "1");
  else localStorage.removeItem(mutedKey);
}

/** A short two-tone chime and a vibration for a new offer (the page must have been touched once for sound), unless muted. */
export function alertNewOffer() {
  if (isMuted()) return;
  navigator.vibrate?.([300, 120, 300]);
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, hz] of [880, 1320].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = hz;
      gain.gain.setValueAtTime(0.2, now + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.001, now + i * 0.25 + 0.22);
      tone.connect(gain).connect(audio.destination);
      tone.start(now + i * 0.25);
      tone.stop(now + i * 0.25 + 0.23);
    }
  } catch {
    // No audio on this device: the vibration and the card's pulse remain.
  }
}

/**
 * Web Push, when the server has a VAPID key: subscribes this phone with the push service and hands the subscription
 * to the server, which pushes new offers to it while the app is closed (the service worker shows them).
 */
export async function subscribeToPush(api, engineerId) {
  if (!("serviceWorker" in navigator) || !("PushManager" in window)) return false;
  try {
    const { publicKey } = await api("/api/field/push");
    if (!publicKey) return false;
    const registration = await navigator.serviceWorker.ready;
    const subscription = await registration.pushManager.getSubscription()
      ?? await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) });
    await api(`/api/engineers/${encodeURIComponent(engineerId)}/push-subscription`, { method: "PUT", body: subscription.toJSON() });
    return true;
  } catch {
    // Notifications refused, or no push service reachable: the open app still hears offers live.
    return false;
  }
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}
