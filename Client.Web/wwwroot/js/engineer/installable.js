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

/** A short two-tone chime and a vibration for a new offer (the page must have been touched once for sound). */
export function alertNewOffer() {
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
